import { describe, expect, it } from 'vitest';

import {
  IssuerError,
  RequestValidationError,
  exportIssuerKey,
  generateIssuerKey,
  importIssuerKey,
  issue,
  type IssueResult,
} from '@vaxcert/issuer-sdk';
import { checkCredentialShape, createVaccineCatalog, type CertifyRequest } from '@vaxcert/schemas';

import { NOW, readJsonLines, type EdgeCase } from './support.js';

const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in', seed: new Uint8Array(32).fill(3) });
const samples = readJsonLines<CertifyRequest>('certify-requests.jsonl');
const edgeCases = readJsonLines<EdgeCase>('certify-requests-edge-cases.jsonl');

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

describe('issue on the edge cases', () => {
  it.each(edgeCases.filter((entry) => entry.expect.startsWith('issued')).map((entry) => [entry.description, entry] as const))(
    'issues: %s',
    async (_description, entry) => {
      const { credential } = await issue({ request: entry.request, key, now: NOW });
      expect(checkCredentialShape(credential)).toEqual([]);
      const [, detail] = entry.expect.split(':');
      if (detail?.startsWith('age=')) expect(credential.credentialSubject.age).toBe(Number(detail.slice(4)));
      else if (detail) expect(credential.evidence[0].certificateKind).toBe(detail);
    },
  );

  it.each(edgeCases.filter((entry) => entry.expect === 'rejected').map((entry) => [entry.description, entry] as const))(
    'rejects: %s',
    async (_description, entry) => {
      const error = await issue({ request: entry.request, key, now: NOW }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RequestValidationError);
      const { code, issues } = error as RequestValidationError;
      expect(code).toBe('ERR_REQUEST_INVALID');
      const pointer = `/${entry.field!.replace(/\./g, '/')}`;
      expect(issues.map((issue) => issue.pointer)).toContain(pointer);
      for (const issue of issues) expect(issue.message.length).toBeGreaterThan(5);
    },
  );
});

describe('issue', () => {
  it('issues a certificate for every sample request', async () => {
    const kinds = new Map<string, number>();
    for (const request of samples) {
      const { credential } = await issue({ request, key, now: NOW });
      const kind = credential.evidence[0].certificateKind;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    expect([...kinds.values()].reduce((sum, count) => sum + count, 0)).toBe(samples.length);
    expect(kinds.get('precaution')).toBeGreaterThan(0);
  }, 120_000);

  it('never modifies the request', async () => {
    const request = deepFreeze(structuredClone(samples[0]!));
    const copy = structuredClone(request);
    await issue({ request, key, now: NOW });
    expect(request).toEqual(copy);
  });

  it('normalises decomposed text to NFC', async () => {
    const request = structuredClone(samples[0]!);
    request.recipient.name = 'Jose\u0301 Fernandes';
    const { credential } = await issue({ request, key, now: NOW });
    expect(credential.credentialSubject.name).toBe('Jos\u00e9 Fernandes');
  });

  it('gives domestic certificates an age and international ones a date of birth', async () => {
    const domestic = samples.find((request) => request.meta?.certificateType === 'domestic')!;
    const international = samples.find((request) => request.meta?.certificateType === 'international')!;
    const home = (await issue({ request: domestic, key, now: NOW })).credential.credentialSubject;
    const abroad = (await issue({ request: international, key, now: NOW })).credential.credentialSubject;
    expect(home.age).toBeTypeOf('number');
    expect(home.birthDate).toBeUndefined();
    expect(abroad.birthDate).toBe(international.recipient.dob);
    expect(abroad.age).toBeUndefined();
    expect(abroad.identity).toBe(international.recipient.identity);
  });

  it('requires a date of birth and a document for an international certificate', async () => {
    const request = structuredClone(samples.find((entry) => entry.meta?.certificateType === 'international')!);
    delete request.recipient.dob;
    request.recipient.age = '40';
    delete request.recipient.identity;
    const error = (await issue({ request, key, now: NOW }).catch((caught: unknown) => caught)) as RequestValidationError;
    expect(error.issues.map((issue) => issue.pointer)).toEqual(['/recipient/dob', '/recipient/identity']);
  });

  it('rejects a vaccine missing from the catalog and accepts it once added', async () => {
    const request = structuredClone(samples[0]!);
    request.vaccination.name = 'Nuvaxovid';
    const error = (await issue({ request, key, now: NOW }).catch((caught: unknown) => caught)) as RequestValidationError;
    expect(error.issues).toEqual([expect.objectContaining({ pointer: '/vaccination/name' })]);
    const vaccines = createVaccineCatalog({
      extraEntries: [{ name: 'Nuvaxovid', manufacturer: 'Novavax', prophylaxis: 'COVID-19 vaccine, virus protein subunit', icd11Code: 'XM5JC5', primaryDoses: 2 }],
    });
    const { credential } = await issue({ request, key, now: NOW, vaccines });
    expect(credential.evidence[0].icd11Code).toBe('XM5JC5');
  });

  it('gives every certificate a distinct random UUID', async () => {
    const results: IssueResult[] = [];
    for (let index = 0; index < 50; index++) results.push(await issue({ request: samples[0]!, key, now: NOW }));
    const ids = new Set(results.map((result) => result.certificateId));
    expect(ids.size).toBe(50);
    for (const result of results) {
      expect(result.certificateId).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(result.credential.id).toBe(result.certificateId);
    }
  });

  it('signs with Ed25519Signature2020 as the key controller', async () => {
    const { credential } = await issue({ request: samples[0]!, key, now: NOW });
    expect(credential.issuer).toBe('did:web:certify.example.gov.in');
    expect(credential.proof).toMatchObject({ type: 'Ed25519Signature2020', proofPurpose: 'assertionMethod', verificationMethod: key.id });
    expect(credential.validFrom).toBe('2026-06-01T00:00:00Z');
  });

  it('records the previous certificate of a correction', async () => {
    const first = await issue({ request: samples[0]!, key, now: NOW });
    const request = structuredClone(samples[0]!);
    request.meta = { ...request.meta, previousCertificateId: first.certificateId };
    const { credential } = await issue({ request, key, now: NOW });
    expect(credential.evidence[0].previousCertificateId).toBe(first.certificateId);
  });

  it('rejects a previous certificate ID that is not a certificate ID', async () => {
    const request = structuredClone(samples[0]!);
    request.meta = { ...request.meta, previousCertificateId: '123456789' };
    const error = (await issue({ request, key, now: NOW }).catch((caught: unknown) => caught)) as RequestValidationError;
    expect(error.issues).toEqual([expect.objectContaining({ pointer: '/meta/previousCertificateId' })]);
  });

  it('fails with a signing error for a key without its private part', async () => {
    const publicOnly = await importIssuerKey(exportIssuerKey(key));
    const error = await issue({ request: samples[0]!, key: publicOnly, now: NOW }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IssuerError);
    expect(error).toMatchObject({ code: 'ERR_SIGNING_FAILED' });
  });
});
