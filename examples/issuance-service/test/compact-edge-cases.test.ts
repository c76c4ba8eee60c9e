/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- the tests build and read untyped JSON documents field by field. */
// Issues certificates with QR_FORMAT=compact under both credential profiles for requests whose
// values sit at the edges of the compact codecs (leading zeros, odd digit counts, masked
// numbers, offsets and milliseconds in times, non-Latin names), and checks that every accepted
// request gives a QR code that decodes to the stored credential and verifies.
import { verify } from '@vaxcert/verifier-sdk';
import { afterAll, describe, expect, it } from 'vitest';

import { call, createApiKey, sampleRequests, startService, tempDataDir, waitFor, type RunningService } from './helpers.js';

type Body = Record<string, any>;

/** JSON with object keys sorted, to compare documents regardless of key order. */
function sorted(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sorted).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${sorted((value as Body)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Edge-case requests: each is a sample request with one change. */
function variants(): { label: string; request: Body }[] {
  const samples = sampleRequests();
  const changes: [string, (request: Body) => void][] = [
    ['code with leading zeros, odd digit count', (r) => (r.preEnrollmentCode = '0001234')],
    ['code with letters', (r) => (r.preEnrollmentCode = 'AB12-CD9')],
    ['identity all digits with leading zeros', (r) => (r.recipient.identity = 'did:in.gov.uidai.aadhaar:000000000123')],
    ['identity only X', (r) => (r.recipient.identity = 'did:in.gov.uidai.aadhaar:XXXXXXXX')],
    ['identity X then digits then X', (r) => (r.recipient.identity = 'did:in.gov.uidai.aadhaar:XX12X4')],
    ['identity X then leading zero digits', (r) => (r.recipient.identity = 'did:in.gov.uidai.aadhaar:XXXXXXXX0007')],
    ['pincode with leading zero', (r) => (r.recipient.address.pincode = '012345')],
    ['facility pincode odd digits', (r) => (r.facility.address.pincode = '11001')],
    ['Devanagari name', (r) => (r.recipient.name = 'आरती शर्मा')],
    ['name with combining marks', (r) => (r.recipient.name = 'Zoe\u0308 Mu\u0308ller')],
    ['date with milliseconds', (r) => (r.vaccination.date = '2021-02-03T05:12:39.123Z')],
    ['date without fraction', (r) => (r.vaccination.date = '2021-02-03T05:12:39Z')],
    ['date with offset', (r) => (r.vaccination.date = '2021-02-03T10:42:39+05:30')],
    ['date before 2020', (r) => (r.vaccination.date = '2019-12-31T23:59:59.000Z')],
    ['age with leading zero', (r) => (r.recipient.age = '061')],
    ['age as number', (r) => (r.recipient.age = 61)],
    ['numeric batch with leading zeros', (r) => (r.vaccination.batch = '000123')],
    ['vaccinator id digits', (r) => (r.vaccinator.id = '0042')],
    ['unknown state', (r) => (r.recipient.address.state = 'Atlantis')],
    ['state in lower case', (r) => (r.recipient.address.state = 'assam')],
    ['manufacturer in other case', (r) => (r.vaccination.manufacturer = String(r.vaccination.manufacturer).toUpperCase())],
    ['vaccine in other case', (r) => (r.vaccination.name = String(r.vaccination.name).toLowerCase())],
    ['address lines empty', (r) => Object.assign(r.recipient.address, { addressLine1: '', addressLine2: '' })],
    ['no recipient address', (r) => delete r.recipient.address],
    ['no contact', (r) => delete r.recipient.contact],
    ['effective dates far apart', (r) => Object.assign(r.vaccination, { effectiveStart: '2021-02-03', effectiveUntil: '2099-12-31' })],
    ['international certificate', (r) => (r.meta = { certificateType: 'international' })],
    ['dose at total', (r) => Object.assign(r.vaccination, { dose: 3, totalDoses: 3 })],
    ['facility name from the dictionary', (r) => (r.facility.name = 'Community Health Centre Sector 14 Nagar')],
    ['programme id', (r) => (r.programId = 'C19-BOOSTER')],
  ];
  return changes.map(([label, change], index) => {
    const request = structuredClone(samples[index]!) as Body;
    change(request);
    return { label, request };
  });
}

describe.each([['compact'], ['full']] as const)('compact QR codes with the %s profile', (profile) => {
  const env = { DATA_DIR: tempDataDir(), QR_FORMAT: 'compact', CREDENTIAL_PROFILE: profile };
  let service: RunningService | undefined;
  afterAll(async () => {
    await service?.kill();
  });

  it('gives QR codes that decode to the stored credential and verify', async () => {
    const apiKey = createApiKey(env, 'facility');
    service = await startService(env);
    const url = service.url;

    const accepted: { label: string; request: Body; trackingId: string }[] = [];
    const rejected: string[] = [];
    for (const { label, request } of variants()) {
      const answer = await call(`${url}/v1/certify`, { method: 'POST', apiKey, body: [request] });
      if (answer.status === 202) accepted.push({ label, request, trackingId: answer.body.requests[0].trackingId as string });
      else rejected.push(`${label}: ${JSON.stringify(answer.body.issues)}`);
    }
    console.log(`rejected by validation (${profile}):\n${rejected.join('\n')}`);
    expect(accepted.length).toBeGreaterThan(15);

    await waitFor(
      async () => (await Promise.all(accepted.map(({ trackingId }) => call(`${url}/v1/certify/${trackingId}`, { apiKey })))).every((answer) => answer.body.state !== 'pending'),
      60_000,
      'signing',
    );
    const didDocument = (await call(`${url}/.well-known/did.json`)).body;
    const problems: string[] = [];
    for (const { label, request, trackingId } of accepted) {
      const state = (await call(`${url}/v1/certify/${trackingId}`, { apiKey })).body;
      if (state.state !== 'issued') {
        problems.push(`${label}: ${state.state} ${state.reason as string}`);
        continue;
      }
      const download = await call(`${url}/v1/certificates/${encodeURIComponent(request.preEnrollmentCode as string)}`, { apiKey });
      const certificate = (download.body.certificates as { certificateId: string; qrPayload: string; credential: Body }[]).find(
        (item) => item.certificateId === state.certificateId,
      );
      if (certificate === undefined) {
        problems.push(`${label}: certificate not downloadable`);
        continue;
      }
      if (!certificate.qrPayload.startsWith('VCC1:')) problems.push(`${label}: prefix ${certificate.qrPayload.slice(0, 5)}`);
      const result = await verify({ qr: certificate.qrPayload, trustedIssuers: [didDocument] });
      // Status lists are not fetched here; the service's own verification below checks them.
      const failed = result.checks.filter((check) => !check.passed && check.code !== 'REVOCATION' && check.code !== 'SUSPENSION');
      if (failed.length > 0) problems.push(`${label}: ${JSON.stringify(failed)}`);
      if (sorted(result.credential) !== sorted(certificate.credential)) {
        problems.push(`${label}: decoded credential differs from the stored one`);
      }
      const verifiedByService = await call(`${url}/v1/verify`, { method: 'POST', body: { qr: certificate.qrPayload } });
      if (verifiedByService.body.status !== 'valid') problems.push(`${label}: service says ${verifiedByService.body.status as string}`);
    }
    expect(problems).toEqual([]);
  });
});
