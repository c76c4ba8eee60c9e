import { describe, expect, it } from 'vitest';

import { verifyLegacy, type LegacyTrustedKey } from '../../src/legacy/index.js';
import {
  cowinQrBytes,
  cowinQrText,
  divocCredential,
  divocEd25519Key,
  indiaRsaKey,
  NOW,
  signWithTestKey,
  toLatin1,
  zipCredential,
  type Json,
} from './fixtures.js';

const options = { trustedKeys: [indiaRsaKey, divocEd25519Key], now: NOW };

function codes(result: { checks: readonly { code: string }[] }): string[] {
  return result.checks.map((check) => check.code);
}

describe('verifyLegacy with the real Co-WIN QR code', () => {
  const forms: [string, string | Uint8Array][] = [
    ['B64: text', cowinQrText],
    ['raw bytes', cowinQrBytes],
    ['latin-1 string', toLatin1(cowinQrBytes)],
  ];

  it.each(forms)('verifies the %s form', async (_form, input) => {
    const result = await verifyLegacy(input, options);

    expect(result.status).toBe('valid');
    expect(result.verified).toBe(true);
    expect(result.legacy).toBe(true);
    expect(result.format).toBe('cowin-legacy');
    expect(result.checks.every((check) => check.passed)).toBe(true);
  });

  it('runs the checks in order', async () => {
    expect(codes(await verifyLegacy(cowinQrText, options))).toEqual([
      'TEXT_ENCODING', 'BASE64', 'ZIP', 'SIZE_LIMIT', 'JSON', 'CREDENTIAL_SHAPE',
      'JSONLD_CONTEXT', 'ISSUER_TRUST', 'SIGNATURE', 'VALID_FROM',
    ]);
    expect(codes(await verifyLegacy(cowinQrBytes, options))[0]).toBe('ZIP');
  });

  it('maps the credential to display fields', async () => {
    const { certificate } = await verifyLegacy(cowinQrText, options);

    expect(certificate).toEqual({
      name: 'Third March User One',
      age: 65,
      gender: 'Male',
      beneficiaryId: '39791185041847',
      certificateId: '92047670169',
      vaccine: 'COVISHIELD',
      manufacturer: 'Serum Institute of India',
      batch: 'Dummy-TGN-Chamba',
      dose: 1,
      totalDoses: 2,
      doseLabel: '1 of 2',
      certificateKind: 'provisional',
      vaccinationDate: '2021-03-03T04:28:43.134Z',
      facility: 'Himachal Site Name 176207',
      issuer: 'https://cowin.gov.in/',
    });
  });

  it('warns about the display fields the signature does not bind', async () => {
    const { warnings } = await verifyLegacy(cowinQrText, options);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.code).toBe('UNPROTECTED_FIELDS');
    expect(warnings[0]?.fields).toEqual([
      'beneficiaryId', 'certificateId', 'vaccine', 'manufacturer', 'batch', 'dose', 'totalDoses',
      'doseLabel', 'certificateKind', 'vaccinationDate',
    ]);
  });

  it('rejects a proof by a key that is not trusted', async () => {
    const result = await verifyLegacy(cowinQrText, { trustedKeys: [], now: NOW });

    expect(result.status).toBe('untrusted_issuer');
    expect(result.verified).toBe(false);
    expect(result.checks.at(-1)).toMatchObject({ code: 'ISSUER_TRUST', passed: false, pointer: '/proof/verificationMethod' });
  });

  it('rejects a trusted id whose key type does not match the proof', async () => {
    const result = await verifyLegacy(cowinQrText, { trustedKeys: [divocEd25519Key], now: NOW });

    expect(result.status).toBe('untrusted_issuer');
  });

  it('rejects a signature checked against another key with the same id', async () => {
    const algorithm = { name: 'RSA-PSS', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
    const pair = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const publicKeyPem = `-----BEGIN PUBLIC KEY-----\n${btoa(toLatin1(spki))}\n-----END PUBLIC KEY-----`;
    const otherKey: LegacyTrustedKey = { ...indiaRsaKey, publicKeyPem };

    const result = await verifyLegacy(cowinQrText, { trustedKeys: [otherKey], now: NOW });

    expect(result.status).toBe('invalid_signature');
    expect(result.checks.at(-1)).toMatchObject({ code: 'SIGNATURE', passed: false });
  });

  it('reports a trusted key that cannot be imported', async () => {
    const broken: LegacyTrustedKey = { ...indiaRsaKey, publicKeyPem: 'not a key' };
    const result = await verifyLegacy(cowinQrText, { trustedKeys: [broken], now: NOW });

    expect(result.status).toBe('untrusted_issuer');
    expect(result.checks.at(-1)?.message).toContain('cannot be imported');
  });

  it('rejects a credential read before its issuanceDate', async () => {
    const result = await verifyLegacy(cowinQrText, { ...options, now: new Date('2021-03-03T04:00:00Z') });

    expect(result.status).toBe('not_yet_valid');
    expect(result.checks.at(-1)).toMatchObject({ code: 'VALID_FROM', passed: false });
  });
});

