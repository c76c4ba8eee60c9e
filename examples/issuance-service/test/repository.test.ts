import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '../src/storage/open.js';
import { doseKey, type CertificateRow, type NewRequest, type Repository } from '../src/storage/repository.js';
import { dropSchema, postgresUrl, tempDataDir, uniqueSchema } from './helpers.js';

function request(index: number, dose = 1): NewRequest {
  return {
    trackingId: `t-${index}-${dose}`,
    idempotencyKey: `k-${index}-${dose}`,
    programme: 'C19',
    beneficiaryId: `b-${index}`,
    dose,
    payload: '{}',
    webhookUrl: null,
  };
}

function certificate(id: string, beneficiaryId: string, dose: number): CertificateRow {
  return {
    certificateId: id,
    programme: 'C19',
    beneficiaryId,
    dose,
    current: true,
    trackingId: null,
    request: '{}',
    credential: '{}',
    qrPayload: 'VC1:',
    credentialStatus: '[]',
    vaccine: 'COVISHIELD',
    certificateKind: 'provisional',
    region: 'Assam',
    issuedAt: 1,
    replacedBy: null,
  };
}

const schema = uniqueSchema();
const stores = [
  { name: 'sqlite', open: () => openRepository({ store: 'sqlite', sqlitePath: join(tempDataDir(), 'repo.sqlite'), postgresUrl, postgresSchema: '' }) },
  { name: 'postgres', open: () => openRepository({ store: 'postgres', sqlitePath: '', postgresUrl, postgresSchema: schema }) },
];

afterAll(async () => {
  await dropSchema(schema);
});

