import { randomUUID } from 'node:crypto';

import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { CertifyRequest } from '@vaxcert/schemas';

import { CsvFormatError, csvRecordToRequest, parseBulkCsv } from '../intake/csv.js';
import { sha256Hex, toNewRequest, validateBatch, validateRequest } from '../intake/requests.js';
import type { Service } from '../operations.js';
import type { NewRequest, UploadRow } from '../storage/repository.js';

/** Called with the requests a call stored, to hand them to the signers. */
export type AcceptedHandler = (requests: readonly NewRequest[]) => Promise<void>;

const issueSchema = {
  type: 'object',
  properties: { pointer: { type: 'string' }, message: { type: 'string' } },
} as const;

/** Registers `POST /v1/certify`, `GET /v1/certify/:trackingId`, `POST /v1/bulk` and `GET /v1/bulk/:uploadId`. */
export function registerIntakeRoutes(
  app: FastifyInstance,
  service: Service,
  options: { facility: preHandlerAsyncHookHandler; onAccepted: AcceptedHandler },
): void {
  const { repository, config } = service;

  app.post(
    '/v1/certify',
    {
      preHandler: options.facility,
      schema: {
        summary: 'Accept certify requests',
        description:
          'Validates every request first; when one is invalid nothing is stored and the answer lists every issue. ' +
          'Otherwise each request is committed before the 202 answer and signed in the background.',
        body: { type: 'array', minItems: 1, maxItems: config.maxRequestsPerCall, items: { type: 'object' } },
        response: {
          202: {
            type: 'object',
            properties: {
              requests: {
                type: 'array',
                items: { type: 'object', properties: { trackingId: { type: 'string' }, duplicate: { type: 'boolean' } } },
              },
            },
          },
          400: { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array', items: issueSchema } } },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as unknown[];
      const issues = validateBatch(body, new Date());
      if (issues.length > 0) {
        return reply.code(400).send({ error: 'invalid_request', message: `${issues.length} invalid field(s); nothing was stored`, issues });
      }

      const rows = (body as CertifyRequest[]).map((item) => toNewRequest(item, { programme: config.programme, webhookUrl: config.webhookUrl ?? null }));
      const stored = await repository.enqueue(rows, Date.now());
      await options.onAccepted(rows.filter((_row, index) => stored[index]!.created));
      request.log.info({ accepted: stored.length, duplicates: stored.filter((item) => !item.created).length }, 'certify requests stored');
      return reply.code(202).send({ requests: stored.map((item) => ({ trackingId: item.trackingId, duplicate: !item.created })) });
    },
  );

  app.get(
    '/v1/certify/:trackingId',
    {
      preHandler: options.facility,
      schema: {
        summary: 'State of a certify request: pending, issued or rejected',
        params: { type: 'object', properties: { trackingId: { type: 'string' } }, required: ['trackingId'] },
      },
    },
    async (request, reply) => {
      const { trackingId } = request.params as { trackingId: string };
      const found = await repository.getRequest(trackingId);
      if (found === undefined) return reply.code(404).send({ error: 'not_found', message: `no certify request "${trackingId}"` });
      return {
        trackingId,
        state: found.state,
        ...(found.certificateId === null ? {} : { certificateId: found.certificateId, duplicate: found.duplicate }),
        ...(found.state === 'rejected' ? { reason: found.reason } : {}),
        attempts: found.attempts,
      };
    },
  );

  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: config.bodyLimitBytes }, (_request, body, done) => done(null, body));

  app.post(
    '/v1/bulk',
    {
      preHandler: options.facility,
      schema: {
        summary: 'Upload certify requests as CSV (Content-Type: text/csv)',
        description: 'Each valid row is queued and each invalid row recorded with its errors. The same file uploaded again returns the first upload.',
      },
    },
    async (request, reply) => {
      const bytes = request.body;
      if (!Buffer.isBuffer(bytes)) return reply.code(415).send({ error: 'unsupported_media_type', message: 'send the CSV file with Content-Type: text/csv' });

      const contentHash = sha256Hex(bytes);
      const known = await repository.findUploadByHash(contentHash);
      if (known !== undefined) return reply.code(200).send({ uploadId: known, duplicate: true });

      let records;
      try {
        records = parseBulkCsv(bytes.toString('utf8'));
      } catch (error) {
        if (error instanceof CsvFormatError) return reply.code(400).send({ error: 'invalid_csv', message: error.message });
        throw error;
      }
      const now = new Date();
      const rows: UploadRow[] = records.map((record, index) => {
        const certifyRequest = csvRecordToRequest(record);
        const issues = validateRequest(certifyRequest, now);
        // Row 1 is the header, so the first request is on row 2 of the file.
        const rowNumber = index + 2;
        if (issues.length > 0) return { rowNumber, errors: issues };
        return { rowNumber, request: toNewRequest(certifyRequest, { programme: config.programme, webhookUrl: config.webhookUrl ?? null }) };
      });
      const upload = await repository.createUpload({ uploadId: randomUUID(), contentHash, rows }, Date.now());
      if (upload.created) await options.onAccepted(rows.flatMap((row) => (row.request === undefined ? [] : [row.request])));
      const accepted = rows.filter((row) => row.request !== undefined).length;
      request.log.info({ uploadId: upload.uploadId, rows: rows.length, accepted }, 'bulk upload stored');
      return reply.code(upload.created ? 202 : 200).send({ uploadId: upload.uploadId, duplicate: !upload.created, rows: rows.length, accepted, rejected: rows.length - accepted });
    },
  );

  app.get(
    '/v1/bulk/:uploadId',
    { preHandler: options.facility, schema: { summary: 'State and errors of every row of a bulk upload' } },
    async (request, reply) => {
      const { uploadId } = request.params as { uploadId: string };
      const upload = await repository.getUpload(uploadId);
      if (upload === undefined) return reply.code(404).send({ error: 'not_found', message: `no upload "${uploadId}"` });
      return upload;
    },
  );
}
