// Command-line options of the demo.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Certify requests the demo reads unless `--requests` names another file. */
export const DEFAULT_REQUESTS = resolve(packageDir, '../../test-vectors/sample/certify-requests.jsonl');
export const DEFAULT_OUT = resolve(packageDir, 'out');
export const DEFAULT_DID = 'did:web:demo.vaxcert.example';

export const HELP = `Usage: node src/demo.mjs [options]

Issues a vaccination certificate for every sample certify request, writes each credential
(JSON) and QR code (PNG), verifies every PNG by decoding the image and every QR text, prints
a summary, then shows a tampered and a foreign certificate being rejected.
Exits with status 1 when any sample certificate fails to issue or verify.

Options:
  --out DIR        output folder (default: examples/demo/out). A relative path starts at
                   the current directory, which is examples/demo under "npm run demo"
  --count N        use only the first N requests (default: all)
  --requests FILE  certify requests, one JSON object per line
                   (default: test-vectors/sample/certify-requests.jsonl)
  --scale N        PNG pixels per QR module, 1 to 10 (default: 2)
  --workers N      worker threads for PNG rendering and decoding (default: number of CPUs)
  --did DID        issuer DID (default: ${DEFAULT_DID})
  -h, --help       show this help
`;

/**
 * Parses an integer option and throws `RangeError` when it is not an integer within the range.
 * @param {string} name
 * @param {string | undefined} text
 * @param {{ min: number, max: number, fallback: number }} range
 */
function integerOption(name, text, range) {
  if (text === undefined) return range.fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new RangeError(`--${name} must be an integer from ${range.min} to ${range.max}, got "${text}"`);
  }
  return value;
}

/**
 * Parses the command line. Throws `TypeError` or `RangeError` with a message for the user
 * when an option is unknown or invalid.
 * @param {string[]} args
 */
export function parseOptions(args) {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      count: { type: 'string' },
      requests: { type: 'string' },
      scale: { type: 'string' },
      workers: { type: 'string' },
      did: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return {
    help: values.help === true,
    out: values.out === undefined ? DEFAULT_OUT : resolve(values.out),
    count: integerOption('count', values.count, { min: 1, max: Number.MAX_SAFE_INTEGER, fallback: Infinity }),
    requests: values.requests === undefined ? DEFAULT_REQUESTS : resolve(values.requests),
    scale: integerOption('scale', values.scale, { min: 1, max: 10, fallback: 2 }),
    workers: integerOption('workers', values.workers, { min: 1, max: 64, fallback: availableParallelism() }),
    did: values.did ?? DEFAULT_DID,
  };
}
