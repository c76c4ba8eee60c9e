#!/usr/bin/env node
// QR sizes of the sample certificates under each encoding technique, and verify time of the
// compact QR format. Prints Markdown. Needs built packages (`npx tsc -b` in each package).
// Options: --samples N (certificates timed for verify, default 300).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TextDecoder, TextEncoder, parseArgs } from 'node:util';

import { createDidDocument, encodeQrPayload, generateIssuerKey, issue, renderQr } from '@vaxcert/issuer-sdk';
import { verify } from '@vaxcert/verifier-sdk';

import { describeMachine } from './lib/machine.mjs';
import { markdownTable, median, percentile } from './lib/stats.mjs';

// The benchmark package depends on the two SDKs only; the schemas package, the SDKs' own
// dependencies and the root devDependency CBOR-LD are loaded by path.
const schemas = await import(new URL('../packages/schemas/dist/index.js', import.meta.url).href);
const { default: pako } = await import(new URL('../packages/issuer-sdk/node_modules/pako/index.js', import.meta.url).href);
const { encode: base45Encode } = await import(
  new URL('../packages/issuer-sdk/node_modules/base45/lib/base45.js', import.meta.url).href
);

const REQUESTS_PATH = fileURLToPath(new URL('../test-vectors/sample/certify-requests.jsonl', import.meta.url));
const ISSUER_DID = 'did:web:certify.example.gov.in';
const NOW = new Date('2026-06-01T00:00:00Z');
/** Prefix given to the techniques that have none of their own, as long as `VCC1:`. */
const STAND_IN_PREFIX = 'XXX1:';

function standInPayload(bytes) {
  return STAND_IN_PREFIX + base45Encode(bytes);
}

/**
 * Builds the dictionary of the "plain + dictionary" technique: the JSON text every
 * credential shares (contexts, keys, types, value-set strings) followed by the shipped
 * vocabulary. It is measured here only and is not part of any format.
 */
function jsonDictionary() {
  const skeleton = {
    '@context': schemas.VACCINATION_CREDENTIAL_CONTEXTS,
    id: 'urn:uuid:',
    type: ['VerifiableCredential', 'VaccinationCertificate'],
    issuer: 'did:web:',
    validFrom: '',
    credentialSubject: {
      type: 'Person', beneficiaryId: '', name: '', gender: 'Female', age: 0, birthDate: '', nationality: 'Indian',
      identity: 'did:in.gov.', address: { type: 'PostalAddress', addressLine1: '', district: '', city: '', state: '', pincode: '' },
    },
    evidence: [{
      type: 'Vaccination', vaccine: '', manufacturer: '', prophylaxis: 'COVID-19 vaccine, ', icd11Code: 'XM', batch: '',
      date: '', effectiveStart: '', effectiveUntil: '', dose: 1, totalDoses: 2, certificateKind: 'provisional',
      vaccinator: { type: 'Vaccinator', name: '', identifier: '' },
      facility: { type: 'Facility', name: '', identifier: '', address: { type: 'PostalAddress' } },
    }],
    proof: { type: 'Ed25519Signature2020', created: '', verificationMethod: '', proofPurpose: 'assertionMethod', proofValue: 'z' },
  };
  const values = schemas.covid19Vaccines.entries.flatMap((entry) => [entry.name, entry.manufacturer, entry.prophylaxis, entry.icd11Code]);
  const words = new TextDecoder().decode(schemas.getCompactDictionary());
  return new TextEncoder().encode([...new Set(values)].join('","') + 'MaleOtherfinalprecaution' + words + JSON.stringify(skeleton));
}

async function qrVersion(payload) {
  return (await renderQr({ payload, format: 'svg', errorCorrectionLevel: 'M' })).version;
}

async function summarize(label, payloads) {
  const lengths = payloads.map((payload) => payload.length);
  const versions = [];
  for (const payload of payloads) versions.push(await qrVersion(payload));
  return [label, median(lengths), percentile(lengths, 95), Math.max(...lengths),
    median(versions), percentile(versions, 95), Math.max(...versions)];
}

async function issueAll(requests, key, profile) {
  const credentials = [];
  for (const request of requests) credentials.push((await issue({ request, key, now: NOW, profile })).credential);
  return credentials;
}

