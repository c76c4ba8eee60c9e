import { parse } from 'csv-parse/sync';
import type { CertifyAddress, CertifyRequest } from '@vaxcert/schemas';

/** Columns of the bulk upload CSV, in the order of the sample file. */
export const CSV_COLUMNS = [
  'preEnrollmentCode',
  'recipientName',
  'recipientMobileNumber',
  'recipientDOB',
  'recipientAge',
  'recipientGender',
  'recipientNationality',
  'recipientIdentity',
  'recipientAddressLine1',
  'recipientDistrict',
  'recipientCity',
  'recipientState',
  'recipientPincode',
  'vaccinationName',
  'vaccinationManufacturer',
  'vaccinationBatch',
  'vaccinationDate',
  'vaccinationDose',
  'vaccinationTotalDoses',
  'vaccinationEffectiveStart',
  'vaccinationEffectiveEnd',
  'vaccinatorName',
  'facilityName',
  'facilityAddressLine1',
  'facilityDistrict',
  'facilityState',
  'facilityPincode',
] as const;

/** Columns that may follow the required ones. */
export const OPTIONAL_CSV_COLUMNS = ['certificateType', 'vaccinatorId', 'facilityId', 'programId'] as const;

type CsvRecord = Record<string, string>;

/** Error raised when a CSV file cannot be read at all (as opposed to one invalid row). */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}

/**
 * Parses a bulk upload: a header row naming the columns, then one row per request. The
 * header must contain every column of {@link CSV_COLUMNS}.
 *
 * @throws {CsvFormatError} when the text is not CSV or a required column is missing.
 */
export function parseBulkCsv(text: string): CsvRecord[] {
  let records: CsvRecord[];
  try {
    records = parse<CsvRecord>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (cause) {
    throw new CsvFormatError(`invalid CSV: ${(cause as Error).message}`, { cause });
  }
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const present = new Set(header.replace(/^\uFEFF/, '').split(',').map((name) => name.trim().replace(/^"|"$/g, '')));
  const missing = CSV_COLUMNS.filter((name) => !present.has(name));
  if (missing.length > 0) throw new CsvFormatError(`CSV header is missing the columns: ${missing.join(', ')}`);
  return records;
}

function cell(record: CsvRecord, name: string): string | undefined {
  const value = record[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Returns a number for a cell of digits, and the text unchanged otherwise, so validation names it. */
function numeric(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function address(record: CsvRecord, prefix: 'recipient' | 'facility'): CertifyAddress | undefined {
  const result: CertifyAddress = {};
  const line1 = cell(record, `${prefix}AddressLine1`);
  const district = cell(record, `${prefix}District`);
  const city = cell(record, `${prefix}City`);
  const state = cell(record, `${prefix}State`);
  const pincode = cell(record, `${prefix}Pincode`);
  if (line1 !== undefined) result.addressLine1 = line1;
  if (district !== undefined) result.district = district;
  if (city !== undefined) result.city = city;
  if (state !== undefined) result.state = state;
  if (pincode !== undefined) result.pincode = pincode;
  return Object.keys(result).length > 0 ? result : undefined;
}

/** Maps one CSV row to a certify request; empty cells leave their field out. */
export function csvRecordToRequest(record: CsvRecord): CertifyRequest {
  const mobile = cell(record, 'recipientMobileNumber');
  const recipientAddress = address(record, 'recipient');
  const facilityAddress = address(record, 'facility');
  const request = {
    preEnrollmentCode: cell(record, 'preEnrollmentCode'),
    programId: cell(record, 'programId'),
    recipient: {
      name: cell(record, 'recipientName'),
      dob: cell(record, 'recipientDOB'),
      age: cell(record, 'recipientAge'),
      gender: cell(record, 'recipientGender'),
      nationality: cell(record, 'recipientNationality'),
      identity: cell(record, 'recipientIdentity'),
      contact: mobile === undefined ? undefined : [`tel:${mobile}`],
      address: recipientAddress,
    },
    vaccination: {
      name: cell(record, 'vaccinationName'),
      manufacturer: cell(record, 'vaccinationManufacturer'),
      batch: cell(record, 'vaccinationBatch'),
      date: cell(record, 'vaccinationDate'),
      effectiveStart: cell(record, 'vaccinationEffectiveStart'),
      effectiveUntil: cell(record, 'vaccinationEffectiveEnd'),
      dose: numeric(cell(record, 'vaccinationDose')),
      totalDoses: numeric(cell(record, 'vaccinationTotalDoses')),
    },
    vaccinator: { id: cell(record, 'vaccinatorId'), name: cell(record, 'vaccinatorName') },
    facility: { id: cell(record, 'facilityId'), name: cell(record, 'facilityName'), address: facilityAddress },
    meta: cell(record, 'certificateType') === undefined ? undefined : { certificateType: cell(record, 'certificateType') },
  };
  // JSON round trip drops the undefined fields, so the request has only the cells given.
  return JSON.parse(JSON.stringify(request)) as CertifyRequest;
}
