import Database from 'better-sqlite3';

import type { VaccinationCredential } from '@vaxcert/schemas';

/** A beneficiary as the citizen list shows it; the identity number is already masked. */
export interface BeneficiarySummary {
  readonly beneficiaryId: string;
  readonly name: string;
  readonly maskedIdentity: string;
}

/** A stored dose certificate: the signed credential and the text of its QR code. */
export interface StoredCertificate {
  readonly certificateId: string;
  readonly beneficiaryId: string;
  readonly dose: number;
  readonly credential: VaccinationCredential;
  readonly qrPayload: string;
}

/** The beneficiary record a DigiLocker pull request is matched against. */
export interface BeneficiaryRecord {
  readonly beneficiaryId: string;
  readonly mobile: string;
  readonly name: string;
  readonly birthDate: string | null;
}

const schema = `
CREATE TABLE IF NOT EXISTS beneficiaries (
  beneficiary_id TEXT PRIMARY KEY,
  mobile TEXT NOT NULL,
  name TEXT NOT NULL,
  birth_date TEXT,
  masked_identity TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS beneficiaries_by_mobile ON beneficiaries (mobile);
CREATE TABLE IF NOT EXISTS certificates (
  certificate_id TEXT PRIMARY KEY,
  beneficiary_id TEXT NOT NULL REFERENCES beneficiaries (beneficiary_id),
  dose INTEGER NOT NULL,
  vaccinated_at TEXT NOT NULL,
  credential TEXT NOT NULL,
  qr_payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS certificates_by_beneficiary ON certificates (beneficiary_id, vaccinated_at);
`;

/**
 * Stores beneficiaries and their signed dose certificates in SQLite. The statements are
 * prepared once when the repository opens. better-sqlite3 is synchronous, so one repository
 * serves every request of a process.
 */
export class CertificateRepository {
  readonly #db: Database.Database;
  readonly #statements;

  /** Opens (and creates when missing) the database at a path, or in memory for `:memory:`. */
  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.exec(schema);
    this.#statements = {
      upsertBeneficiary: this.#db.prepare(
        `INSERT INTO beneficiaries (beneficiary_id, mobile, name, birth_date, masked_identity)
         VALUES (@beneficiaryId, @mobile, @name, @birthDate, @maskedIdentity)
         ON CONFLICT (beneficiary_id) DO UPDATE SET mobile = excluded.mobile, name = excluded.name,
           birth_date = excluded.birth_date, masked_identity = excluded.masked_identity`,
      ),
      insertCertificate: this.#db.prepare(
        `INSERT INTO certificates (certificate_id, beneficiary_id, dose, vaccinated_at, credential, qr_payload)
         VALUES (@certificateId, @beneficiaryId, @dose, @vaccinatedAt, @credential, @qrPayload)`,
      ),
      beneficiariesByMobile: this.#db.prepare(
        `SELECT beneficiary_id AS beneficiaryId, name, masked_identity AS maskedIdentity
         FROM beneficiaries WHERE mobile = ? ORDER BY beneficiary_id`,
      ),
      beneficiary: this.#db.prepare(
        `SELECT beneficiary_id AS beneficiaryId, mobile, name, birth_date AS birthDate
         FROM beneficiaries WHERE beneficiary_id = ?`,
      ),
      certificates: this.#db.prepare(
        `SELECT certificate_id AS certificateId, beneficiary_id AS beneficiaryId, dose, credential, qr_payload AS qrPayload
         FROM certificates WHERE beneficiary_id = ? ORDER BY vaccinated_at, dose`,
      ),
      countBeneficiaries: this.#db.prepare('SELECT COUNT(*) AS count FROM beneficiaries'),
    };
  }

  /** Inserts a beneficiary or updates the one with the same ID. */
  saveBeneficiary(record: BeneficiaryRecord & { maskedIdentity: string }): void {
    this.#statements.upsertBeneficiary.run(record);
  }

  /** Inserts the certificate of one dose; its beneficiary must exist. */
  addCertificate(certificate: Omit<StoredCertificate, 'dose' | 'beneficiaryId'>): void {
    const evidence = certificate.credential.evidence[0];
    this.#statements.insertCertificate.run({
      certificateId: certificate.certificateId,
      beneficiaryId: certificate.credential.credentialSubject.beneficiaryId,
      dose: evidence.dose,
      vaccinatedAt: new Date(evidence.date).toISOString(),
      credential: JSON.stringify(certificate.credential),
      qrPayload: certificate.qrPayload,
    });
  }

  /** Returns the beneficiaries registered with a mobile number, possibly none. */
  beneficiariesOf(mobile: string): BeneficiarySummary[] {
    return this.#statements.beneficiariesByMobile.all(mobile) as BeneficiarySummary[];
  }

  /** Returns a beneficiary by ID, or `undefined`. */
  findBeneficiary(beneficiaryId: string): BeneficiaryRecord | undefined {
    return this.#statements.beneficiary.get(beneficiaryId) as BeneficiaryRecord | undefined;
  }

  /** Returns the certificates of a beneficiary, oldest dose first. */
  certificatesOf(beneficiaryId: string): StoredCertificate[] {
    const rows = this.#statements.certificates.all(beneficiaryId) as (Omit<StoredCertificate, 'credential'> & {
      credential: string;
    })[];
    return rows.map((row) => ({ ...row, credential: JSON.parse(row.credential) as VaccinationCredential }));
  }

  /** Returns the number of beneficiaries. */
  countBeneficiaries(): number {
    return (this.#statements.countBeneficiaries.get() as { count: number }).count;
  }

  /** Runs a function in one transaction, for bulk inserts. */
  transaction<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  close(): void {
    this.#db.close();
  }
}
