import { describe, expect, it } from 'vitest';

import { buildCertificateView, maskIdentityNumber, parseIdentity } from '../../src/pdf/certificate-model.js';
import { fixture } from '../fixtures/load.js';

describe('maskIdentityNumber', () => {
  it('keeps the last 4 characters', () => {
    expect(maskIdentityNumber('123456789012')).toBe('XXXXXXXX9012');
    expect(maskIdentityNumber('Z0288338')).toBe('XXXX8338');
  });

  it('masks a number of 4 characters or fewer entirely', () => {
    expect(maskIdentityNumber('1234')).toBe('XXXX');
    expect(maskIdentityNumber('')).toBe('');
  });
});

describe('parseIdentity', () => {
  it('splits a DID into scheme and number', () => {
    expect(parseIdentity('did:in.gov.uidai.aadhaar:XXXXXXXX0475')).toEqual({
      scheme: 'in.gov.uidai.aadhaar',
      number: 'XXXXXXXX0475',
    });
    expect(parseIdentity('A1234')).toEqual({ scheme: '', number: 'A1234' });
  });
});

describe('buildCertificateView', () => {
  it('sorts doses and takes the latest certificate', () => {
    const doses = fixture('precaution').doses.map((dose) => dose.credential);
    const view = buildCertificateView([doses[2]!, doses[0]!, doses[1]!]);
    expect(view.doses.map((dose) => dose.dose)).toEqual([1, 2, 3]);
    expect(view.doses.map((dose) => dose.precaution)).toEqual([false, false, true]);
    expect(view.certificateId).toBe(doses[2]!.id);
    expect(view.status).toBe('precaution');
  });

  it('dates doses in India Standard Time', () => {
    const credential = structuredClone(fixture('partial').doses[0]!.credential);
    credential.evidence[0].date = '2021-09-13T20:00:00.000Z';
    expect(buildCertificateView([credential]).doses[0]!.date).toBe('2021-09-14');
  });

  it('derives the status from the certificate kinds', () => {
    expect(buildCertificateView(fixture('partial').doses.map((dose) => dose.credential)).status).toBe('partial');
    expect(buildCertificateView(fixture('markup').doses.map((dose) => dose.credential)).status).toBe('full');
  });

  it('computes the age at the latest dose', () => {
    const view = buildCertificateView(fixture('precaution').doses.map((dose) => dose.credential));
    expect(view.age).toBe(25);
    expect(view.passportNumber).toBe('Z0288338');
    expect(view.maskedIdentity).toBe('XXXX8338');
  });

  it('rejects credentials of two beneficiaries', () => {
    const mixed = [fixture('partial').doses[0]!.credential, fixture('markup').doses[0]!.credential];
    expect(() => buildCertificateView(mixed)).toThrow(TypeError);
    expect(() => buildCertificateView([])).toThrow(TypeError);
  });
});
