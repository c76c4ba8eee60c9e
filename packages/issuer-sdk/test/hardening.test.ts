import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { RequestValidationError, generateIssuerKey, issue, saveIssuerKey, validateCertifyRequest } from '@vaxcert/issuer-sdk';
import { createVaccineCatalog, type CertifyRequest } from '@vaxcert/schemas';

import { NOW, readJsonLines } from './support.js';

const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in' });
const [base] = readJsonLines<CertifyRequest>('certify-requests.jsonl');

async function issuesOf(change: (request: CertifyRequest) => void): Promise<string[]> {
  const request = structuredClone(base!);
  change(request);
  const error = await issue({ request, key, now: NOW }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(RequestValidationError);
  return (error as RequestValidationError).issues.map((entry) => `${entry.pointer} ${entry.message}`);
}

describe('issue hardening', () => {
  it('rejects an unpaired surrogate in a name', async () => {
    expect(await issuesOf((request) => (request.recipient.name = 'Abdul \ud800 Reddy'))).toEqual([
      '/recipient/name contains an unpaired surrogate',
    ]);
  });

  it('rejects U+0000 in any string', async () => {
    expect(await issuesOf((request) => (request.programId = 'C19\u0000'))).toEqual(['/programId contains the character U+0000']);
    // Validation alone, as an intake service runs it before storing a request.
    const request = { ...structuredClone(base!), programId: 'C19\u0000' };
    expect(validateCertifyRequest(request, { now: NOW, vaccines: createVaccineCatalog() })).toEqual([{ pointer: '/programId', message: 'contains the character U+0000' }]);
  });

  it('rejects control and bidirectional formatting characters in displayed text', async () => {
    expect(await issuesOf((request) => (request.recipient.name = 'Abdul \u202Eydder'))).toEqual([
      '/recipient/name must not contain control characters or bidirectional formatting characters',
    ]);
    expect(await issuesOf((request) => (request.facility.name = 'CHC\u0007 Guwahati'))).toEqual([
      '/facility/name must not contain control characters or bidirectional formatting characters',
    ]);
  });

  it('reports a __proto__ key instead of taking it as the prototype', async () => {
    const issues = await issuesOf((request) => {
      const recipient = JSON.parse(JSON.stringify(request.recipient).replace('{', '{"__proto__":{"name":"Mallory"},')) as CertifyRequest['recipient'];
      delete (recipient as Partial<CertifyRequest['recipient']>).name;
      request.recipient = recipient;
    });
    expect(issues).toContain('/recipient/name "name" is required');
    expect(issues).toContain('/recipient unexpected property "__proto__"');
  });

  it('rejects nesting deeper than 32 levels', async () => {
    const issues = await issuesOf((request) => {
      let node: Record<string, unknown> = {};
      const root = node;
      for (let level = 0; level < 5000; level++) {
        node.a = {};
        node = node.a as Record<string, unknown>;
      }
      request.meta = { ...request.meta, nested: root };
    });
    expect(issues[0]).toMatch(/nested deeper than 32 levels/);
  });

  it('rejects an age past 150 from the date of birth or the age', async () => {
    expect(await issuesOf((request) => (request.recipient.age = '999'))).toEqual([
      '/recipient/age gives an age of 999 on the vaccination date, more than 150',
    ]);
  });

  it('rejects a lower-case date-time separator the credential could not carry', async () => {
    const issues = await issuesOf((request) => (request.vaccination.date = '2021-02-03t05:12:39z'));
    expect(issues[0]).toMatch(/^\/vaccination\/date must be an ISO 8601 date-time/);
  });

  it('throws a TypeError without a key or with the request passed directly', async () => {
    await expect(issue({ request: base } as never)).rejects.toThrow(/"key" is required/);
    await expect(issue(base as never)).rejects.toThrow(/one options object/);
  });
});

describe('saveIssuerKey', () => {
  it('keeps an existing key file unless told to overwrite it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'vaxcert-keys-'));
    const path = join(folder, 'issuer-key.json');
    await saveIssuerKey({ key, path });
    await expect(saveIssuerKey({ key, path })).rejects.toMatchObject({ code: 'ERR_KEY_FILE', message: /already exists/ });
    await saveIssuerKey({ key, path, overwrite: true });
    expect(await readdir(folder)).toEqual(['issuer-key.json']);
  });
});
