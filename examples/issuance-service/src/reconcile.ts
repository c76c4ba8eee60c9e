import { parse } from 'csv-parse/sync';
import type { CertifyRequest } from '@vaxcert/schemas';

import { CsvFormatError } from './intake/csv.js';
import { OperationError, correct, type Service } from './operations.js';

/** The source system's record of one dose, to compare with the stored certificate. */
export interface SourceDose {
  readonly preEnrollmentCode: string;
  /** Programme of the certificate; the service's default programme when absent. */
  readonly programme?: string;
  readonly dose: number;
  /** Time of vaccination (ISO 8601), or a calendar day `YYYY-MM-DD`. */
  readonly date?: string;
  readonly batch?: string;
  /** Vaccine brand, as in a certify request's `vaccination.name`. */
  readonly vaccine?: string;
  readonly manufacturer?: string;
}

/** A field of a dose that reconciliation compares. */
export type ReconciledField = 'date' | 'batch' | 'vaccine' | 'manufacturer';

/** One difference between the source and the stored certificate. */
export interface FieldChange {
  readonly field: ReconciledField;
  readonly stored: string | null;
  readonly source: string;
}

/**
 * Outcome of reconciling one dose. The status is `unchanged` when nothing differs, and
 * `differs` when a dry run found a difference. `corrected`, `limited` (the dose reached the
 * correction limit) and `failed` (for example, the certificate is revoked) follow a
 * correction. `not_found` means no current certificate, and `invalid` an unusable record.
 */
export interface DoseReport {
  readonly preEnrollmentCode: string;
  readonly dose: number | null;
  readonly status: 'unchanged' | 'corrected' | 'differs' | 'limited' | 'not_found' | 'invalid' | 'failed';
  readonly changes: readonly FieldChange[];
  /** The current certificate after reconciliation. */
  readonly certificateId?: string;
  /** The certificate that a correction replaced. */
  readonly previousCertificateId?: string;
  readonly message?: string;
}

/** Result of a reconciliation run: one report per source record, in input order, and counts. */
export interface ReconcileReport {
  readonly doses: readonly DoseReport[];
  readonly counts: Record<DoseReport['status'], number>;
}

/** A source record that could not be read, reported instead of reconciled. */
interface InvalidSource {
  readonly invalid: true;
  readonly preEnrollmentCode: string;
  readonly dose: number | null;
  readonly message: string;
}

