import type { FastifyInstance } from 'fastify';
import type { BitstringStatusListCredential } from '@vaxcert/issuer-sdk';

import type { Service } from '../operations.js';

/** Registers the unauthenticated routes: the DID document and the status lists. */
export function registerPublicRoutes(app: FastifyInstance, service: Service): void {
  // Signed lists by `<id>:<version>`; a list is signed again only after it changed.
  const signed = new Map<string, { credential: BitstringStatusListCredential; until: number }>();
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

      const cacheKey = `${listId}:${record.version}`;
      let entry = signed.get(cacheKey);
      // Re-sign well before validUntil, which the manager sets 24 hours after signing.
      if (entry === undefined || entry.until < Date.now()) {
        const credential = await service.statusManager.publish({ listId, key: service.key, now: new Date() });
        entry = { credential, until: Date.now() + 3_600_000 };
        for (const key of signed.keys()) if (key.startsWith(`${listId}:`)) signed.delete(key);
        signed.set(cacheKey, entry);
      }
      return reply.header('content-type', 'application/vc+ld+json').send(entry.credential);
    },
  );
}
