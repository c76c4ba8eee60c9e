import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

/** Role of one service process: API, signer, or both. */
export type ServiceMode = 'all' | 'api' | 'signer';

/** Settings of one service process, read from environment variables by {@link loadConfig}. */
export interface ServiceConfig {
  readonly mode: ServiceMode;
  readonly host: string;
  readonly port: number;
  /** Origin that clients reach the service at; status list URLs are built from it. */
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly store: 'sqlite' | 'postgres';
  readonly sqlitePath: string;
  /**
   * SQLite `synchronous` setting in WAL mode. `FULL` syncs the WAL at every commit. `NORMAL`
   * syncs only at checkpoints, so a power loss or an operating system crash can lose the
   * last commits, while a crash of the process alone loses nothing.
   */
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  readonly postgresUrl: string;
  /** PostgreSQL schema that contains the tables; created when missing. */
  readonly postgresSchema: string;
  /** `local`: signers poll the database; `nats`: accepted requests go through JetStream. */
  readonly intake: 'local' | 'nats';
  readonly natsUrl: string;
  /** Prefix of the JetStream stream and subjects (`<prefix>.certify`, `.certified`, `.failed`). */
  readonly natsPrefix: string;
  /** Time after which JetStream redelivers an unacknowledged certify message, in milliseconds. */
  readonly natsAckWaitMs: number;
  readonly keyFile: string;
  readonly issuerDid: string;
  /** Files with retired public keys (each with a `revoked` time) to keep in the DID document. */
  readonly retiredKeyFiles: readonly string[];
  /** Programme recorded for requests without `programId`. */
  readonly programme: string;
  readonly signerThreads: number;
  /** QR payload format of issued certificates: `plain` (`VC1:`) or `compact` (`VCC1:`). */
  readonly qrFormat: 'plain' | 'compact';
  /** Set of fields in issued credentials: `full`, or `compact` without postal addresses. */
  readonly credentialProfile: 'full' | 'compact';
  /** Requests claimed per database round trip by a signer. */
  readonly claimBatch: number;
  readonly leaseMs: number;
  /** Signing attempts before a request is rejected. */
  readonly maxAttempts: number;
  readonly correctionLimit: number;
  readonly statusListTtlMs: number;
  readonly webhookUrl: string | undefined;
  readonly webhookMaxAttempts: number;
  readonly webhookBaseDelayMs: number;
  readonly webhookTimeoutMs: number;
  /** Secret for HS256 tokens; tokens are refused when neither it nor a public key is set. */
  readonly jwtSecret: string | undefined;
  /** Ed25519 public key (SPKI PEM) for EdDSA tokens. */
  readonly jwtPublicKeyPem: string | undefined;
  readonly jwtIssuer: string | undefined;
  readonly jwtAudience: string | undefined;
  /** Calls of `POST /v1/verify` allowed per client address and minute. */
  readonly verifyRateLimit: number;
  readonly maxRequestsPerCall: number;
  readonly bodyLimitBytes: number;
  readonly logLevel: string;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;

  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new TypeError(`${name} must be an integer of at least ${min}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new TypeError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

/**
 * Reads the configuration from environment variables. Every setting has a default that
 * runs the whole service in one process on an SQLite file under `./data`.
 *
 * @throws {TypeError} when a variable has an invalid value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const host = env.HOST ?? '127.0.0.1';
  const port = integer(env, 'PORT', 3000, 0);
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const publicUrl = (env.PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/+$/, '');
  const origin = new URL(publicUrl);
  const didHost = origin.port ? `${origin.hostname}%3A${origin.port}` : origin.hostname;

  return {
    mode: oneOf(env, 'SERVICE_MODE', ['all', 'api', 'signer'] as const, 'all'),
    host,
    port,
    publicUrl,
    dataDir,
    store: oneOf(env, 'STORE', ['sqlite', 'postgres'] as const, 'sqlite'),
    sqlitePath: resolve(env.SQLITE_PATH ?? join(dataDir, 'issuance.sqlite')),
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL'),
    postgresUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    postgresSchema: env.PG_SCHEMA ?? 'issuance',
    intake: oneOf(env, 'INTAKE', ['local', 'nats'] as const, 'local'),
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    natsPrefix: env.NATS_PREFIX ?? 'vaxcert',
    natsAckWaitMs: integer(env, 'NATS_ACK_WAIT_MS', 60_000),
    keyFile: resolve(env.KEY_FILE ?? join(dataDir, 'issuer-key.json')),
    issuerDid: env.ISSUER_DID ?? `did:web:${didHost}`,
    retiredKeyFiles: (env.RETIRED_KEY_FILES ?? '').split(',').filter(Boolean).map((path) => resolve(path)),
    programme: env.PROGRAMME ?? 'C19',
    signerThreads: integer(env, 'SIGNER_THREADS', availableParallelism()),
    qrFormat: oneOf(env, 'QR_FORMAT', ['plain', 'compact'] as const, 'plain'),
    credentialProfile: oneOf(env, 'CREDENTIAL_PROFILE', ['full', 'compact'] as const, 'full'),
    claimBatch: integer(env, 'CLAIM_BATCH', 128),
    leaseMs: integer(env, 'LEASE_MS', 30_000),
    maxAttempts: integer(env, 'MAX_ATTEMPTS', 5),
    correctionLimit: integer(env, 'CORRECTION_LIMIT', 1, 0),
    statusListTtlMs: integer(env, 'STATUS_LIST_TTL_MS', 300_000),
    webhookUrl: optional(env, 'WEBHOOK_URL'),
    webhookMaxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', 8),
    webhookBaseDelayMs: integer(env, 'WEBHOOK_BASE_DELAY_MS', 1_000),
    webhookTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 5_000),
    jwtSecret: optional(env, 'JWT_SECRET'),
    jwtPublicKeyPem: optional(env, 'JWT_PUBLIC_KEY'),
    jwtIssuer: optional(env, 'JWT_ISSUER'),
    jwtAudience: optional(env, 'JWT_AUDIENCE'),
    verifyRateLimit: integer(env, 'VERIFY_RATE_LIMIT', 120),
    maxRequestsPerCall: integer(env, 'MAX_REQUESTS_PER_CALL', 1_000),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 16 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
