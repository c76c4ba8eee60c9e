import { createHash, createPublicKey, randomBytes } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';
import { jwtVerify, type JWTVerifyOptions } from 'jose';

import type { ServiceConfig } from './config.js';
import type { Repository, Role } from './storage/repository.js';

/** The authenticated caller of a request. */
export interface Principal {
  readonly subject: string;
  readonly role: Role;
}

/** Returns the SHA-256 hash under which an API key is stored. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/**
 * Creates a random API key: 32 bytes, base64url. Only its SHA-256 hash is stored; a fast hash
 * suffices because the key is random, unlike a password.
 */
export function generateApiKey(): string {
  return `vxk_${randomBytes(32).toString('base64url')}`;
}

/** Error with the HTTP status that authentication ends in. */
export class AuthError extends Error {
  constructor(
    readonly statusCode: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

const ROLES: readonly Role[] = ['facility', 'admin'];
const API_KEY_CACHE_MS = 30_000;

/**
 * Creates the authenticator: `X-API-Key: <key>`, `Authorization: Bearer <key>` or
 * `Authorization: Bearer <JWT>` signed with HS256 (`JWT_SECRET`) or EdDSA (`JWT_PUBLIC_KEY`)
 * and carrying a `role` claim of `facility` or `admin`.
 */
export function createAuthenticator(config: ServiceConfig, repository: Repository) {
  const cache = new Map<string, { principal: Principal | undefined; until: number }>();
  const hmacKey = config.jwtSecret === undefined ? undefined : new TextEncoder().encode(config.jwtSecret);
  const publicKey = config.jwtPublicKeyPem === undefined ? undefined : createPublicKey(config.jwtPublicKeyPem);
  const verifyOptions: JWTVerifyOptions = {
    ...(config.jwtIssuer === undefined ? {} : { issuer: config.jwtIssuer }),
    ...(config.jwtAudience === undefined ? {} : { audience: config.jwtAudience }),
  };

  async function fromToken(token: string): Promise<Principal> {
    let header: { alg?: string };
    try {
      header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { alg?: string };
    } catch {
      throw new AuthError(401, 'invalid token: its header is not base64url JSON');
    }
    const key = header.alg === 'EdDSA' ? publicKey : header.alg === 'HS256' ? hmacKey : undefined;
    if (key === undefined) throw new AuthError(401, `tokens signed with "${String(header.alg)}" are not accepted`);

    const algorithms = [header.alg!];
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key, { ...verifyOptions, algorithms }));
    } catch {
      throw new AuthError(401, 'invalid or expired token');
    }
    const role = payload.role as Role;
    if (!ROLES.includes(role)) throw new AuthError(403, 'token has no "role" claim of facility or admin');
    return { subject: payload.sub ?? 'token', role };
  }

  async function fromApiKey(apiKey: string): Promise<Principal> {
    const hash = hashApiKey(apiKey);
    const cached = cache.get(hash);
    let principal = cached !== undefined && cached.until > Date.now() ? cached.principal : undefined;
    if (cached === undefined || cached.until <= Date.now()) {
      const found = await repository.findApiKey(hash);
      principal = found === undefined ? undefined : { subject: `key:${found.name}`, role: found.role };
      cache.set(hash, { principal, until: Date.now() + API_KEY_CACHE_MS });
    }
    if (principal === undefined) throw new AuthError(401, 'invalid API key');
    return principal;
  }

  /** Returns the caller of a request; throws {@link AuthError} with 401 when there is none. */
  async function authenticate(request: FastifyRequest): Promise<Principal> {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') return fromApiKey(apiKey);

    const authorization = request.headers.authorization;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (match === null) throw new AuthError(401, 'missing credentials: send X-API-Key or Authorization: Bearer');
    const credential = match[1]!;
    return credential.split('.').length === 3 ? fromToken(credential) : fromApiKey(credential);
  }

  /** Returns a Fastify pre-handler that lets only the given roles through. */
  return function requireRole(...roles: Role[]) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      let principal: Principal;
      try {
        principal = await authenticate(request);
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        if (error.statusCode === 401) void reply.header('www-authenticate', 'Bearer');
        return reply.code(error.statusCode).send({ error: error.statusCode === 401 ? 'unauthorized' : 'forbidden', message: error.message });
      }
      if (!roles.includes(principal.role)) {
        return reply
          .code(403)
          .send({ error: 'forbidden', message: `role "${principal.role}" may not do this; it needs ${roles.join(' or ')}` });
      }
      request.principal = principal;
    };
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
