import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  createDidDocument,
  didWebFromUrl,
  exportIssuerKey,
  generateIssuerKey,
  importIssuerKey,
  loadIssuerKey,
  saveIssuerKey,
} from '@vaxcert/issuer-sdk';

describe('issuer keys', () => {
  it('derives a did:key identifier when no DID is given', async () => {
    const key = await generateIssuerKey();
    expect(key.controller).toMatch(/^did:key:z6Mk/);
    expect(key.id).toBe(`${key.controller}#${key.controller.slice('did:key:'.length)}`);
  });

  it('is deterministic for a seed', async () => {
    const seed = new Uint8Array(32).fill(1);
    const first = await generateIssuerKey({ did: 'did:web:a.example', seed });
    const second = await generateIssuerKey({ did: 'did:web:a.example', seed });
    expect(exportIssuerKey(first)).toEqual(exportIssuerKey(second));
  });

  it('rejects a malformed DID and a short seed', async () => {
    await expect(generateIssuerKey({ did: 'web:a.example' })).rejects.toThrow(TypeError);
    await expect(generateIssuerKey({ seed: new Uint8Array(16) })).rejects.toThrow(TypeError);
  });

  it('exports without the private key unless asked', async () => {
    const key = await generateIssuerKey({ did: 'did:web:a.example' });
    expect(exportIssuerKey(key)).not.toHaveProperty('privateKeyMultibase');
    expect(exportIssuerKey(key, { includePrivateKey: true }).privateKeyMultibase).toMatch(/^z/);
  });

  it('saves and loads a key file readable by its owner only', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'vaxcert-keys-'));
    const path = join(folder, 'issuer-key.json');
    const key = await generateIssuerKey({ did: 'did:web:a.example', keyFragment: 'key-1' });
    await saveIssuerKey({ key, path });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const loaded = await loadIssuerKey({ path });
    expect(loaded.id).toBe('did:web:a.example#key-1');
    expect(exportIssuerKey(loaded, { includePrivateKey: true })).toEqual(exportIssuerKey(key, { includePrivateKey: true }));
  });

  it('reports a missing or corrupt key file with ERR_KEY_FILE', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'vaxcert-keys-'));
    await expect(loadIssuerKey({ path: join(folder, 'missing.json') })).rejects.toMatchObject({ code: 'ERR_KEY_FILE' });
    await writeFile(join(folder, 'broken.json'), '{not json');
    await expect(loadIssuerKey({ path: join(folder, 'broken.json') })).rejects.toMatchObject({ code: 'ERR_KEY_FILE' });
  });

  it('rejects a serialised key with a foreign ID or a bad key', async () => {
    const key = await generateIssuerKey({ did: 'did:web:a.example' });
    const serialized = exportIssuerKey(key, { includePrivateKey: true });
    await expect(importIssuerKey({ ...serialized, id: 'did:web:b.example#k' })).rejects.toMatchObject({ code: 'ERR_KEY_INVALID' });
    await expect(importIssuerKey({ ...serialized, publicKeyMultibase: 'zzz' })).rejects.toMatchObject({ code: 'ERR_KEY_INVALID' });
  });
});

describe('DID documents', () => {
  it('lists current keys as assertion methods and keeps retired ones', async () => {
    const current = await generateIssuerKey({ did: 'did:web:a.example', keyFragment: 'key-2' });
    const old = exportIssuerKey(await generateIssuerKey({ did: 'did:web:a.example', keyFragment: 'key-1' }));
    const document = createDidDocument({ keys: [current], retiredKeys: [{ ...old, revoked: '2026-01-01T00:00:00Z' }] });
    expect(document.id).toBe('did:web:a.example');
    expect(document.assertionMethod).toEqual(['did:web:a.example#key-2']);
    expect(document.verificationMethod.map((method) => method.id)).toEqual(['did:web:a.example#key-2', 'did:web:a.example#key-1']);
    expect(JSON.stringify(document)).not.toContain('privateKeyMultibase');
  });

  it('builds a did:key document', async () => {
    const key = await generateIssuerKey();
    const document = createDidDocument({ keys: [key] });
    expect(document.id).toBe(key.controller);
    expect(document.verificationMethod[0]!.publicKeyMultibase).toBe(key.controller.slice('did:key:'.length));
  });

  it('rejects keys of two controllers and retired keys without a time', async () => {
    const first = await generateIssuerKey({ did: 'did:web:a.example' });
    const second = await generateIssuerKey({ did: 'did:web:b.example' });
    expect(() => createDidDocument({ keys: [first, second] })).toThrow(TypeError);
    expect(() => createDidDocument({ keys: [first], retiredKeys: [first] })).toThrow(/revoked/);
  });

  it('converts URLs to did:web', () => {
    expect(didWebFromUrl('https://certify.example.gov.in')).toBe('did:web:certify.example.gov.in');
    expect(didWebFromUrl('https://certify.example.gov.in:8443/issuers/1')).toBe('did:web:certify.example.gov.in%3A8443:issuers:1');
    expect(() => didWebFromUrl('http://certify.example.gov.in')).toThrow(TypeError);
  });

  it('writes a document that parses back as JSON', async () => {
    const key = await generateIssuerKey({ did: 'did:web:a.example' });
    const folder = await mkdtemp(join(tmpdir(), 'vaxcert-did-'));
    await writeFile(join(folder, 'did.json'), JSON.stringify(createDidDocument({ keys: [key] })));
    const written = JSON.parse(await readFile(join(folder, 'did.json'), 'utf8')) as { id: string };
    expect(written.id).toBe('did:web:a.example');
  });
});