describe.each(stores)('repository on $name', ({ open }) => {
  let repository: Repository;
  beforeAll(async () => {
    repository = await open();
  });
  afterAll(async () => {
    await repository.close();
  });

  it('stores a request once per idempotency key', async () => {
    const first = await repository.enqueue([request(1), request(2)], 100);
    expect(first.map((item) => item.created)).toEqual([true, true]);
    const again = await repository.enqueue([{ ...request(1), trackingId: 'other' }], 200);
    expect(again).toEqual([{ trackingId: 't-1-1', created: false }]);
  });

  it('leases a request to one signer at a time', async () => {
    const a = await repository.claimPending({ limit: 10, leaseMs: 1_000, owner: 'a', now: 1_000 });
    expect(a.map((claim) => claim.trackingId).sort()).toEqual(['t-1-1', 't-2-1']);
    expect(await repository.claimPending({ limit: 10, leaseMs: 1_000, owner: 'b', now: 1_500 })).toEqual([]);
    // After the lease runs out, another signer takes over, and the first one can no longer commit.
    const b = await repository.claimPending({ limit: 1, leaseMs: 1_000, owner: 'b', now: 2_500 });
    expect(b).toHaveLength(1);
    const stale = a.find((claim) => claim.trackingId === b[0]!.trackingId)!;
    expect(await repository.completeIssued(stale, certificate('c-stale', stale.beneficiaryId, 1), { events: [] }, 2_600)).toBeUndefined();
    expect(await repository.getCertificate('c-stale')).toBeUndefined();
    const done = await repository.completeIssued(b[0]!, certificate('c-1', b[0]!.beneficiaryId, 1), { events: [] }, 2_700);
    expect(done).toEqual({ certificateId: 'c-1', duplicate: false });
  });

  it('keeps one current certificate per dose', async () => {
    await repository.enqueue([{ ...request(1), trackingId: 'dup', idempotencyKey: 'dup-key' }], 3_000);
    const [claim] = await repository.claimPending({ limit: 10, leaseMs: 1_000, owner: 'c', now: 10_000 }).then((claims) =>
      claims.filter((item) => item.trackingId === 'dup'),
    );
    const beneficiary = (await repository.getCertificate('c-1'))!.beneficiaryId;
    expect(claim!.beneficiaryId).toBe(beneficiary);
    const result = await repository.completeIssued(claim!, certificate('c-2', beneficiary, 1), { events: [] }, 10_100);
    expect(result).toEqual({ certificateId: 'c-1', duplicate: true });
    expect(await repository.getCertificate('c-2')).toBeUndefined();
    expect((await repository.getRequest('dup'))!.certificateId).toBe('c-1');
  });

  it('replaces the current certificate atomically', async () => {
    const beneficiary = (await repository.getCertificate('c-1'))!.beneficiaryId;
    expect(await repository.replaceCurrent('c-1', certificate('c-3', beneficiary, 1), [])).toBe(true);
    expect(await repository.replaceCurrent('c-1', certificate('c-4', beneficiary, 1), [])).toBe(false);
    expect((await repository.currentCertificate('C19', beneficiary, 1))!.certificateId).toBe('c-3');
    expect((await repository.certificatesOfDose(beneficiary, 1)).map((row) => row.certificateId)).toEqual(['c-1', 'c-3']);
  });

  it('commits a batch and skips a lost lease', async () => {
    await repository.enqueue([request(40), request(41), request(42), request(43)], 20_000);
    const ids = ['t-40-1', 't-41-1', 't-42-1', 't-43-1'];
    const claims = await repository.claimByIds(ids, { leaseMs: 1_000, owner: 'd', now: 20_000 });
    expect(claims.map((claim) => claim.trackingId).sort()).toEqual(ids);
    expect(await repository.claimByIds(ids, { leaseMs: 1_000, owner: 'e', now: 20_500 })).toEqual([]);
    // Request 43 is taken over after its lease ran out, so the first owner's result for it is stale.
    const [takenOver] = await repository.claimByIds(['t-43-1'], { leaseMs: 1_000, owner: 'e', now: 21_500 });
    expect(takenOver!.leaseOwner).toBe('e');

    const byId = new Map(claims.map((claim) => [claim.trackingId, claim]));
    const committed = await repository.completeBatch(
      [
        { kind: 'issued', claim: byId.get('t-40-1')!, certificate: certificate('c-40', 'b-40', 1), events: [] },
        { kind: 'rejected', claim: byId.get('t-41-1')!, reason: 'invalid', events: [] },
        { kind: 'retry', claim: byId.get('t-42-1')!, reason: 'busy', retryAt: 30_000 },
        { kind: 'issued', claim: byId.get('t-43-1')!, certificate: certificate('c-43', 'b-43', 1), events: [] },
      ],
      21_600,
    );
    expect(committed).toEqual([
      { kind: 'issued', certificateId: 'c-40', duplicate: false },
      { kind: 'rejected' },
      { kind: 'retry' },
      { kind: 'lease-lost' },
    ]);
    expect((await repository.getRequest('t-40-1'))!.state).toBe('issued');
    expect((await repository.getRequest('t-41-1'))!.state).toBe('rejected');
    expect((await repository.getRequest('t-42-1'))!.state).toBe('pending');
    expect(await repository.getCertificate('c-43')).toBeUndefined();
    expect((await repository.getRequest('t-43-1'))!.state).toBe('pending');
  });

  it('commits a batch larger than one statement', async () => {
    // 70 requests span two multi-row statements; the last one repeats the dose of the first.
    const requests = Array.from({ length: 70 }, (_unused, index) => ({ ...request(100 + index), webhookUrl: index % 2 === 0 ? 'http://127.0.0.1:9/hook' : null }));
    requests.push({ ...request(100), trackingId: 'again-100', idempotencyKey: 'again-100' });
    await repository.enqueue(requests, 40_000);
    const claims = await repository.claimByIds(requests.map((item) => item.trackingId), { leaseMs: 1_000, owner: 'f', now: 40_000 });
    expect(claims).toHaveLength(71);
    const byId = new Map(claims.map((claim) => [claim.trackingId, claim]));
    const issuedAt = Date.UTC(2031, 0, 2);
    const results = requests.map((item, index) => ({
      kind: 'issued' as const,
      claim: byId.get(item.trackingId)!,
      certificate: certificate(`c-batch-${index}`, item.beneficiaryId, 1),
      events: [{ at: issuedAt, event: 'issued' as const, vaccine: 'BATCHVAX', dose: 1, certificateKind: 'final', region: null }],
    }));

    const committed = await repository.completeBatch(results, 40_100);
    expect(committed.slice(0, 70)).toEqual(results.slice(0, 70).map((result) => ({ kind: 'issued', certificateId: result.certificate.certificateId, duplicate: false })));
    expect(committed[70]).toEqual({ kind: 'issued', certificateId: 'c-batch-0', duplicate: true });
    expect(await repository.getCertificate('c-batch-70')).toBeUndefined();
    expect(await repository.getRequest('again-100')).toMatchObject({ state: 'issued', certificateId: 'c-batch-0', duplicate: true });
    expect(await repository.getRequest('t-169-1')).toMatchObject({ state: 'issued', certificateId: 'c-batch-69', duplicate: false });

    const counts = await repository.analytics({ fromDay: '2031-01-02', toDay: '2031-01-02' });
    const issued = counts.filter((count) => count.vaccine === 'BATCHVAX').reduce((sum, count) => sum + count.count, 0);
    expect(issued).toBe(70);
    expect(await repository.getDeliveries('t-168-1')).toHaveLength(1);
    expect(await repository.getDeliveries('t-169-1')).toHaveLength(0);
    const [delivery] = await repository.getDeliveries('t-100-1');
    expect(JSON.parse(delivery!.body)).toEqual({ trackingId: 't-100-1', status: 'issued', certificateId: 'c-batch-0', duplicate: false });
  });

  it('finds the current certificate of several doses', async () => {
    const found = await repository.currentCertificateIds([
      { programme: 'C19', beneficiaryId: 'b-40', dose: 1 },
      { programme: 'C19', beneficiaryId: 'b-40', dose: 2 },
      { programme: 'OTHER', beneficiaryId: 'b-40', dose: 1 },
      { programme: 'C19', beneficiaryId: 'b-404', dose: 1 },
    ]);
    expect([...found.entries()]).toEqual([[doseKey({ programme: 'C19', beneficiaryId: 'b-40', dose: 1 }), 'c-40']]);
  });

  it('saves status lists only at the expected version', async () => {
    const record = { id: 'list-1', statusPurpose: 'revocation' as const, length: 16, status: new Uint8Array(2), allocated: new Uint8Array(2), allocatedCount: 0, version: 1 };
    expect(await repository.statusLists.save(record, 0)).toBe(true);
    expect(await repository.statusLists.save(record, 0)).toBe(false);
    expect(await repository.statusLists.save({ ...record, version: 2, allocatedCount: 1 }, 1)).toBe(true);
    expect(await repository.statusLists.save({ ...record, version: 3 }, 1)).toBe(false);
    expect((await repository.statusLists.get('list-1'))!.version).toBe(2);
    expect((await repository.statusLists.findOpen('revocation'))!.id).toBe('list-1');
  });

  it('counts corrections up to the limit', async () => {
    const correction = { beneficiaryId: 'b-9', dose: 1, previousCertificateId: 'x', certificateId: 'y' };
    expect(await repository.corrections.addIfBelow(correction, 1)).toBe(true);
    expect(await repository.corrections.addIfBelow({ ...correction, certificateId: 'z' }, 1)).toBe(false);
    expect(await repository.corrections.count({ beneficiaryId: 'b-9', dose: 1 })).toBe(1);
  });

  it('commits concurrent enqueues together', async () => {
    const calls = await Promise.all([
      repository.enqueue([request(300), request(301)], 500),
      repository.enqueue([request(302), { ...request(300), trackingId: 'repeat-300' }], 500),
      repository.enqueue([{ ...request(301), trackingId: 'retry-301' }, request(303), request(303)], 500),
    ]);
    expect(calls).toEqual([
      [{ trackingId: 't-300-1', created: true }, { trackingId: 't-301-1', created: true }],
      [{ trackingId: 't-302-1', created: true }, { trackingId: 't-300-1', created: false }],
      [{ trackingId: 't-301-1', created: false }, { trackingId: 't-303-1', created: true }, { trackingId: 't-303-1', created: false }],
    ]);
    expect(await repository.getRequest('repeat-300')).toBeUndefined();
    expect(await repository.getRequest('retry-301')).toBeUndefined();
  });

  it('fails only the enqueue whose request is invalid', async () => {
    const broken = { ...request(310), payload: null as unknown as string };
    const [good, bad] = await Promise.allSettled([repository.enqueue([request(311)], 600), repository.enqueue([broken], 600)]);
    expect(good).toEqual({ status: 'fulfilled', value: [{ trackingId: 't-311-1', created: true }] });
    expect(bad.status).toBe('rejected');
    expect(await repository.getRequest('t-310-1')).toBeUndefined();
  });
});
