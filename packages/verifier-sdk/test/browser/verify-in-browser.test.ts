import { describe, expect, it } from 'vitest';

import { encodeQrPayload, issue, renderQr } from '@vaxcert/issuer-sdk';
import type { VaccinationCredential } from '@vaxcert/schemas';

import { NOW, sampleRequests, testIssuer } from '../support.js';
import { runInBrowser } from './harness.js';

interface BrowserOutcome {
  text: { status: string; name?: string; checks: string[] };
  png: { status: string; firstCheck: string };
  tampered: { status: string };
  garbage: { status: string };
  hasBuffer: boolean;
}

describe('verifier in Chromium', () => {
  it('verifies text and PNG QR codes and rejects a tampered one', async () => {
    const { key, didDocument } = await testIssuer();
    const { credential, qrPayload } = await issue({ request: sampleRequests()[2], key, now: NOW });
    const rendered = await renderQr({ payload: qrPayload, format: 'png', scale: 3 });
    const png = Buffer.from(rendered.image);
    const tampered: VaccinationCredential = structuredClone(credential);
    tampered.evidence[0].dose += 1;

    const outcome = await runInBrowser<BrowserOutcome>({
      resolveDir: import.meta.dirname,
      timeoutMs: 60_000,
      entrySource: `
        import { verify } from '@vaxcert/verifier-sdk';
        const trustedIssuers = [${JSON.stringify(didDocument)}];
        const now = new Date(${JSON.stringify(NOW.toISOString())});
        const png = Uint8Array.from(atob(${JSON.stringify(png.toString('base64'))}), (c) => c.charCodeAt(0));
        export default async () => {
          const text = await verify({ qr: ${JSON.stringify(qrPayload)}, trustedIssuers, now });
          const image = await verify({ qr: png, trustedIssuers, now });
          const tampered = await verify({ qr: ${JSON.stringify(encodeQrPayload({ credential: tampered }))}, trustedIssuers, now });
          const garbage = await verify({ qr: 'VC1:%%%%', trustedIssuers, now });
          return {
            text: { status: text.status, name: text.certificate?.name, checks: text.checks.map((c) => c.code) },
            png: { status: image.status, firstCheck: image.checks[0].code },
            tampered: { status: tampered.status },
            garbage: { status: garbage.status },
            hasBuffer: typeof globalThis.Buffer !== 'undefined',
          };
        };
      `,
    });

    expect(outcome.hasBuffer).toBe(false);
    expect(outcome.text.status).toBe('valid');
    expect(outcome.text.name).toBe(credential.credentialSubject.name);
    expect(outcome.text.checks).toContain('SIGNATURE');
    expect(outcome.png).toEqual({ status: 'valid', firstCheck: 'QR_IMAGE' });
    expect(outcome.tampered.status).toBe('invalid_signature');
    expect(outcome.garbage.status).toBe('invalid_encoding');
  }, 120_000);
});
