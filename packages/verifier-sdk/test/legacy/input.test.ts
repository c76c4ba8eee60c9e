import { describe, expect, it } from 'vitest';

import { detectLegacyPayload, LEGACY_MAX_TEXT_LENGTH, LEGACY_MAX_ZIP_BYTES, verifyLegacy } from '../../src/legacy/index.js';
import { cowinQrBytes, cowinQrText, indiaRsaKey, NOW, toLatin1 } from './fixtures.js';

const options = { trustedKeys: [indiaRsaKey], now: NOW };

/** What a scanner returns when it decodes the QR bytes as UTF-8. */
const utf8Mangled = new TextDecoder().decode(cowinQrBytes);

describe('detectLegacyPayload', () => {
  it.each([
    ['raw bytes', cowinQrBytes],
    ['latin-1 string', toLatin1(cowinQrBytes)],
    ['B64: text', cowinQrText],
    ['UTF-8-mangled string', utf8Mangled],
  ])('recognises the %s form', (_form, input) => {
    expect(detectLegacyPayload(input)).toBe(true);
  });

  it.each([
    ['EU DCC text', 'HC1:6BFOXN%TS3DH'],
    ['vaxcert text', '{"@context":[]}'],
    ['short bytes', new Uint8Array([0x50, 0x4b])],
    ['empty string', ''],
  ])('rejects %s', (_name, input) => {
    expect(detectLegacyPayload(input)).toBe(false);
  });
});

describe('verifyLegacy text decoding', () => {
  it('reports a UTF-8-mangled string as invalid_encoding', async () => {
    const result = await verifyLegacy(utf8Mangled, options);

    expect(result.status).toBe('invalid_encoding');
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({ code: 'TEXT_ENCODING', passed: false });
    expect(result.checks[0]?.message).toContain('U+FFFD');
  });

  it.each(['B64:not base64!', 'B64:UEsDB', 'B64:UE=sDBA'])('reports broken base64 %j', async (text) => {
    const result = await verifyLegacy(text, options);

    expect(result.status).toBe('invalid_encoding');
    expect(result.checks.at(-1)).toMatchObject({ code: 'BASE64', passed: false });
  });

  it('accepts B64: text with line breaks', async () => {
    const wrapped = `B64:${cowinQrText.slice(4).replace(/(.{76})/g, '$1\n')}\n`;

    expect((await verifyLegacy(wrapped, options)).status).toBe('valid');
  });

  it('reports base64 of something that is not a ZIP archive as malformed', async () => {
    const result = await verifyLegacy(`B64:${btoa('PK\u0003\u0004 and nothing else')}`, options);

    expect(result.status).toBe('malformed');
    expect(result.checks.at(-1)).toMatchObject({ code: 'ZIP', passed: false });
  });

  it('rejects text longer than the limit before decoding it', async () => {
    const result = await verifyLegacy(`B64:${'A'.repeat(LEGACY_MAX_TEXT_LENGTH)}`, options);

    expect(result.status).toBe('too_large');
    expect(result.checks).toEqual([expect.objectContaining({ code: 'SIZE_LIMIT', passed: false })]);
  });

  it('rejects bytes longer than the limit', async () => {
    const bytes = new Uint8Array(LEGACY_MAX_ZIP_BYTES + 1);
    bytes.set(cowinQrBytes);

    expect((await verifyLegacy(bytes, options)).status).toBe('too_large');
  });
});