type SourceItem = SourceDose | InvalidSource;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Checks and normalises one source record; `where` names it in messages. */
function toSourceItem(fields: Record<string, unknown>, where: string): SourceItem {
  const preEnrollmentCode = text(fields.preEnrollmentCode) ?? '';
  const doseText = text(fields.dose);
  const dose = doseText !== undefined && /^[1-9]\d*$/.test(doseText) ? Number(doseText) : null;
  const invalid = (message: string): InvalidSource => ({ invalid: true, preEnrollmentCode, dose, message: `${where}: ${message}` });
  if (preEnrollmentCode === '') return invalid('missing preEnrollmentCode');
  if (dose === null) return invalid(`"dose" must be a positive integer, got ${JSON.stringify(fields.dose ?? null)}`);

  const date = text(fields.date);
  if (date !== undefined && !DAY.test(date) && Number.isNaN(Date.parse(date))) {
    return invalid(`"date" must be an ISO 8601 time or a day YYYY-MM-DD, got "${date}"`);
  }
  const record: SourceDose = { preEnrollmentCode, dose };
  const optional: Partial<Record<keyof SourceDose, string | undefined>> = {
    programme: text(fields.programme),
    date,
    batch: text(fields.batch),
    vaccine: text(fields.vaccine),
    manufacturer: text(fields.manufacturer),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(record, { [key]: value });
  return record;
}

/**
 * Reads source records from certify requests: each request's `meta.vaccinations` list
 * (`[{dose, date, batch, name, manufacturer}]`) describes the beneficiary's doses. Accepts
 * one request or an array of them.
 *
 * @throws {OperationError} 400 when the input is neither.
 */
export function sourceDosesFromRequests(input: unknown): SourceItem[] {
  const requests: unknown[] = Array.isArray(input) ? input : [input];
  if (requests.some((request) => request === null || typeof request !== 'object')) {
    throw new OperationError(400, 'invalid_request', 'send a certify request or an array of them, each with meta.vaccinations');
  }
  const items: SourceItem[] = [];
  (requests as Partial<CertifyRequest>[]).forEach((request, requestIndex) => {
    const vaccinations = request.meta?.vaccinations;
    const base = Array.isArray(input) ? `/${requestIndex}` : '';
    if (!Array.isArray(vaccinations) || vaccinations.length === 0) {
      items.push({ invalid: true, preEnrollmentCode: text(request.preEnrollmentCode) ?? '', dose: null, message: `${base}/meta/vaccinations: missing or empty list` });
      return;
    }
    vaccinations.forEach((vaccination, index) => {
      const where = `${base}/meta/vaccinations/${index}`;
      if (vaccination === null || typeof vaccination !== 'object') {
        items.push({ invalid: true, preEnrollmentCode: text(request.preEnrollmentCode) ?? '', dose: null, message: `${where}: must be an object` });
        return;
      }
      const entry = vaccination as Record<string, unknown>;
      items.push(
        toSourceItem(
          {
            preEnrollmentCode: request.preEnrollmentCode,
            programme: request.programId,
            dose: entry.dose,
            date: entry.date,
            batch: entry.batch,
            vaccine: entry.name,
            manufacturer: entry.manufacturer,
          },
          where,
        ),
      );
    });
  });
  return items;
}

/** Columns of a reconciliation CSV; `dose` and `preEnrollmentCode` are required. */
export const RECONCILE_CSV_COLUMNS = ['preEnrollmentCode', 'dose', 'date', 'batch', 'vaccine', 'manufacturer'] as const;

/**
 * Reads source records from a CSV export with a header row naming the columns
 * preEnrollmentCode, dose, date, batch, vaccine, manufacturer and optionally programId.
 *
 * @throws {CsvFormatError} when the text is not CSV or lacks `preEnrollmentCode` or `dose`.
 */
export function sourceDosesFromCsv(csv: string): SourceItem[] {
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (cause) {
    throw new CsvFormatError(`invalid CSV: ${(cause as Error).message}`, { cause });
  }
  const header = Object.keys(records[0] ?? {});
  for (const required of ['preEnrollmentCode', 'dose']) {
    if (records.length > 0 && !header.includes(required)) throw new CsvFormatError(`CSV header is missing the column ${required}`);
  }
  // Row 1 is the header.
  return records.map((record, index) => toSourceItem({ ...record, programme: record.programId }, `row ${index + 2}`));
}

/**
 * Returns the value to store for a source date, or `undefined` when it equals the stored one.
 * A source day (`YYYY-MM-DD`) is compared with the day written in the stored time. When they
 * differ, the source day replaces that day and the stored time of day and zone are kept.
 */
function dateChange(stored: string, source: string): string | undefined {
  if (DAY.test(source)) {
    if (stored.slice(0, 10) === source) return undefined;
    return DAY.test(stored.slice(0, 10)) ? `${source}${stored.slice(10)}` : source;
  }
  return Date.parse(stored) === Date.parse(source) ? undefined : source;
}

/** Compares one source record with the stored request; returns the changes and the corrected request. */
function compare(stored: CertifyRequest, source: SourceDose): { changes: FieldChange[]; corrected: CertifyRequest } {
  const changes: FieldChange[] = [];
  const vaccination = { ...stored.vaccination };
  if (source.date !== undefined) {
    const next = dateChange(vaccination.date, source.date);
    if (next !== undefined) {
      changes.push({ field: 'date', stored: vaccination.date, source: source.date });
      vaccination.date = next;
    }
  }
  if (source.batch !== undefined && source.batch !== vaccination.batch.trim()) {
    changes.push({ field: 'batch', stored: vaccination.batch, source: source.batch });
    vaccination.batch = source.batch;
  }
  // Brand and manufacturer names differ in letter case between systems, so case is ignored.
  if (source.vaccine !== undefined && source.vaccine.toLowerCase() !== vaccination.name.trim().toLowerCase()) {
    changes.push({ field: 'vaccine', stored: vaccination.name, source: source.vaccine });
    vaccination.name = source.vaccine;
  }
  const manufacturer = vaccination.manufacturer?.trim();
  if (source.manufacturer !== undefined && source.manufacturer.toLowerCase() !== manufacturer?.toLowerCase()) {
    changes.push({ field: 'manufacturer', stored: vaccination.manufacturer ?? null, source: source.manufacturer });
    vaccination.manufacturer = source.manufacturer;
  }
  return { changes, corrected: { ...stored, vaccination } };
}

async function reconcileDose(service: Service, source: SourceDose, dryRun: boolean): Promise<DoseReport> {
  const { preEnrollmentCode, dose } = source;
  const programme = source.programme ?? service.config.programme;
  const current = await service.repository.currentCertificate(programme, preEnrollmentCode, dose);
  if (current === undefined) {
    return { preEnrollmentCode, dose, status: 'not_found', changes: [], message: `no certificate for dose ${dose} in programme ${programme}` };
  }

  const { changes, corrected } = compare(JSON.parse(current.request) as CertifyRequest, source);
  if (changes.length === 0) return { preEnrollmentCode, dose, status: 'unchanged', changes, certificateId: current.certificateId };
  if (dryRun) return { preEnrollmentCode, dose, status: 'differs', changes, certificateId: current.certificateId };

  try {
    const result = await correct(service, corrected);
    return { preEnrollmentCode, dose, status: 'corrected', changes, certificateId: result.certificateId, previousCertificateId: result.previousCertificateId };
  } catch (error) {
    if (!(error instanceof OperationError)) {
      service.logger.error({ err: error as Error, certificateId: current.certificateId, dose }, 'reconciling a dose failed');
      return { preEnrollmentCode, dose, status: 'failed', changes, certificateId: current.certificateId, message: (error as Error).message };
    }
    const issues = error.issues?.map((issue) => `${issue.pointer} ${issue.message}`).join('; ');
    const message = issues === undefined || issues === '' ? error.message : `${error.message}: ${issues}`;
    let status: DoseReport['status'] = 'failed';
    if (error.statusCode === 412) status = 'limited';
    else if (error.statusCode === 404) status = 'not_found';
    return { preEnrollmentCode, dose, status, changes, certificateId: current.certificateId, message };
  }
}

/**
 * Compares each source record with the current certificate of its dose and corrects the
 * doses whose date, batch, vaccine or manufacturer differ, through the same path as
 * `PUT /v1/certificate`. A dose that cannot be corrected, because it reached the correction
 * limit or for another reason, is reported and the run goes on. With `dryRun` nothing is
 * corrected. Records are handled one after another, in input order.
 */
export async function reconcile(service: Service, items: readonly SourceItem[], options: { dryRun?: boolean } = {}): Promise<ReconcileReport> {
  const doses: DoseReport[] = [];
  for (const item of items) {
    if ('invalid' in item) {
      doses.push({ preEnrollmentCode: item.preEnrollmentCode, dose: item.dose, status: 'invalid', changes: [], message: item.message });
      continue;
    }
    doses.push(await reconcileDose(service, item, options.dryRun === true));
  }
  const counts = { unchanged: 0, corrected: 0, differs: 0, limited: 0, not_found: 0, invalid: 0, failed: 0 };
  for (const report of doses) counts[report.status] += 1;
  service.logger.info({ records: doses.length, dryRun: options.dryRun === true, ...counts }, 'reconciliation finished');
  return { doses, counts };
}
