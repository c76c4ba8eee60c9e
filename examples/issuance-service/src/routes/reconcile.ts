import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';

import { CsvFormatError } from '../intake/csv.js';
import { OperationError, type Service } from '../operations.js';
import { reconcile, sourceDosesFromCsv, sourceDosesFromRequests } from '../reconcile.js';

/** Registers `POST /v1/reconcile`. */
export function registerReconcileRoutes(app: FastifyInstance, service: Service, options: { admin: preHandlerAsyncHookHandler }): void {
  app.post(
    '/v1/reconcile',
    {
      preHandler: options.admin,
      schema: {
        summary: 'Compare source records with the stored certificates and correct the differences',
        description:
          'The body is a certify request, or an array of them, whose meta.vaccinations list gives each earlier dose ' +
          '(dose, date, batch, name, manufacturer); or a CSV export (Content-Type: text/csv) with the columns ' +
          'preEnrollmentCode, dose, date, batch, vaccine, manufacturer. Each dose whose date, batch, vaccine or ' +
          'manufacturer differs from its current certificate is corrected; doses at the correction limit are ' +
          'reported as limited. With ?dryRun=true nothing is corrected.',
        querystring: { type: 'object', properties: { dryRun: { type: 'string', enum: ['true', 'false'] } } },
      },
    },
    async (request) => {
      const dryRun = (request.query as { dryRun?: string }).dryRun === 'true';
      let items;
      if (Buffer.isBuffer(request.body)) {
        try {
          items = sourceDosesFromCsv(request.body.toString('utf8'));
        } catch (error) {
          if (error instanceof CsvFormatError) throw new OperationError(400, 'invalid_csv', error.message);
          throw error;
        }
      } else {
        items = sourceDosesFromRequests(request.body);
      }
      return reconcile(service, items, { dryRun });
    },
  );
}
