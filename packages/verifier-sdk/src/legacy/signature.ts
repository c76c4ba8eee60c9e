import type { CanonicalForms } from './canonical.js';
import type { CheckLog, StepFailed } from './checks.js';
import { isObject, LEGACY_PROOF_SUITES, type LegacyProof } from './credential.js';
import { base64ToBytes } from './input.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

const VERIFY_PARAMS = {
  // PS256: RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt (RFC 7518, 3.5).
  RsaSignature2018: { name: 'RSA-PSS', saltLength: 32 },
  Ed25519Signature2018: { name: 'Ed25519' },
} as const;

/**
 * Verifies the detached JWS of a legacy proof. The JWS header is `{"alg", "b64": false,
 * "crit": ["b64"]}`, and the signing input is the encoded header, a period, then
 * SHA-256(canonical proof options) followed by SHA-256(canonical credential). This is the scheme
 * of `jsonld-signatures` 11 and `@digitalbazaar/jws-linked-data-signature` 3.
 */
export async function verifyLegacySignature(
  proof: LegacyProof,
  forms: CanonicalForms,
  keys: readonly CryptoKey[],
  log: CheckLog,
): Promise<true | StepFailed> {
  const jws = parseDetachedJws(proof);
  if (typeof jws === 'string') return log.fail('invalid_signature', 'SIGNATURE', jws, '/proof/jws');

  const optionsHash = await sha256(forms.proofOptions);
  const documentHash = await sha256(forms.document);
  const header = new TextEncoder().encode(`${jws.encodedHeader}.`);
  const data = new Uint8Array(header.length + 64);
  data.set(header);
  data.set(optionsHash, header.length);
  data.set(documentHash, header.length + 32);

  for (const key of keys) {
    if (await verifies(proof, key, jws.signature, data)) {
      log.pass('SIGNATURE', `${proof.type} signature is valid`);
      return true;
    }
  }
  const message = 'signature does not match the credential';
  return log.fail('invalid_signature', 'SIGNATURE', message, '/proof/jws');
}

interface DetachedJws {
  readonly encodedHeader: string;
  readonly signature: Uint8Array<ArrayBuffer>;
}

/** Splits `<header>..<signature>` and checks the header; returns a message when invalid. */
function parseDetachedJws(proof: LegacyProof): DetachedJws | string {
  const [encodedHeader = '', payload, encodedSignature = '', ...rest] = proof.jws.split('.');
  const parts = [encodedHeader, encodedSignature];
  const encoded = parts.every((part) => BASE64URL.test(part) && part.length % 4 !== 1);
  if (payload !== '' || rest.length > 0 || !encoded) {
    return 'jws must be a detached JWS: <header>..<signature>';
  }

  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(base64ToBytes(encodedHeader)));
  } catch {
    return 'jws header is not base64url-encoded JSON';
  }
  const { alg } = LEGACY_PROOF_SUITES[proof.type];
  if (!isObject(header) || header.alg !== alg) {
    return `jws header must have "alg": "${alg}" for ${proof.type}`;
  }
  const crit = header.crit;
  if (header.b64 !== false || !Array.isArray(crit) || crit.length !== 1 || crit[0] !== 'b64') {
    return 'jws header must have "b64": false and "crit": ["b64"]';
  }
  return { encodedHeader, signature: base64ToBytes(encodedSignature) };
}

/** Runs WebCrypto verify; a signature of the wrong length counts as not matching. */
async function verifies(
  proof: LegacyProof,
  key: CryptoKey,
  signature: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  try {
    return await crypto.subtle.verify(VERIFY_PARAMS[proof.type], key, signature, data);
  } catch {
    return false;
  }
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
