import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { VaccinationCredential } from '@vaxcert/schemas';

import { certificateEvent } from '../signing/process.js';
import { OperationError, changeSuspension, correct, describeCertificate, revoke, type Service } from '../operations.js';

function parseDoses(text: string | undefined): number[] | OperationError {
  if (text === undefined || text === '') return [];
  const doses = text.split(',').map((part) => Number(part.trim()));
  if (!doses.every((dose) => Number.isInteger(dose) && dose > 0)) {
    return new OperationError(400, 'invalid_request', `"doses" must be a comma-separated list of positive integers, got "${text}"`);
  }
  return doses;
}

const codeParams = { type: 'object', properties: { preEnrollmentCode: { type: 'string' } }, required: ['preEnrollmentCode'] } as const;

/** Registers the certificate routes: download, correction, revocation, suspension. */
export function registerCertificateRoutes(
  app: FastifyInstance,
  service: Service,
  options: { facility: preHandlerAsyncHookHandler; admin: preHandlerAsyncHookHandler },
): void {
  app.get(
    '/v1/certificates/:preEnrollmentCode',
    { preHandler: options.facility, schema: { summary: "A beneficiary's current certificate of each dose", params: codeParams } },
    async (request, reply) => {
      const { preEnrollmentCode } = request.params as { preEnrollmentCode: string };
      const rows = await service.repository.currentCertificates(preEnrollmentCode);
      if (rows.length === 0) return reply.code(404).send({ error: 'not_found', message: `no certificates for beneficiary "${preEnrollmentCode}"` });

      const certificates = await Promise.all(rows.map((row) => describeCertificate(service, row)));
      const now = Date.now();
      await service.repository.recordEvents(rows.map((row) => certificateEvent('downloaded', JSON.parse(row.credential) as VaccinationCredential, now)));
      return { preEnrollmentCode, certificates };
    },
  );

  app.put(
    '/v1/certificate',
    {
      preHandler: options.admin,
      schema: {
        summary: 'Correct a certificate',
        description: 'Issues a new certificate from the corrected certify request and revokes the current one. 412 when the dose reached the correction limit.',
        body: { type: 'object' },
      },
    },
    async (request, reply) => reply.code(200).send(await correct(service, request.body)),
  );

  app.delete(
    '/v1/certificates/:preEnrollmentCode',
    {
      preHandler: options.admin,
      schema: { summary: 'Revoke the certificates of some doses', params: codeParams, querystring: { type: 'object', properties: { doses: { type: 'string' } }, required: ['doses'] } },
    },
    async (request) => {
      const { preEnrollmentCode } = request.params as { preEnrollmentCode: string };
      const doses = parseDoses((request.query as { doses: string }).doses);
      if (doses instanceof OperationError) throw doses;
      if (doses.length === 0) throw new OperationError(400, 'invalid_request', '"doses" must name at least one dose');
      return { revoked: await revoke(service, preEnrollmentCode, doses) };
    },
  );

  for (const action of ['suspend', 'reinstate'] as const) {
    app.post(
      `/v1/certificates/:preEnrollmentCode/${action}`,
      {
        preHandler: options.admin,
        schema: {
          summary: `${action === 'suspend' ? 'Suspend' : 'Reinstate'} current certificates (all doses unless ?doses=1,2)`,
          params: codeParams,
          querystring: { type: 'object', properties: { doses: { type: 'string' } } },
        },
      },
      async (request) => {
        const { preEnrollmentCode } = request.params as { preEnrollmentCode: string };
        const doses = parseDoses((request.query as { doses?: string }).doses);
        if (doses instanceof OperationError) throw doses;
        return { [action === 'suspend' ? 'suspended' : 'reinstated']: await changeSuspension(service, preEnrollmentCode, doses, action) };
      },
    );
  }
}
