import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { verify, type VerificationResult } from '@vaxcert/verifier-sdk';

import type { Service } from '../operations.js';
import type { AnalyticsEvent } from '../storage/repository.js';
import type { SignedStatusList } from './public.js';

/** Largest QR text accepted, in characters; the service's own payloads are below 1,400. */
const MAX_QR_LENGTH = 8_192;

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Returns the `verified` event of a result: the outcome and what the certificate is, never who. */
export function verifiedEvent(result: VerificationResult, at: number): AnalyticsEvent {
  const subject = result.credential?.credentialSubject as { address?: { state?: unknown } } | undefined;
  return {
    at,
    event: 'verified',
    outcome: result.status,
    vaccine: result.certificate?.vaccine ?? null,
    dose: result.certificate?.dose ?? null,
    certificateKind: result.certificate?.certificateKind ?? null,
    region: stringOrNull(subject?.address?.state),
  };
}

/**
 * Registers `POST /v1/verify`, which verifies a QR text against this service's DID document
 * and status lists. It needs no credentials and is rate-limited per client address to
 * `verifyRateLimit` calls a minute.
 */
export async function registerVerifyRoutes(
  app: FastifyInstance,
  service: Service,
  statusLists: (listId: string) => Promise<SignedStatusList | undefined>,
): Promise<void> {
  await app.register(rateLimit, { global: false });
  const listPrefix = `${service.config.publicUrl}/status-lists/`;
  const trustedIssuers = [service.didDocument];

  // Lists are read from the database, never fetched, so a payload cannot make the service call out.
  const fetchOwnList = async (url: string): Promise<unknown> => {
    const listId = url.startsWith(listPrefix) ? url.slice(listPrefix.length) : '';
    if (listId === '' || listId.includes('/')) throw new Error(`status list "${url}" is not one of this service's lists`);
    const list = await statusLists(listId);
    if (list === undefined) throw new Error(`no status list "${listId}"`);
    return list.credential;
  };

  app.post(
    '/v1/verify',
    {
      config: { rateLimit: { max: service.config.verifyRateLimit, timeWindow: 60_000 } },
      schema: {
        summary: "Verify a certificate's QR text against this issuer's keys and status lists",
        description:
          'Returns the verification result: status, every check, and the display fields. Only certificates of this ' +
          'issuer can be valid. Rate-limited per client address; 429 when the limit is reached.',
        security: [],
        body: {
          type: 'object',
          required: ['qr'],
          properties: { qr: { type: 'string', minLength: 1, maxLength: MAX_QR_LENGTH } },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { qr } = request.body as { qr: string };
      const result = await verify({ qr, trustedIssuers, statusSource: { fetch: fetchOwnList } });
      await service.repository.recordEvents([verifiedEvent(result, Date.now())]);
      return result;
    },
  );
}
