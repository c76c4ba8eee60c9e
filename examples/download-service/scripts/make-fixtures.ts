// Writes test/fixtures/beneficiaries.json: signed credentials of a few synthetic beneficiaries,
// issued once with a fixed key and clock. The tests and the snapshot renders read this file, so
// rerun this script only to change the fixtures, then update the snapshots.
import { writeFileSync } from 'node:fs';

import { generateIssuerKey, issue } from '@vaxcert/issuer-sdk';

const key = await generateIssuerKey({
  did: 'did:web:certify.example.gov.in',
  seed: new Uint8Array(32).fill(7),
});

interface Person {
  label: string;
  name: string;
  identity: string;
  dob: string;
  mobile: string;
  preEnrollmentCode: string;
  doses: { dose: number; totalDoses: number; date: string; batch: string }[];
  certificateType: 'domestic' | 'international';
}

const people: Person[] = [
  {
    label: 'precaution',
    name: 'Shabnam Nair',
    identity: 'did:in.gov.passport:Z0288338',
    dob: '1996-08-25',
    mobile: '9000000001',
    preEnrollmentCode: '10000000000001',
    certificateType: 'international',
    doses: [
      { dose: 1, totalDoses: 2, date: '2021-05-03T10:50:52.000Z', batch: '4121Z005' },
      { dose: 2, totalDoses: 2, date: '2021-08-02T09:15:00.000Z', batch: '4121Z091' },
      { dose: 3, totalDoses: 2, date: '2022-04-20T06:30:00.000Z', batch: '4122Z188' },
    ],
  },
  {
    label: 'partial',
    name: 'Lakshmi Chatterjee',
    identity: 'did:in.gov.uidai.aadhaar:XXXXXXXX0475',
    dob: '1966-03-14',
    mobile: '9000000002',
    preEnrollmentCode: '10000000000002',
    certificateType: 'domestic',
    doses: [{ dose: 1, totalDoses: 2, date: '2021-09-13T11:22:43.000Z', batch: '9056X011' }],
  },
  {
    label: 'markup',
    name: '<b>x</b> & <script>alert(1)</script>',
    identity: 'did:in.gov.pan:ABCDE1234F',
    dob: '1980-01-01',
    mobile: '9000000002',
    preEnrollmentCode: '10000000000003',
    certificateType: 'domestic',
    doses: [
      { dose: 1, totalDoses: 2, date: '2021-07-01T05:00:00.000Z', batch: '1111A111' },
      { dose: 2, totalDoses: 2, date: '2021-10-01T05:00:00.000Z', batch: '1111A222' },
    ],
  },
  {
    label: 'devanagari-name',
    name: 'अमित कुमार',
    identity: 'did:in.gov.uidai.aadhaar:XXXXXXXX9012',
    dob: '1990-06-30',
    mobile: '9000000003',
    preEnrollmentCode: '10000000000004',
    certificateType: 'domestic',
    doses: [
      { dose: 1, totalDoses: 2, date: '2021-06-10T05:00:00.000Z', batch: '2222B111' },
      { dose: 2, totalDoses: 2, date: '2021-09-10T05:00:00.000Z', batch: '2222B222' },
    ],
  },
];

const beneficiaries = [];
for (const person of people) {
  const issued = [];
  for (const dose of person.doses) {
    const request = {
      preEnrollmentCode: person.preEnrollmentCode,
      recipient: {
        name: person.name,
        dob: person.dob,
        gender: 'Female',
        nationality: 'Indian',
        identity: person.identity,
        contact: [`tel:${person.mobile}`],
        address: { addressLine1: '12, MG Road', district: 'Pune', city: 'Pune', state: 'Maharashtra', pincode: '411001' },
      },
      vaccination: {
        name: 'COVISHIELD',
        batch: dose.batch,
        manufacturer: 'Serum Institute of India',
        date: dose.date,
        dose: dose.dose,
        totalDoses: dose.totalDoses,
      },
      vaccinator: { id: 'VAC-000001', name: 'Priya Bhattacharya' },
      facility: {
        id: 'FAC-00001',
        name: 'District Hospital Pune 2',
        address: { addressLine1: 'Station Road', district: 'Pune', city: 'Pune', state: 'Maharashtra', pincode: '411001' },
      },
      meta: { certificateType: person.certificateType },
    };
    const result = await issue({ request, key, now: new Date(Date.parse(dose.date) + 3_600_000) });
    issued.push({ credential: result.credential, qrPayload: result.qrPayload });
  }
  beneficiaries.push({ label: person.label, mobile: person.mobile, doses: issued });
}

const target = new URL('../test/fixtures/beneficiaries.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(beneficiaries, null, 2)}\n`);
console.log(`wrote ${beneficiaries.length} beneficiaries to ${target.pathname}`);
