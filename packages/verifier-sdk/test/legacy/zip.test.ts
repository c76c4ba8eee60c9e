import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import {
  LEGACY_MAX_COMPRESSION_RATIO,
  LEGACY_MAX_ENTRY_BYTES,
  LEGACY_ZIP_MAX_ENTRIES,
  verifyLegacy,
} from '../../src/legacy/index.js';
import { cowinCredential, indiaRsaKey, NOW, zipCredential } from './fixtures.js';

const options = { trustedKeys: [indiaRsaKey], now: NOW };
const certificate = new TextEncoder().encode(JSON.stringify(cowinCredential()));

/** Offsets of the size fields: local header at 0, central directory after the data. */
function patchDeclaredSize(archive: Uint8Array, size: number): Uint8Array {
  const copy = archive.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(22, size, true);
  for (let offset = 0; offset < copy.length - 4; offset += 1) {
    if (view.getUint32(offset, true) === 0x02014b50) view.setUint32(offset + 24, size, true);
  }
  return copy;
}

async function expectFailure(archive: Uint8Array, status: string, code: string) {
  const result = await verifyLegacy(archive, options);

  expect(result.status).toBe(status);
  expect(result.verified).toBe(false);
  expect(result.checks.at(-1)).toMatchObject({ code, passed: false });
  return result;
}

describe('verifyLegacy ZIP reading', () => {
  it('rejects an entry larger than the limit (zip bomb)', async () => {
    const bomb = zipSync({ 'certificate.json': new Uint8Array(1024 * 1024) });

    const result = await expectFailure(bomb, 'too_large', 'SIZE_LIMIT');
    expect(result.checks.at(-1)?.message).toContain(`maximum is ${LEGACY_MAX_ENTRY_BYTES}`);
  });

  it('rejects an oversized zip bomb unread', async () => {
    const bomb = zipSync({ 'certificate.json': new Uint8Array(10 * 1024 * 1024) });

    const result = await expectFailure(bomb, 'too_large', 'SIZE_LIMIT');
    expect(result.checks).toHaveLength(1);
  });

  it('rejects an entry that compresses too well', async () => {
    const dense = zipSync({ 'certificate.json': new Uint8Array(LEGACY_MAX_ENTRY_BYTES).fill(0x20) });

    const result = await expectFailure(dense, 'too_large', 'SIZE_LIMIT');
    expect(result.checks.at(-1)?.message).toContain(`maximum ratio is ${LEGACY_MAX_COMPRESSION_RATIO}`);
  });

  it('rejects an entry that inflates past its declared size', async () => {
    const archive = zipSync({ 'certificate.json': new Uint8Array(4000).fill(0x20) });

    await expectFailure(patchDeclaredSize(archive, 100), 'too_large', 'SIZE_LIMIT');
  });

  it('rejects an entry that inflates to fewer bytes than declared', async () => {
    const archive = zipCredential(cowinCredential());

    await expectFailure(patchDeclaredSize(archive, certificate.length + 1), 'invalid_compression', 'SIZE_LIMIT');
  });

  it('rejects an entry whose CRC-32 does not match', async () => {
    const archive = zipSync({ 'certificate.json': [certificate, { level: 0 }] });
    const start = archive.indexOf('{'.charCodeAt(0));
    archive[start + 10] = 0x5a;

    await expectFailure(archive, 'invalid_compression', 'SIZE_LIMIT');
  });

  it('rejects an archive with two entries', async () => {
    const archive = zipSync({ 'certificate.json': certificate, 'extra.json': certificate });

    await expectFailure(archive, 'malformed', 'ZIP');
  });

  it('rejects an entry with another name', async () => {
    const archive = zipSync({ 'credential.json': certificate });

    const result = await expectFailure(archive, 'malformed', 'ZIP');
    expect(result.checks.at(-1)?.message).toContain('"credential.json"');
  });

  it('rejects an archive that lists more entries than the limit', async () => {
    const files = Object.fromEntries(
      Array.from({ length: LEGACY_ZIP_MAX_ENTRIES + 1 }, (_, index) => [`${index}.json`, new Uint8Array(1)]),
    );

    await expectFailure(zipSync(files, { level: 0 }), 'too_large', 'ZIP');
  });

  it('rejects a truncated archive', async () => {
    const archive = zipCredential(cowinCredential());

    await expectFailure(archive.subarray(0, archive.length - 30), 'malformed', 'ZIP');
  });

  it('rejects deflate data that is corrupt', async () => {
    const archive = zipCredential(cowinCredential());
    archive.fill(0xff, 60, 80);

    const result = await verifyLegacy(archive, options);
    expect(result.verified).toBe(false);
    expect(['invalid_compression', 'too_large']).toContain(result.status);
    expect(result.checks.at(-1)).toMatchObject({ code: 'SIZE_LIMIT', passed: false });
  });
});
