import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { checkCertifyRequestShape, checkCredentialShape } from '@vaxcert/schemas';

const vectors = new URL('../../../test-vectors/sample/', import.meta.url);
const lines = (name: string) =>
  readFileSync(new URL(name, vectors), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('certify request schema', () => {
  it('accepts all 1,000 sample requests', () => {
    const failures = lines('certify-requests.jsonl').filter((request) => checkCertifyRequestShape(request).length > 0);
    expect(failures).toEqual([]);
  });

  it('accepts a pincode sent as a number', () => {
    const request = lines('certify-requests.jsonl')[0] as { recipient: { address: { pincode: unknown } } };
    request.recipient.address.pincode = 781008;
    expect(checkCertifyRequestShape(request)).toEqual([]);
  });

  it('reports every problem at once, each with a JSON Pointer', () => {
    const request = lines('certify-requests.jsonl')[0] as Record<string, Record<string, unknown>>;
    request.vaccination!.dose = 'one';
    request.recipient!.name = '';
    delete request.facility;
    const issues = checkCertifyRequestShape(request).map((issue) => issue.pointer).sort();
    expect(issues).toEqual(['/facility', '/recipient/name', '/vaccination/dose']);
  });

  it('asks for a date of birth or an age in one message', () => {
    const request = lines('certify-requests.jsonl')[0] as { recipient: Record<string, unknown> };
    delete request.recipient.age;
    delete request.recipient.dob;
    expect(checkCertifyRequestShape(request)).toEqual([
      { pointer: '/recipient', message: 'must contain "dob" or "age"', keyword: 'anyOf' },
    ]);
  });

  it('rejects keys starting with @ at the top level and in meta', () => {
    const request = lines('certify-requests.jsonl')[0] as Record<string, unknown> & { meta: Record<string, unknown> };
    request['@context'] = 'https://attacker.example/';
    request.meta['@type'] = 'x';
    const pointers = checkCertifyRequestShape(request).map((issue) => issue.pointer).sort();
    expect(pointers).toEqual(['', '/meta']);
  });
});

describe('credential schema', () => {
  it('rejects a bidirectional override in a displayed name', () => {
    const issues = checkCredentialShape({ credentialSubject: { type: 'Person', name: 'Abdul \u202Eydder' } });
    expect(issues).toContainEqual(
      expect.objectContaining({ pointer: '/credentialSubject/name', message: 'must not contain control characters or bidirectional formatting characters' }),
    );
  });

  it('reports an empty object as missing every required member', () => {
    const pointers = checkCredentialShape({}).map((issue) => issue.pointer);
    expect(pointers).toContain('/@context');
    expect(pointers).toContain('/proof');
  });
});
