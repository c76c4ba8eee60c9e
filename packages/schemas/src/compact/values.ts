// Writers and readers of the scalar slot codecs. A writer returns `undefined` when the value
// is not in the exact form its codec covers; the encoder then writes the value as a literal.
// Every writer accepts only strings that its reader turns back into the same string.
import { decodeBase58, encodeBase58 } from './base58.js';
import { DATE_TIME_EPOCH_SECONDS } from './tables.js';

const UUID_URN = /^urn:uuid:([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.000)?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DIGITS = /^[0-9]+$/;
const SECONDS_PER_DAY = 86_400;

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Writes `urn:uuid:<lowercase UUID>` as its 16 bytes. */
export function writeUuid(value: string): Uint8Array | undefined {
  const match = UUID_URN.exec(value);
  if (!match) return undefined;
  const digits = match.slice(1).join('');
  return Uint8Array.from({ length: 16 }, (_, index) => parseInt(digits.slice(index * 2, index * 2 + 2), 16));
}

/** Reads 16 bytes back into `urn:uuid:<lowercase UUID>`. */
export function readUuid(bytes: Uint8Array): string | undefined {
  if (bytes.length !== 16) return undefined;
  const digits = hex(bytes);
  const groups = [digits.slice(0, 8), digits.slice(8, 12), digits.slice(12, 16), digits.slice(16, 20), digits.slice(20)];
  return `urn:uuid:${groups.join('-')}`;
}

/** Returns days since 1970-01-01 for a valid proleptic Gregorian date `YYYY-MM-DD`. */
function daysOf(date: string): number | undefined {
  if (!DATE.test(date)) return undefined;
  const milliseconds = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(milliseconds)) return undefined;
  const days = milliseconds / 1000 / SECONDS_PER_DAY;
  // Date.parse accepts some impossible days such as 2021-02-30; the round trip rejects them.
  return formatDay(days) === date ? days : undefined;
}

function formatDay(days: number): string | undefined {
  const time = new Date(days * SECONDS_PER_DAY * 1000);
  const year = time.getUTCFullYear();
  // Outside years 0000 to 9999 the ISO form gains a sign and six digits.
  if (Number.isNaN(year) || year < 0 || year > 9999) return undefined;
  return time.toISOString().slice(0, 10);
}

/**
 * Writes `YYYY-MM-DDThh:mm:ssZ` or `YYYY-MM-DDThh:mm:ss.000Z` as the integer
 * `2 × (Unix seconds − 1577836800) + m`, where `m` is 1 for the `.000` form.
 */
export function writeDateTime(value: string): number | undefined {
  const match = DATE_TIME.exec(value);
  if (!match) return undefined;
  const days = daysOf(match[1]!);
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4])];
  if (days === undefined || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const unixSeconds = days * SECONDS_PER_DAY + hours * 3600 + minutes * 60 + seconds;
  return 2 * (unixSeconds - DATE_TIME_EPOCH_SECONDS) + (match[5] ? 1 : 0);
}

/** Reads an integer written by {@link writeDateTime}. */
export function readDateTime(value: number): string | undefined {
  if (!Number.isSafeInteger(value)) return undefined;
  const withMilliseconds = Math.abs(value % 2) === 1;
  const unixSeconds = (value - (withMilliseconds ? 1 : 0)) / 2 + DATE_TIME_EPOCH_SECONDS;
  const day = formatDay(Math.floor(unixSeconds / SECONDS_PER_DAY));
  if (day === undefined) return undefined;
  const time = new Date(unixSeconds * 1000).toISOString().slice(10, 19);
  return `${day}${time}${withMilliseconds ? '.000' : ''}Z`;
}

/** Writes a calendar date `YYYY-MM-DD` as days since 1970-01-01. */
export function writeDate(value: string): number | undefined {
  return daysOf(value);
}

/** Reads days since 1970-01-01 back into `YYYY-MM-DD`. */
export function readDate(value: number): string | undefined {
  return Number.isSafeInteger(value) ? formatDay(value) : undefined;
}

/**
 * Writes a string of ASCII digits as packed BCD with two digits per byte, the first in the
 * high nibble. An odd count ends with the nibble 0xF, and leading zeros are kept.
 */
export function writeDigits(value: string): Uint8Array | undefined {
  if (!DIGITS.test(value)) return undefined;
  const bytes = new Uint8Array(Math.ceil(value.length / 2));
  for (let index = 0; index < bytes.length; index++) {
    const high = value.charCodeAt(index * 2) - 48;
    const low = index * 2 + 1 < value.length ? value.charCodeAt(index * 2 + 1) - 48 : 0xf;
    bytes[index] = (high << 4) | low;
  }
  return bytes;
}

/** Reads packed BCD written by {@link writeDigits}. */
export function readDigits(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return undefined;
  let digits = '';
  for (let index = 0; index < bytes.length; index++) {
    const high = bytes[index]! >> 4;
    const low = bytes[index]! & 0xf;
    const last = index === bytes.length - 1;
    if (high > 9 || (low > 9 && !(last && low === 0xf))) return undefined;
    digits += String(high) + (low === 0xf ? '' : String(low));
  }
  return digits;
}

/** Writes a multibase base58btc string (`z…`) as the bytes it encodes. */
export function writeMultibase(value: string): Uint8Array | undefined {
  if (!value.startsWith('z') || value.length < 2) return undefined;
  const bytes = decodeBase58(value.slice(1));
  // Only a value that encodes back to the same text (no extra leading `1`s) is covered.
  if (bytes === undefined || bytes.length === 0 || `z${encodeBase58(bytes)}` !== value) return undefined;
  return bytes;
}

/** Reads bytes back into a multibase base58btc string. */
export function readMultibase(bytes: Uint8Array): string | undefined {
  return bytes.length === 0 ? undefined : `z${encodeBase58(bytes)}`;
}
