import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TokenService } from '../../src/auth/token.js';
import { createTestService, loginAs, type TestService } from '../helpers/app.js';

// Fixture numbers: 9000000001 has the beneficiary with a precaution dose, 9000000002 has a
// partially vaccinated one and the one with markup in the name, 9000000003 one with a
// Devanagari name. 9999999999 has no beneficiary.
let service: TestService;

beforeEach(() => {
  service = createTestService();
});

afterEach(async () => {
  await service.app.close();
  service.repository.close();
});

async function requestOtp(mobile: string) {
  return service.app.inject({ method: 'POST', url: '/v1/otp', payload: { mobile } });
}

async function verifyOtp(transactionId: string, otp: string) {
  return service.app.inject({ method: 'POST', url: '/v1/otp/verify', payload: { transactionId, otp } });
}

describe('POST /v1/otp', () => {
  it('answers alike with and without certificates', async () => {
    const known = await requestOtp('9000000001');
    const unknown = await requestOtp('9999999999');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(Object.keys(known.json())).toEqual(['transactionId']);
    expect(Object.keys(unknown.json())).toEqual(['transactionId']);
    expect(known.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(known.body.length).toBe(unknown.body.length);
    expect(service.sender.sent.has('9999999999')).toBe(true);
  });

  it('takes comparable time with and without certificates', async () => {
    const relaxed = createTestService({ otpLimitPerMobile: 1000, otpLimitPerClient: 1000 });
    const times: Record<string, number[]> = { '9000000001': [], '9999999999': [] };
    // Requests alternate between the two numbers, so machine load affects both alike.
    for (let i = 0; i < 60; i++) {
      for (const mobile of Object.keys(times)) {
        const started = performance.now();
        await relaxed.app.inject({ method: 'POST', url: '/v1/otp', payload: { mobile } });
        times[mobile]!.push(performance.now() - started);
      }
    }
    await relaxed.app.close();
    relaxed.repository.close();
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    expect(Math.abs(median(times['9000000001']!) - median(times['9999999999']!))).toBeLessThan(2);
  });

  it('sends a six-digit password', async () => {
    await requestOtp('9000000001');
    expect(service.sender.sent.get('9000000001')).toMatch(/^\d{6}$/);
  });

  it('rejects a malformed mobile number', async () => {
    const response = await requestOtp('12345');
    expect(response.statusCode).toBe(400);
  });

  it('rate-limits requests per mobile number', async () => {
    for (let i = 0; i < 3; i++) expect((await requestOtp('9000000001')).statusCode).toBe(200);
    const limited = await requestOtp('9000000001');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await requestOtp('9000000002')).statusCode).toBe(200);
  });

  it('rate-limits requests per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await requestOtp(`98765432${String(i).padStart(2, '0')}`)).statusCode);
    }
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('opens a new window after 15 minutes', async () => {
    for (let i = 0; i < 3; i++) await requestOtp('9000000001');
    expect((await requestOtp('9000000001')).statusCode).toBe(429);
    service.clock.now += 15 * 60 * 1000;
    expect((await requestOtp('9000000001')).statusCode).toBe(200);
  });
});

describe('POST /v1/otp/verify', () => {
  it('returns a token for the right password', async () => {
    const { transactionId } = (await requestOtp('9000000001')).json<{ transactionId: string }>();
    const response = await verifyOtp(transactionId, service.sender.sent.get('9000000001')!);
    expect(response.statusCode).toBe(200);
    expect(response.json<{ token: string }>().token.split('.')).toHaveLength(3);
  });

  it('rejects a wrong password', async () => {
    const { transactionId } = (await requestOtp('9000000001')).json<{ transactionId: string }>();
    const otp = service.sender.sent.get('9000000001')!;
    const wrong = otp === '000000' ? '000001' : '000000';
    expect((await verifyOtp(transactionId, wrong)).statusCode).toBe(401);
  });

  it('locks the password after 5 wrong attempts', async () => {
    const { transactionId } = (await requestOtp('9000000001')).json<{ transactionId: string }>();
    const otp = service.sender.sent.get('9000000001')!;
    const wrong = otp === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expect((await verifyOtp(transactionId, wrong)).statusCode).toBe(401);
    expect((await verifyOtp(transactionId, otp)).statusCode).toBe(401);
  });

  it('rejects a password after 3 minutes', async () => {
    const { transactionId } = (await requestOtp('9000000001')).json<{ transactionId: string }>();
    service.clock.now += 180_000;
    expect((await verifyOtp(transactionId, service.sender.sent.get('9000000001')!)).statusCode).toBe(401);
  });

  it('accepts a password only once', async () => {
    const { transactionId } = (await requestOtp('9000000001')).json<{ transactionId: string }>();
    const otp = service.sender.sent.get('9000000001')!;
    expect((await verifyOtp(transactionId, otp)).statusCode).toBe(200);
    expect((await verifyOtp(transactionId, otp)).statusCode).toBe(401);
  });
});

