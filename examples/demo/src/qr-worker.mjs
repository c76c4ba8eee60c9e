// Worker thread of the QR pool: renders payloads to PNG files and verifies PNG files by
// decoding the image. Messages are `{ id, task, items }`, replies are `{ id, results }`.
import { readFile, writeFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';

import { renderQr } from '@vaxcert/issuer-sdk';
import { verify } from '@vaxcert/verifier-sdk';

/** @type {{ trustedIssuers: object[], scale: number, errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' }} */
const settings = workerData;

/** @param {{ payload: string, pngPath: string }} item */
async function renderItem(item) {
  const started = performance.now();
  const rendered = await renderQr({
    payload: item.payload,
    format: 'png',
    errorCorrectionLevel: settings.errorCorrectionLevel,
    scale: settings.scale,
  });
  const renderMs = performance.now() - started;
  await writeFile(item.pngPath, rendered.image);
  return { version: rendered.version, size: rendered.size, pngBytes: rendered.image.length, renderMs };
}

/** @param {{ pngPath: string }} item */
async function verifyItem(item) {
  const png = await readFile(item.pngPath);
  const started = performance.now();
  const result = await verify({ qr: new Uint8Array(png), trustedIssuers: settings.trustedIssuers });
  const verifyMs = performance.now() - started;
  return {
    status: result.status,
    certificateId: result.certificate?.certificateId,
    failedChecks: result.checks.filter((check) => !check.passed),
    verifyMs,
  };
}

const tasks = { render: renderItem, 'verify-png': verifyItem };

parentPort.on('message', async ({ id, task, items }) => {
  const results = [];
  for (const item of items) {
    try {
      results.push({ ok: true, ...(await tasks[task](item)) });
    } catch (error) {
      results.push({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  parentPort.postMessage({ id, results });
});
