/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- response bodies are untyped JSON that the tests check field by field. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, createApiKey, sampleRequests, serviceDir, startService, tempDataDir, waitFor, type RunningService } from './helpers.js';

type Request = {
  preEnrollmentCode: string;
  vaccination: { name: string; batch: string; manufacturer: string; date: string; dose: number; totalDoses: number };
  meta?: Record<string, unknown>;
};

describe('reconciliation', () => {
  const dataDir = tempDataDir();
  // The command-line tool checks status list URLs against PUBLIC_URL, so both processes share it.
  const env = { DATA_DIR: dataDir, CORRECTION_LIMIT: '1', PUBLIC_URL: 'http://127.0.0.1:3999' };
  let service: RunningService;
  let adminKey: string;
  let facilityKey: string;
  const samples = sampleRequests() as Request[];
  // Beneficiary A has doses 1 and 2; beneficiary B has one dose, `otherDose`.
  const doseOne = samples[20]!;
  const doseTwo: Request = {
    ...doseOne,
    vaccination: { ...doseOne.vaccination, dose: 2, batch: 'SECOND-01', date: new Date(Date.parse(doseOne.vaccination.date) + 30 * 86_400_000).toISOString() },
  };
  const other = samples[21]!;
  const otherDose = other.vaccination.dose;

  const current = async (code: string, dose: number) => {
    const response = await call(`${service.url}/v1/certificates/${code}`, { apiKey: facilityKey });
    return (response.body.certificates as { dose: number; certificateId: string; credential: { evidence: Record<string, unknown>[] } }[]).find((item) => item.dose === dose)!;
  };
  const source = (request: Request) => ({
    dose: request.vaccination.dose,
    date: request.vaccination.date,
    batch: request.vaccination.batch,
    name: request.vaccination.name,
    manufacturer: request.vaccination.manufacturer,
  });

  beforeAll(async () => {
    adminKey = createApiKey(env, 'admin');
    facilityKey = createApiKey(env, 'facility');
    service = await startService(env);
    const accepted = await call(`${service.url}/v1/certify`, { method: 'POST', apiKey: facilityKey, body: [doseOne, doseTwo, other] });
    expect(accepted.status).toBe(202);
    for (const { trackingId } of accepted.body.requests as { trackingId: string }[]) {
      await waitFor(async () => (await call(`${service.url}/v1/certify/${trackingId}`, { apiKey: facilityKey })).body.state === 'issued', 30_000, 'issuance');
    }
  });
  afterAll(async () => {
    await service.stop();
  });

  it('rejects a facility with 403', async () => {
    const response = await call(`${service.url}/v1/reconcile`, { method: 'POST', apiKey: facilityKey, body: { ...doseTwo, meta: { vaccinations: [source(doseOne)] } } });
    expect(response.status).toBe(403);
  });

  it('reports differences without correcting in a dry run', async () => {
    const before = await current(doseOne.preEnrollmentCode, 1);
    const body = { ...doseTwo, meta: { vaccinations: [{ ...source(doseOne), batch: 'DRY-RUN-1' }] } };
    const response = await call(`${service.url}/v1/reconcile?dryRun=true`, { method: 'POST', apiKey: adminKey, body });
    expect(response.status).toBe(200);
    expect(response.body.doses[0]).toMatchObject({ dose: 1, status: 'differs', changes: [{ field: 'batch', stored: doseOne.vaccination.batch, source: 'DRY-RUN-1' }] });
    expect((await current(doseOne.preEnrollmentCode, 1)).certificateId).toBe(before.certificateId);
  });

  it('corrects a differing dose and leaves an equal one', async () => {
    const before = await current(doseOne.preEnrollmentCode, 1);
    const unchanged = await current(doseOne.preEnrollmentCode, 2);
    const body = {
      ...doseTwo,
      meta: { vaccinations: [{ ...source(doseOne), batch: 'FIXED-BATCH-1', name: doseOne.vaccination.name.toUpperCase() }, source(doseTwo), { ...source(doseOne), dose: 5 }] },
    };
    const response = await call(`${service.url}/v1/reconcile`, { method: 'POST', apiKey: adminKey, body });
    expect(response.status).toBe(200);
    const [first, second, missing] = response.body.doses;
    expect(first).toMatchObject({ dose: 1, status: 'corrected', previousCertificateId: before.certificateId });
    // The vaccine differs in letter case only, which is no difference.
    expect(first.changes).toEqual([{ field: 'batch', stored: doseOne.vaccination.batch, source: 'FIXED-BATCH-1' }]);
    expect(second).toMatchObject({ dose: 2, status: 'unchanged', changes: [], certificateId: unchanged.certificateId });
    expect(missing).toMatchObject({ dose: 5, status: 'not_found' });
    expect(response.body.counts).toMatchObject({ corrected: 1, unchanged: 1, not_found: 1 });

    const after = await current(doseOne.preEnrollmentCode, 1);
    expect(after.certificateId).toBe(first.certificateId);
    expect(after.credential.evidence[0]!.batch).toBe('FIXED-BATCH-1');
    expect(after.credential.evidence[0]!.previousCertificateId).toBe(before.certificateId);
  });

  it('reports a dose at the correction limit and corrects the others', async () => {
    const limited = await current(doseOne.preEnrollmentCode, 1);
    const day = new Date(Date.parse(doseTwo.vaccination.date) - 86_400_000).toISOString().slice(0, 10);
    const body = {
      ...doseTwo,
      meta: { vaccinations: [{ ...source(doseOne), batch: 'FIXED-BATCH-1', date: '2021-01-01' }, { ...source(doseTwo), date: day }] },
    };
    const response = await call(`${service.url}/v1/reconcile`, { method: 'POST', apiKey: adminKey, body });
    expect(response.status).toBe(200);
    const [first, second] = response.body.doses;
    expect(first).toMatchObject({ dose: 1, status: 'limited', certificateId: limited.certificateId });
    expect(first.changes).toEqual([{ field: 'date', stored: doseOne.vaccination.date, source: '2021-01-01' }]);
    expect(first.message).toContain('correction');
    expect(second).toMatchObject({ dose: 2, status: 'corrected' });
    expect(second.changes).toEqual([{ field: 'date', stored: doseTwo.vaccination.date, source: day }]);

    expect((await current(doseOne.preEnrollmentCode, 1)).certificateId).toBe(limited.certificateId);
    // A source day replaces the day and keeps the stored time of day.
    const corrected = await current(doseOne.preEnrollmentCode, 2);
    expect(corrected.credential.evidence[0]!.date).toBe(`${day}${doseTwo.vaccination.date.slice(10)}`);
  });

  it('reconciles a CSV export with the command-line tool', () => {
    const csv = [
      'preEnrollmentCode,dose,date,batch,vaccine,manufacturer',
      `${other.preEnrollmentCode},${otherDose},${other.vaccination.date.slice(0, 10)},CSV-BATCH-9,${other.vaccination.name},${other.vaccination.manufacturer}`,
      `${other.preEnrollmentCode},x,,,,`,
    ].join('\n');
    const file = join(dataDir, 'source.csv');
    writeFileSync(file, csv);
    const run = spawnSync(process.execPath, ['dist/cli/reconcile.js', '--csv', file], {
      cwd: serviceDir,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    // Exit code 1: the second row is invalid.
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout, run.stderr).not.toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.doses[0]).toMatchObject({ preEnrollmentCode: other.preEnrollmentCode, dose: otherDose, status: 'corrected' });
    expect(report.doses[0].changes).toEqual([{ field: 'batch', stored: other.vaccination.batch, source: 'CSV-BATCH-9' }]);
    expect(report.doses[1]).toMatchObject({ status: 'invalid' });
    expect(report.doses[1].message).toContain('row 3');
  });

  it('reconciles a JSON file with the command-line tool', async () => {
    const corrected = await current(other.preEnrollmentCode, otherDose);
    expect(corrected.credential.evidence[0]!.batch).toBe('CSV-BATCH-9');

    const file = join(dataDir, 'source.json');
    const vaccinations = [{ ...source(other), batch: 'CSV-BATCH-9', manufacturer: 'Another Maker' }];
    writeFileSync(file, JSON.stringify([{ ...other, vaccination: { ...other.vaccination, dose: otherDose + 1 }, meta: { vaccinations } }]));
    const run = spawnSync(process.execPath, ['dist/cli/reconcile.js', '--json', file], {
      cwd: serviceDir,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout, run.stderr).not.toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.doses[0]).toMatchObject({ dose: otherDose, status: 'limited', changes: [{ field: 'manufacturer', source: 'Another Maker' }] });
    expect((await current(other.preEnrollmentCode, otherDose)).certificateId).toBe(corrected.certificateId);
  });
});