describe('GET /v1/beneficiaries', () => {
  it('lists only the beneficiaries of the token number', async () => {
    const token = await loginAs(service, '9000000002');
    const response = await service.app.inject({
      method: 'GET',
      url: '/v1/beneficiaries',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    const { beneficiaries } = response.json<{ beneficiaries: { beneficiaryId: string; maskedIdentity: string }[] }>();
    expect(beneficiaries.map((b) => b.beneficiaryId)).toEqual(['10000000000002', '10000000000003']);
    expect(beneficiaries[0]!.maskedIdentity).toBe('XXXXXXXX0475');
    expect(beneficiaries[1]!.maskedIdentity).toBe('XXXXXX234F');
  });

  it('returns an empty list for a number without certificates', async () => {
    const token = await loginAs(service, '9999999999');
    const response = await service.app.inject({
      method: 'GET',
      url: '/v1/beneficiaries',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.json()).toEqual({ beneficiaries: [] });
  });

  it('rejects a missing or tampered token', async () => {
    const token = await loginAs(service, '9000000001');
    const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'BB' : 'AA'}`;
    for (const authorization of [undefined, 'Bearer nonsense', `Bearer ${tampered}`]) {
      const response = await service.app.inject({
        method: 'GET',
        url: '/v1/beneficiaries',
        headers: authorization ? { authorization } : {},
      });
      expect(response.statusCode).toBe(401);
    }
  });

  it('rejects an expired token', async () => {
    // jose checks expiry against the real clock, so this token is made with a 1 s lifetime and
    // the same secret as the test service.
    const shortLived = await new TokenService({ secret: Buffer.alloc(32, 5), ttlSeconds: 1 }).issue('9000000001');
    const fresh = await service.app.inject({
      method: 'GET',
      url: '/v1/beneficiaries',
      headers: { authorization: `Bearer ${shortLived}` },
    });
    expect(fresh.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await service.app.inject({
      method: 'GET',
      url: '/v1/beneficiaries',
      headers: { authorization: `Bearer ${shortLived}` },
    });
    expect(expired.statusCode).toBe(401);
  });
});

describe('GET /v1/certificates/:beneficiaryId', () => {
  async function download(mobile: string, url: string, headers: Record<string, string> = {}) {
    const token = await loginAs(service, mobile);
    return service.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });
  }

  it('returns a PDF by Accept header', async () => {
    const response = await download('9000000001', '/v1/certificates/10000000000001', { accept: 'application/pdf' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('returns the QR code as PNG', async () => {
    const response = await download('9000000001', '/v1/certificates/10000000000001?format=png');
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  it('returns the signed credential as JSON', async () => {
    const response = await download('9000000001', '/v1/certificates/10000000000001', {
      accept: 'application/vc+ld+json',
    });
    expect(response.headers['content-type']).toBe('application/vc+ld+json');
    const credential = response.json<{ proof: { type: string }; evidence: { dose: number }[] }>();
    expect(credential.proof.type).toBe('Ed25519Signature2020');
    expect(credential.evidence[0]!.dose).toBe(3);
  });

  it('prints the requested language', async () => {
    const english = await download('9000000001', '/v1/certificates/10000000000001?format=pdf&language=en');
    const hindi = await download('9000000001', '/v1/certificates/10000000000001?format=pdf&language=hi');
    expect(hindi.statusCode).toBe(200);
    expect(hindi.rawPayload.includes('NotoSansDevanagari')).toBe(true);
    expect(english.rawPayload.includes('NotoSansDevanagari')).toBe(false);
  });

  it('rejects an unsupported language', async () => {
    const response = await download('9000000001', '/v1/certificates/10000000000001?language=fr');
    expect(response.statusCode).toBe(400);
    expect(response.json<{ code: string }>().code).toBe('ERR_LANGUAGE_UNSUPPORTED');
  });

  it('rejects an unsupported format', async () => {
    const byQuery = await download('9000000001', '/v1/certificates/10000000000001?format=docx');
    const byAccept = await download('9000000001', '/v1/certificates/10000000000001', { accept: 'text/html' });
    expect(byQuery.statusCode).toBe(406);
    expect(byAccept.statusCode).toBe(406);
  });

  it('hides other numbers certificates', async () => {
    const response = await download('9000000001', '/v1/certificates/10000000000002');
    const missing = await download('9000000001', '/v1/certificates/19999999999999');
    expect(response.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(response.rawPayload.subarray(0, 5).toString()).not.toBe('%PDF-');
  });

  it('serves the international certificate when fully vaccinated', async () => {
    const response = await download('9000000001', '/v1/certificates/10000000000001?layout=international');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
  });

  it('has no international certificate before full vaccination', async () => {
    const response = await download('9000000002', '/v1/certificates/10000000000002?layout=international');
    expect(response.statusCode).toBe(404);
    expect(response.json<{ code: string }>().code).toBe('ERR_NOT_FULLY_VACCINATED');
  });
});