/** Encodes each credential as CBOR-LD 1.0; returns the bytes, or the error CBOR-LD raised. */
async function cborLdSizes(credentials, encodeOptions) {
  const { encode } = await import('@digitalbazaar/cborld');
  const documentLoader = schemas.createDocumentLoader();
  const loader = async (url) => {
    const result = await documentLoader(url);
    return { ...result, document: structuredClone(result.document) };
  };
  try {
    const encoded = [];
    for (const credential of credentials) {
      encoded.push(await encode({ jsonldDocument: credential, documentLoader: loader, ...encodeOptions }));
    }
    return { encoded };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function cborLdTypeTable() {
  const contexts = new Map(schemas.VACCINATION_CREDENTIAL_CONTEXTS.map((url, index) => [url, 0x8000 + index]));
  const urls = new Map([[ISSUER_DID, 0x8000]]);
  return new Map([['context', contexts], ['url', urls], ['none', new Map()]]);
}

async function main() {
  const { values } = parseArgs({ options: { samples: { type: 'string', default: '300' } } });
  const samples = Number(values.samples);
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`--samples must be a positive integer, got "${values.samples}"`);

  const requests = readFileSync(REQUESTS_PATH, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
  const seed = new Uint8Array(32).fill(3);
  const shortKey = await generateIssuerKey({ did: ISSUER_DID, keyFragment: 'key-1', seed });
  // The default fragment of a did:web key: the fingerprint's last 8 characters.
  const defaultKey = await generateIssuerKey({ did: ISSUER_DID, seed });
  // The whole 48-character multibase fingerprint, as did:key uses it.
  const fingerprintKey = await generateIssuerKey({ did: ISSUER_DID, seed, keyFragment: defaultKey.keyPair.fingerprint() });
  const dictionary = jsonDictionary();

  const rows = [];
  const byProfile = {};
  for (const profile of ['full', 'compact']) {
    const keys = [['key-1', shortKey], ['default 8-character fragment', defaultKey], ['48-character fingerprint', fingerprintKey]];
    for (const [keyLabel, key] of keys) {
      const credentials = await issueAll(requests, key, profile);
      if (keyLabel === 'key-1') byProfile[profile] = credentials;
      const techniques = {
        'plain (VC1: zlib JSON)': (credential) => encodeQrPayload({ credential }),
        'plain + dictionary (raw DEFLATE JSON)': (credential) =>
          standInPayload(pako.deflateRaw(new TextEncoder().encode(JSON.stringify(credential)), { level: 9, dictionary })),
        'CBOR, uncompressed': (credential) => standInPayload(schemas.encodeCompactCredential(credential)),
        'CBOR + raw DEFLATE, no dictionary': (credential) =>
          standInPayload(pako.deflateRaw(schemas.encodeCompactCredential(credential), { level: 9 })),
        'CBOR + dictionary (VCC1:)': (credential) => encodeQrPayload({ credential, format: 'compact' }),
      };
      for (const [technique, measure] of Object.entries(techniques)) {
        if (keyLabel !== 'key-1' && !technique.startsWith('plain (') && !technique.startsWith('CBOR + dict')) continue;
        rows.push(await summarize(`${technique}, ${profile} profile, ${keyLabel}`, credentials.map(measure)));
      }
    }
  }

  const cborLdRows = [];
  for (const [label, options] of [
    ['CBOR-LD 1.0, registry entry 1 (no type table)', { registryEntryId: 1 }],
    ['CBOR-LD 1.0, registry entry 100 with a type table', { registryEntryId: 100, typeTableLoader: async () => cborLdTypeTable() }],
  ]) {
    for (const profile of ['full', 'compact']) {
      const result = await cborLdSizes(byProfile[profile], options);
      if (result.error) {
        cborLdRows.push([`${label}, ${profile} profile`, result.error]);
        continue;
      }
      rows.push(await summarize(`${label}, ${profile} profile, key-1`, result.encoded.map(standInPayload)));
    }
  }

  // Verify time of compact codes: warm the trust store and the contexts first.
  const trustedIssuers = [createDidDocument({ keys: [shortKey] })];
  const payloads = byProfile.compact.map((credential) => encodeQrPayload({ credential, format: 'compact' }));
  const failures = [];
  for (const payload of payloads.slice(0, 20)) await verify({ qr: payload, trustedIssuers, now: NOW });
  const times = [];
  for (let index = 0; index < samples; index++) {
    const started = performance.now();
    const result = await verify({ qr: payloads[index % payloads.length], trustedIssuers, now: NOW });
    times.push(performance.now() - started);
    if (result.status !== 'valid') failures.push(`certificate ${index + 1}: ${result.status}`);
  }

  const machine = describeMachine();
  console.log('## QR size\n');
  console.log(`- CPU: ${machine.cpu}, ${machine.cores} cores available; Node.js ${machine.node} on ${machine.os}; one thread`);
  console.log(`- ${requests.length} sample certify requests, issuer ${ISSUER_DID}; QR version at error correction M from \`renderQr\``);
  console.log(`- Techniques without a prefix of their own are measured with the ${STAND_IN_PREFIX.length}-character stand-in \`${STAND_IN_PREFIX}\`\n`);
  console.log(markdownTable(
    ['Technique, profile, key fragment', 'Chars median', 'Chars p95', 'Chars max', 'Version median', 'Version p95', 'Version max'],
    rows,
    { rightAligned: [1, 2, 3, 4, 5, 6] },
  ));
  if (cborLdRows.length > 0) {
    console.log('\nCBOR-LD runs that failed:\n');
    console.log(markdownTable(['Run', 'Error'], cborLdRows));
  }
  console.log(`\nverify() of compact codes (compact profile): median ${median(times).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms over ${samples} calls`);
  if (failures.length > 0) {
    console.error(`${failures.length} compact certificates did not verify as valid: ${failures.slice(0, 5).join('; ')}`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`QR size benchmark failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
}
