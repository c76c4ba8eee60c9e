import type { FastifyInstance } from 'fastify';
import type { BitstringStatusListCredential } from '@vaxcert/issuer-sdk';

import type { Service } from '../operations.js';

/** A signed status list and the stored version it was signed from. */
export interface SignedStatusList {
  readonly credential: BitstringStatusListCredential;
  readonly version: number;
}

/**
 * Creates the source of signed status lists. A list is signed again only after it changed,
 * or an hour after it was last signed, well before the `validUntil` of 24 hours that the
 * manager sets. Returns `undefined` for an unknown list.
 */
export function createStatusListPublisher(service: Service): (listId: string) => Promise<SignedStatusList | undefined> {
  // Signed lists by `<id>:<version>`.
  const signed = new Map<string, { credential: BitstringStatusListCredential; until: number }>();
  return async (listId) => {
    const record = await service.repository.statusLists.get(listId);
    if (record === undefined) return undefined;

    const cacheKey = `${listId}:${record.version}`;
    let entry = signed.get(cacheKey);
    if (entry === undefined || entry.until < Date.now()) {
      const credential = await service.statusManager.publish({ listId, key: service.key, now: new Date() });
      entry = { credential, until: Date.now() + 3_600_000 };
      for (const key of signed.keys()) if (key.startsWith(`${listId}:`)) signed.delete(key);
      signed.set(cacheKey, entry);
    }
    return { credential: entry.credential, version: record.version };
  };
}

/** Registers the unauthenticated routes: the DID document and the status lists. */
export function registerPublicRoutes(
  app: FastifyInstance,
  service: Service,
  statusLists: (listId: string) => Promise<SignedStatusList | undefined>,
): void {
  const maxAgeSeconds = Math.floor(service.config.statusListTtlMs / 1000);

  app.get('/.well-known/did.json', { schema: { summary: "The issuer's DID document with current and retired keys" } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').send(service.didDocument),
  );

  app.get(
    '/status-lists/:listId',
    { schema: { summary: 'A signed BitstringStatusListCredential', params: { type: 'object', properties: { listId: { type: 'string' } } } } },
    async (request, reply) => {
      const { listId } = request.params as { listId: string };
      const record = await service.repository.statusLists.get(listId);
      if (record === undefined) return reply.code(404).send({ error: 'not_found', message: `no status list "${listId}"` });

      const etag = `"${listId}-${record.version}"`;
      void reply.header('etag', etag).header('cache-control', `public, max-age=${maxAgeSeconds}`);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();

      const list = await statusLists(listId);
      if (list === undefined) return reply.code(404).send({ error: 'not_found', message: `no status list "${listId}"` });
      return reply.header('content-type', 'application/vc+ld+json').send(list.credential);
    },
  );
}
