import { describe, expect, it } from 'vitest';

import { encodeQrPayload, issue } from '@vaxcert/issuer-sdk';
import type { CertifyRequest, VaccinationCredential } from '@vaxcert/schemas';
import { verify, type VerificationStatus } from '@vaxcert/verifier-sdk';

import { NOW, sampleRequests, testIssuer } from './support.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every leaf of a JSON value with its JSON Pointer segments. */
function leaves(value: Json, path: string[] = []): { path: string[]; value: Json }[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  }
  return [{ path, value }];
}

/** Every object in a JSON value with its path. */
function objects(value: Json, path: string[] = []): { path: string[] }[] {
  if (value === null || typeof value !== 'object') return [];
  const own = Array.isArray(value) ? [] : [{ path }];
  return [...own, ...Object.entries(value).flatMap(([key, item]) => objects(item, [...path, key]))];
}

function setAt(target: Json, path: string[], value: Json | undefined): void {
  let node = target as Record<string, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, Json>;
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

function changed(value: Json): Json {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') return value === '' ? 'x' : `${value.slice(0, -1)}${value.endsWith('X') ? 'Y' : 'X'}`;
  return 'X';
}

function expectedStatus(path: string[]): VerificationStatus {
  if (path[0] === '@context') return 'unexpected_jsonld';
  if (path.join('/') === 'proof/verificationMethod') return 'untrusted_issuer';
  return 'invalid_signature';
}

// A request whose every value differs from every other, so any swap changes the data.
function distinctRequest(): CertifyRequest {
  const request = structuredClone(sampleRequests().find((entry) => entry.meta?.certificateType === 'international')!);
  request.recipient.address = { addressLine1: 'Line A', addressLine2: 'Line B', district: 'District C', city: 'City D', state: 'State E', pincode: '600001' };
  request.facility.address = { addressLine1: 'Line F', addressLine2: 'Line G', district: 'District H', city: 'City I', state: 'State J', pincode: '600002' };
  request.vaccination.dose = 1;
  request.vaccination.totalDoses = 2;
  return request;
}

describe('tampered certificates', async () => {
  const { key, didDocument } = await testIssuer();
  const trustedIssuers = [didDocument];
  const { credential } = await issue({ request: distinctRequest(), key, now: NOW });
  const signed = credential as unknown as Json;
  const check = async (tampered: Json) =>
    verify({ qr: encodeQrPayload({ credential: tampered as unknown as VaccinationCredential }), trustedIssuers, now: NOW });

  it('accepts the untouched certificate', async () => {
    expect((await check(signed)).status).toBe('valid');
  });

  it.each(leaves(signed).map(({ path }) => [path.join('/'), path] as const))(
    'rejects a changed value at /%s',
    async (_pointer, path) => {
      const tampered = structuredClone(signed);
      const original = leaves(signed).find((leaf) => leaf.path.join('/') === path.join('/'))!.value;
      setAt(tampered, path, changed(original));
      const result = await check(tampered);
      expect(result.status).toBe(expectedStatus(path));
      expect(result.verified).toBe(false);
    },
  );

  it('rejects every swap of two different values', async () => {
    const all = leaves(signed).filter(({ path }) => path[0] !== '@context');
    const accepted: string[] = [];
    let swaps = 0;
    for (let first = 0; first < all.length; first++) {
      for (let second = first + 1; second < all.length; second++) {
        const a = all[first]!;
        const b = all[second]!;
        if (a.value === b.value) continue;
        const tampered = structuredClone(signed);
        setAt(tampered, a.path, b.value);
        setAt(tampered, b.path, a.value);
        swaps++;
        const result = await check(tampered);
        if (result.verified) accepted.push(`${a.path.join('/')} <-> ${b.path.join('/')}`);
      }
    }
    expect(swaps).toBeGreaterThan(500);
    expect(accepted).toEqual([]);
  }, 300_000);

  it.each(objects(signed).map(({ path }) => [`/${path.join('/')}`, path] as const))(
    'rejects a field added to %s',
    async (_pointer, path) => {
      const tampered = structuredClone(signed);
      setAt(tampered, [...path, 'note'], 'added');
      const result = await check(tampered);
      expect(result.status).toBe('invalid_signature');
    },
  );

  it.each(leaves(signed).filter(({ path }) => path[0] !== '@context' && !/^\d+$/.test(path.at(-1)!)).map(({ path }) => [path.join('/'), path] as const))(
    'rejects a certificate without /%s',
    async (_pointer, path) => {
      const tampered = structuredClone(signed);
      setAt(tampered, path, undefined);
      const result = await check(tampered);
      expect(result.verified).toBe(false);
      expect(result.status).toBe(expectedStatus(path) === 'untrusted_issuer' ? 'untrusted_issuer' : 'invalid_signature');
    },
  );

  it('rejects a certificate whose issuer is changed to another trusted issuer', async () => {
    const other = await testIssuer(9, 'did:web:other.example.org');
    const tampered = structuredClone(signed) as { issuer: string };
    tampered.issuer = 'did:web:other.example.org';
    const result = await verify({
      qr: encodeQrPayload({ credential: tampered as unknown as VaccinationCredential }),
      trustedIssuers: [didDocument, other.didDocument],
      now: NOW,
    });
    expect(result.status).toBe('invalid_signature');
    expect(result.checks.find((entry) => entry.code === 'ISSUER_TRUST')).toMatchObject({ passed: false, pointer: '/issuer' });
  });

  it('rejects a certificate re-signed by an untrusted key', async () => {
    const intruder = await testIssuer(11, 'did:web:certify.example.gov.in');
    const forged = await issue({ request: distinctRequest(), key: intruder.key, now: NOW });
    const result = await verify({ qr: forged.qrPayload, trustedIssuers, now: NOW });
    expect(result.status).toBe('untrusted_issuer');
  });

  it('rejects a JSON-LD keyword smuggled into the subject', async () => {
    const tampered = structuredClone(signed) as { credentialSubject: Record<string, Json> };
    tampered.credentialSubject['@id'] = 'https://attacker.example/person';
    const result = await check(tampered);
    expect(result.status).toBe('unexpected_jsonld');
    expect(result.checks.at(-1)).toMatchObject({ pointer: '/credentialSubject/@id' });
  });

  it('rejects an extra context', async () => {
    const tampered = structuredClone(signed) as { '@context': Json[] };
    tampered['@context'].push('https://attacker.example/context');
    expect((await check(tampered as unknown as Json)).status).toBe('unexpected_jsonld');
  });
});