describe('verifyLegacy with DIVOC Ed25519Signature2018 credentials', () => {
  it('verifies the DIVOC credential', async () => {
    const result = await verifyLegacy(zipCredential(divocCredential()), options);

    expect(result.status).toBe('valid');
    expect(result.format).toBe('divoc-legacy');
    expect(result.certificate?.vaccine).toBe('CoVax');
    expect(result.certificate?.doseLabel).toBe('dose not stated');
  });

  it('verifies an archive that stores the entry without compression', async () => {
    const result = await verifyLegacy(zipCredential(divocCredential(), { level: 0 }), options);

    expect(result.status).toBe('valid');
  });

  it('rejects a credential whose expirationDate has passed', async () => {
    const unsigned: Json = { ...withoutProof(divocCredential()), expirationDate: '2022-01-01T00:00:00Z' };
    const { credential, key } = await signWithTestKey(unsigned);
    const bytes = zipCredential(credential);

    const expired = await verifyLegacy(bytes, { trustedKeys: [key], now: NOW });
    const current = await verifyLegacy(bytes, { trustedKeys: [key], now: new Date('2021-12-01T00:00:00Z') });

    expect(expired.status).toBe('expired');
    expect(expired.checks.at(-1)).toMatchObject({ code: 'VALID_UNTIL', passed: false });
    expect(current.status).toBe('valid');
    expect(codes(current).slice(-2)).toEqual(['VALID_FROM', 'VALID_UNTIL']);
  });

  it('verifies a credential whose two addresses are equal', async () => {
    const unsigned = withoutProof(divocCredential());
    const [event] = unsigned.evidence as Json[];
    const address = { ...((unsigned.credentialSubject as Json).address as Json) };
    unsigned.evidence = [{ ...event, facility: { name: 'Sub Centre', address } }];
    const { credential, key } = await signWithTestKey(unsigned);

    const result = await verifyLegacy(zipCredential(credential), { trustedKeys: [key], now: NOW });

    expect(result.status).toBe('valid');
  });

  it.each([
    [2, 2, '2 of 2', 'final'],
    [3, 2, 'precaution dose', 'precaution'],
    ['1', '2', '1 of 2', 'provisional'],
  ])('labels dose %s of %s as "%s"', async (dose, totalDoses, label, kind) => {
    const unsigned = withoutProof(divocCredential());
    const [event] = unsigned.evidence as Json[];
    unsigned.evidence = [{ ...event, dose, totalDoses }];
    const { credential, key } = await signWithTestKey(unsigned);

    const result = await verifyLegacy(zipCredential(credential), { trustedKeys: [key], now: NOW });

    expect(result.status).toBe('valid');
    expect(result.certificate?.doseLabel).toBe(label);
    expect(result.certificate?.certificateKind).toBe(kind);
  });
});

describe('verifyLegacy on input it cannot read', () => {
  it('reports a non-string input without throwing', async () => {
    const result = await verifyLegacy(42 as unknown as string, options);

    expect(result.status).toBe('malformed');
    expect(result.checks).toEqual([expect.objectContaining({ code: 'PAYLOAD_FORMAT', passed: false })]);
  });

  it('reports missing options as an untrusted issuer', async () => {
    const result = await verifyLegacy(cowinQrText, undefined as unknown as typeof options);

    expect(result.status).toBe('untrusted_issuer');
  });

  it('rejects a proof that is not a detached JWS', async () => {
    const credential = divocCredential();
    const proof = credential.proof as Json;
    credential.proof = { ...proof, jws: `${String(proof.jws).replace('..', '.e30.')}` };

    const result = await verifyLegacy(zipCredential(credential), options);

    expect(result.status).toBe('invalid_signature');
    expect(result.checks.at(-1)?.message).toContain('detached JWS');
  });

  it('rejects a JWS header whose algorithm does not match the proof type', async () => {
    const credential = divocCredential();
    const proof = credential.proof as Json;
    const [, signature] = String(proof.jws).split('..');
    const header = btoa('{"alg":"PS256","b64":false,"crit":["b64"]}').replace(/=+$/, '');
    credential.proof = { ...proof, jws: `${header}..${signature}` };

    const result = await verifyLegacy(zipCredential(credential), options);

    expect(result.status).toBe('invalid_signature');
    expect(result.checks.at(-1)?.message).toContain('"alg": "EdDSA"');
  });
});

function withoutProof(credential: Json): Json {
  const { proof: _proof, ...unsigned } = credential;
  return unsigned;
}
