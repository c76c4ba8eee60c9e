import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';

import { IssuerError } from '../errors.js';

/**
 * The Ed25519VerificationKey2020 key pair behind an {@link IssuerKey}: an instance of
 * `Ed25519VerificationKey2020` from `@digitalbazaar/ed25519-verification-key-2020`.
 */
export interface Ed25519KeyPair {
  id: string;
  controller: string;
  readonly publicKeyMultibase: string;
  revoked?: string;
  fingerprint(): string;
  export(options?: { publicKey?: boolean; privateKey?: boolean; includeContext?: boolean }): {
    publicKeyMultibase: string;
    privateKeyMultibase?: string;
  };
  signer(): { id: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
}

/** An issuer's Ed25519 signing key with its identifiers. */
export interface IssuerKey {
  /** Verification method ID, `<issuer DID>#<key fragment>`; proofs name it. */
  readonly id: string;
  /** The issuer DID that controls the key. */
  readonly controller: string;
  /** The key pair, which contains the private key when the key can sign. */
  readonly keyPair: Ed25519KeyPair;
}

/** Portable form of an issuer key (the Ed25519VerificationKey2020 JSON form). */
export interface SerializedIssuerKey {
  id: string;
  type: 'Ed25519VerificationKey2020';
  controller: string;
  publicKeyMultibase: string;
  /** Present only when the private key was exported; keep such files secret. */
  privateKeyMultibase?: string;
  /** When the key was retired (ISO 8601); verifiers keep trusting old proofs made before. */
  revoked?: string;
}

/** Options of {@link generateIssuerKey}. */
export interface GenerateIssuerKeyOptions {
  /**
   * The issuer DID, for example `did:web:certify.example.gov.in`. When omitted the key
   * gets a `did:key` identifier derived from its public key.
   */
  readonly did?: string;
  /**
   * Fragment of the key ID. For `did:key` it is the key's multibase fingerprint, as that
   * method requires. For other DIDs it defaults to the fingerprint's last 8 characters, so
   * proofs and compact QR codes stay short and two keys still get different IDs.
   */
  readonly keyFragment?: string;
  /** 32-byte seed for deterministic keys in tests; omit it in production. */
  readonly seed?: Uint8Array;
}

const DID_PATTERN = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/;

// Characters of the base58 fingerprint kept as the default fragment of a non-did:key key:
// 58^8 values, so two keys of one issuer practically never collide.
const SHORT_FRAGMENT_LENGTH = 8;

function defaultFragment(controller: string, fingerprint: string): string {
  return controller.startsWith('did:key:') ? fingerprint : fingerprint.slice(-SHORT_FRAGMENT_LENGTH);
}

/**
 * Generates a new Ed25519 issuer key.
 *
 * @example
 * const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in' });
 * key.id; // 'did:web:certify.example.gov.in#' and the last 8 characters of the fingerprint
 */
export async function generateIssuerKey(options: GenerateIssuerKeyOptions = {}): Promise<IssuerKey> {
  if (options.did !== undefined && !DID_PATTERN.test(options.did)) {
    throw new TypeError(`"did" must be a DID such as did:web:example.org, got "${options.did}"`);
  }
  if (options.seed !== undefined && options.seed.length !== 32) {
    throw new TypeError('"seed" must be 32 bytes');
  }

  const keyPair = await Ed25519VerificationKey2020.generate(
    options.seed ? { seed: options.seed } : {},
  );
  const fingerprint = keyPair.fingerprint();
  const controller = options.did ?? `did:key:${fingerprint}`;
  keyPair.controller = controller;
  keyPair.id = `${controller}#${options.keyFragment ?? defaultFragment(controller, fingerprint)}`;
  return { id: keyPair.id, controller, keyPair };
}

/**
 * Serialises a key. The private key is left out unless `includePrivateKey` is `true`.
 */
export function exportIssuerKey(
  key: IssuerKey,
  options: { includePrivateKey?: boolean } = {},
): SerializedIssuerKey {
  const exported = key.keyPair.export({ publicKey: true, privateKey: options.includePrivateKey === true });
  const serialized: SerializedIssuerKey = {
    id: key.id,
    type: 'Ed25519VerificationKey2020',
    controller: key.controller,
    publicKeyMultibase: exported.publicKeyMultibase,
  };
  if (options.includePrivateKey === true) {
    if (exported.privateKeyMultibase === undefined) {
      throw new IssuerError('ERR_KEY_NOT_PRIVATE', `key "${key.id}" has no private key to export`);
    }
    serialized.privateKeyMultibase = exported.privateKeyMultibase;
  }
  if (key.keyPair.revoked !== undefined) serialized.revoked = key.keyPair.revoked;
  return serialized;
}

/** Rebuilds a key from its serialised form; throws `ERR_KEY_INVALID` if it is malformed. */
export async function importIssuerKey(serialized: SerializedIssuerKey): Promise<IssuerKey> {
  if (typeof serialized !== 'object' || serialized === null) {
    throw new TypeError('"serialized" must be an object');
  }
  if (serialized.type !== 'Ed25519VerificationKey2020') {
    throw new IssuerError('ERR_KEY_INVALID', `unsupported key type "${String(serialized.type)}"`);
  }
  if (typeof serialized.controller !== 'string' || !DID_PATTERN.test(serialized.controller)) {
    throw new IssuerError('ERR_KEY_INVALID', 'key "controller" must be a DID');
  }
  if (typeof serialized.id !== 'string' || !serialized.id.startsWith(`${serialized.controller}#`)) {
    throw new IssuerError('ERR_KEY_INVALID', 'key "id" must be "<controller>#<fragment>"');
  }

  let keyPair: Ed25519KeyPair;
  try {
    keyPair = await Ed25519VerificationKey2020.from({ ...serialized });
  } catch (cause) {
    throw new IssuerError('ERR_KEY_INVALID', `key "${serialized.id}" could not be decoded`, { cause });
  }
  return { id: serialized.id, controller: serialized.controller, keyPair };
}
