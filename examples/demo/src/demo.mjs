#!/usr/bin/env node
// End-to-end demo of the SDK: issue a certificate for every sample certify request, write
// each credential and QR PNG, verify every PNG and every QR text, print a summary and show
// two forged certificates being rejected. `--help` lists the options.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { createDidDocument, generateIssuerKey, issue, saveIssuerKey } from '@vaxcert/issuer-sdk';
import { verify } from '@vaxcert/verifier-sdk';

import { HELP, parseOptions } from './options.mjs';
import { createQrPool } from './qr-pool.mjs';
import { verifyForeignKey, verifyTamperedDose } from './rejections.mjs';
import { printRejection, printSummary } from './report.mjs';

/**
 * Reads up to `count` certify requests from a JSON Lines file.
 * @param {string} path
 * @param {number} count
 */
async function readRequests(path, count) {
  const lines = (await readFile(path, 'utf8')).split('\n');
  const requests = [];
  for (const [index, line] of lines.entries()) {
    if (requests.length >= count) break;
    if (line.trim() === '') continue;
    try {
      requests.push(JSON.parse(line));
    } catch (error) {
      throw new Error(`${path} line ${index + 1} is not valid JSON: ${error.message}`, { cause: error });
    }
  }
  if (requests.length === 0) throw new Error(`${path} contains no certify requests`);
  return requests;
}

/** Deletes certificate files of an earlier run, so the folder matches this run's count. */
async function removeOldCertificates(directory) {
  const names = await readdir(directory);
  const old = names.filter((name) => /^\d+\.(json|png)$/.test(name));
  await Promise.all(old.map((name) => rm(join(directory, name))));
}

/** Issues one certificate per request on this thread and writes each credential. */
async function issueAll(requests, key, directory) {
  const digits = Math.max(4, String(requests.length).length);
  const certificates = [];
  for (const [index, request] of requests.entries()) {
    const stem = join(directory, String(index + 1).padStart(digits, '0'));
    const entry = { index, request, jsonPath: `${stem}.json`, pngPath: `${stem}.png` };
    const started = performance.now();
    try {
      entry.issued = await issue({ request, key });
      entry.issueMs = performance.now() - started;
      await writeFile(entry.jsonPath, `${JSON.stringify(entry.issued.credential, null, 2)}\n`);
    } catch (error) {
      const issues = error.issues?.map((issue) => `${issue.pointer} ${issue.message}`).join('; ');
      entry.issueError = issues ? `request rejected: ${issues}` : error.message;
    }
    certificates.push(entry);
  }
  return certificates;
}

/** Verifies every QR text on this thread and records status and time on each entry. */
async function verifyTexts(certificates, trustedIssuers) {
  for (const entry of certificates) {
    const started = performance.now();
    const result = await verify({ qr: entry.issued.qrPayload, trustedIssuers });
    entry.textVerifyMs = performance.now() - started;
    entry.textStatus = result.status;
    entry.textFailedChecks = result.checks.filter((check) => !check.passed);
  }
}

/**
 * Runs a pool task on every certificate and stores each result on its entry, under `field`
 * or, when the step failed, as a message under `errorField`. Returns the wall-clock time.
 */
async function runPoolStep({ pool, task, certificates, toItem, field, errorField }) {
  const started = performance.now();
  const results = await pool.run(task, certificates.map(toItem));
  const wallMs = performance.now() - started;
  results.forEach((result, position) => {
    if (result.ok) certificates[position][field] = result;
    else certificates[position][errorField] = result.error;
  });
  return wallMs;
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\nRun with --help for the list of options.`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const demoStarted = performance.now();
  const requests = await readRequests(options.requests, options.count);
  const certificateDir = join(options.out, 'certificates');
  await mkdir(certificateDir, { recursive: true });
  await removeOldCertificates(certificateDir);

  // NOTE: the demo writes its private key unencrypted (mode 0600) into the output folder.
  // The key is new on every run and signs only this run's certificates.
  const key = await generateIssuerKey({ did: options.did });
  await saveIssuerKey({ key, path: join(options.out, 'issuer-key.json'), overwrite: true });
  const didDocument = createDidDocument({ keys: [key] });
  await writeFile(join(options.out, 'did.json'), `${JSON.stringify(didDocument, null, 2)}\n`);
  const trustedIssuers = [didDocument];
  console.log(`Issuer key ${key.id}`);
  console.log(`${requests.length} certify requests from ${options.requests}`);
  console.log(`Writing to ${options.out}\n`);

  const certificates = await issueAll(requests, key, certificateDir);
  const issued = certificates.filter((entry) => entry.issued);
  const pool = createQrPool({
    size: options.workers,
    trustedIssuers,
    scale: options.scale,
    errorCorrectionLevel: 'M',
  });
  let renderWallMs;
  let pngWallMs;
  try {
    renderWallMs = await runPoolStep({
      pool,
      task: 'render',
      certificates: issued,
      toItem: (entry) => ({ payload: entry.issued.qrPayload, pngPath: entry.pngPath }),
      field: 'qr',
      errorField: 'renderError',
    });
    pngWallMs = await runPoolStep({
      pool,
      task: 'verify-png',
      certificates: issued.filter((entry) => entry.qr),
      toItem: (entry) => ({ pngPath: entry.pngPath }),
      field: 'png',
      errorField: 'pngVerifyError',
    });
  } finally {
    await pool.close();
  }
  await verifyTexts(issued, trustedIssuers);

  const failures = printSummary({ certificates, options, renderWallMs, pngWallMs });

  const sample = issued[0];
  let rejectionsHeld = true;
  if (sample) {
    const tampered = await verifyTamperedDose({ qrPayload: sample.issued.qrPayload, trustedIssuers });
    rejectionsHeld = printRejection('Tampered certificate', tampered, 'invalid_signature') && rejectionsHeld;
    const foreign = await verifyForeignKey({ request: sample.request, did: options.did, trustedIssuers });
    rejectionsHeld = printRejection('Certificate from an untrusted key', foreign, 'untrusted_issuer') && rejectionsHeld;
  }

  const seconds = ((performance.now() - demoStarted) / 1000).toFixed(1);
  console.log(`\nWrote ${issued.length} credentials (JSON) and QR codes (PNG) to ${certificateDir}`);
  console.log(`Finished in ${seconds} s`);
  if (failures > 0) console.error(`${failures} of ${certificates.length} sample certificates failed`);
  if (!rejectionsHeld) console.error('a forged certificate was not rejected as expected');
  return failures === 0 && rejectionsHeld ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
}
