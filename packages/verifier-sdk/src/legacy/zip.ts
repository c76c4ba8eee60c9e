import { inflateSync } from 'fflate';

import type { CheckLog, StepFailed } from './checks.js';
import {
  LEGACY_MAX_COMPRESSION_RATIO,
  LEGACY_MAX_ENTRY_BYTES,
  LEGACY_ZIP_ENTRY_NAME,
  LEGACY_ZIP_MAX_ENTRIES,
} from './limits.js';

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
const END_OF_CENTRAL_DIRECTORY_SIZE = 22;
const MAX_ARCHIVE_COMMENT = 0xffff;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;

/** One entry of the central directory, as far as reading it needs. */
interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

/**
 * Reads `certificate.json` from a legacy ZIP archive. Structure errors fail the `ZIP` check. The
 * `SIZE_LIMIT` check bounds the declared sizes and the compression ratio before inflating, and
 * the inflated size while inflating. A crafted archive therefore cannot make the reader allocate
 * more than `LEGACY_MAX_ENTRY_BYTES + 1` bytes for the entry.
 */
export function readCertificateEntry(bytes: Uint8Array, log: CheckLog): Uint8Array | StepFailed {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(view, log);
  if (!Array.isArray(entries)) return entries;

  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined || entry.name !== LEGACY_ZIP_ENTRY_NAME) {
    const names = entries.map((item) => JSON.stringify(item.name)).join(', ');
    return log.fail(
      'malformed',
      'ZIP',
      `archive contains ${entries.length} entries (${names}); ` +
        `expected one entry "${LEGACY_ZIP_ENTRY_NAME}"`,
    );
  }
  const data = locateEntryData(view, entry, log);
  if (!(data instanceof Uint8Array)) return data;

  log.pass('ZIP', `archive contains one entry "${LEGACY_ZIP_ENTRY_NAME}"`);
  return extractEntry(entry, data, log);
}

function readCentralDirectory(view: DataView, log: CheckLog): ZipEntry[] | StepFailed {
  const end = findEndOfCentralDirectory(view);
  if (view.byteLength < 4 || view.getUint32(0, true) !== LOCAL_HEADER_SIGNATURE || end < 0) {
    return log.fail('malformed', 'ZIP', 'payload is not a ZIP archive');
  }

  const count = view.getUint16(end + 10, true);
  if (count > LEGACY_ZIP_MAX_ENTRIES) {
    return log.fail(
      'too_large',
      'ZIP',
      `archive lists ${count} entries; the maximum is ${LEGACY_ZIP_MAX_ENTRIES}`,
    );
  }

  const entries: ZipEntry[] = [];
  let offset = view.getUint32(end + 16, true);
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > end || view.getUint32(offset, true) !== CENTRAL_HEADER_SIGNATURE) {
      return log.fail('malformed', 'ZIP', `central directory entry ${index} is invalid`);
    }
    const nameLength = view.getUint16(offset + 28, true);
    const nameStart = view.byteOffset + offset + 46;
    const nameBytes = new Uint8Array(
      view.buffer,
      nameStart,
      Math.min(nameLength, end - offset - 46),
    );
    entries.push({
      name: new TextDecoder().decode(nameBytes),
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      crc32: view.getUint32(offset + 16, true),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Returns the offset of the end-of-central-directory record, or -1. */
function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - END_OF_CENTRAL_DIRECTORY_SIZE;
  const first = Math.max(0, last - MAX_ARCHIVE_COMMENT);
  for (let offset = last; offset >= first; offset -= 1) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY_SIGNATURE) return offset;
  }
  return -1;
}

function locateEntryData(view: DataView, entry: ZipEntry, log: CheckLog): Uint8Array | StepFailed {
  if ((entry.flags & 0x0001) !== 0) {
    return log.fail('malformed', 'ZIP', 'entry is encrypted');
  }
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    return log.fail('malformed', 'ZIP', `compression method ${entry.method} is not supported`);
  }

  const header = entry.localHeaderOffset;
  if (header + 30 > view.byteLength || view.getUint32(header, true) !== LOCAL_HEADER_SIGNATURE) {
    return log.fail('malformed', 'ZIP', 'local header of the entry is missing');
  }
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  if (start + entry.compressedSize > view.byteLength) {
    return log.fail('malformed', 'ZIP', 'entry data runs past the end of the archive');
  }
  return new Uint8Array(view.buffer, view.byteOffset + start, entry.compressedSize);
}

function extractEntry(entry: ZipEntry, data: Uint8Array, log: CheckLog): Uint8Array | StepFailed {
  const { compressedSize, uncompressedSize } = entry;
  if (uncompressedSize > LEGACY_MAX_ENTRY_BYTES) {
    return log.fail(
      'too_large',
      'SIZE_LIMIT',
      `entry declares ${uncompressedSize} bytes; the maximum is ${LEGACY_MAX_ENTRY_BYTES}`,
    );
  }
  if (uncompressedSize > LEGACY_MAX_COMPRESSION_RATIO * Math.max(compressedSize, 1)) {
    return log.fail(
      'too_large',
      'SIZE_LIMIT',
      `entry inflates ${compressedSize} bytes to ${uncompressedSize}; ` +
        `the maximum ratio is ${LEGACY_MAX_COMPRESSION_RATIO}`,
    );
  }

  const content = inflateEntry(entry, data);
  if (content === undefined) {
    return log.fail('invalid_compression', 'SIZE_LIMIT', 'entry data is not valid deflate data');
  }
  if (content.length > uncompressedSize) {
    const message = `entry inflates to more than ${uncompressedSize} bytes`;
    return log.fail('too_large', 'SIZE_LIMIT', message);
  }
  if (content.length < uncompressedSize) {
    const message = 'entry inflates to fewer bytes than it declares';
    return log.fail('invalid_compression', 'SIZE_LIMIT', message);
  }
  if (crc32(content) !== entry.crc32) {
    return log.fail('invalid_compression', 'SIZE_LIMIT', 'entry does not match its CRC-32');
  }

  log.pass('SIZE_LIMIT', `entry inflates ${compressedSize} bytes to ${uncompressedSize}`);
  return content;
}

/**
 * Inflates into a buffer one byte longer than the declared size: fflate stops writing at the
 * end of a caller-supplied buffer, so a longer stream shows as a result longer than declared.
 */
function inflateEntry(entry: ZipEntry, data: Uint8Array): Uint8Array | undefined {
  if (entry.method === METHOD_STORED) return data.slice(0, entry.uncompressedSize + 1);
  try {
    return inflateSync(data, { out: new Uint8Array(entry.uncompressedSize + 1) });
  } catch {
    return undefined;
  }
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as ZIP uses it). */
function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, index) => {
    let value = index;
    for (let bit = 0; bit < 8; bit += 1) {
      value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    }
    return value >>> 0;
  });

  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crc >>> 8) ^ (crcTable[(crc ^ byte) & 0xff] ?? 0);
  return (crc ^ 0xffffffff) >>> 0;
}
