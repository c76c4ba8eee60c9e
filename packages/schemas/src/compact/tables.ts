// Tables of the compact QR format, version 1. A released table never changes: adding,
// removing or reordering an entry changes the meaning of existing codes, so it needs a new
// format version and a new QR prefix. `docs/qr-format.md` lists every table in prose.

/** Code values for the three `@context` URLs of a vaxcert credential and the DID context. */
export const CONTEXT_TERMS = [
  'https://www.w3.org/ns/credentials/v2',
  'https://w3id.org/vaxcert/v1',
  'https://w3id.org/security/suites/ed25519-2020/v1',
  'https://www.w3.org/ns/did/v1',
] as const;

/** Code values for `type` everywhere in the credential. */
export const TYPE_TERMS = [
  'VerifiableCredential',
  'VaccinationCertificate',
  'Person',
  'Vaccination',
  'Vaccinator',
  'Facility',
  'PostalAddress',
  'Ed25519Signature2020',
  'BitstringStatusListEntry',
] as const;

/** Code values for `credentialSubject.gender`, as Co-WIN records it. */
export const GENDER_TERMS = ['Male', 'Female', 'Other'] as const;

/** Code values for `credentialSubject.nationality`. */
export const NATIONALITY_TERMS = ['Indian'] as const;

/** Code values for `evidence[].vaccine`: the brands of the COVID-19 value set 1.0.0. */
export const VACCINE_TERMS = [
  'COVISHIELD',
  'COVAXIN',
  'CORBEVAX',
  'COVOVAX',
  'ZyCoV-D',
  'Sputnik V',
  'Comirnaty',
  'Spikevax',
  'Janssen',
] as const;

/** Code values for `evidence[].manufacturer`. */
export const MANUFACTURER_TERMS = [
  'Serum Institute of India',
  'Bharat Biotech',
  'Biological E Limited',
  'Zydus Cadila',
  'Gamaleya Research Institute',
  'Pfizer-BioNTech',
  'Moderna',
  'Janssen-Cilag International',
] as const;

/** Code values for `evidence[].prophylaxis`. */
export const PROPHYLAXIS_TERMS = [
  'COVID-19 vaccine, non-replicating viral vector',
  'COVID-19 vaccine, inactivated virus',
  'COVID-19 vaccine, virus protein subunit',
  'COVID-19 vaccine, DNA based',
  'COVID-19 vaccine, mRNA based',
] as const;

/** Code values for `evidence[].icd11Code` (ICD-11 MMS extension codes, chapter XM). */
export const ICD11_TERMS = ['XM9QW8', 'XM1NL1', 'XM5JC5', 'XM6AT1', 'XM0GQ8', 'XM0CX4'] as const;

/** Code values for `evidence[].certificateKind`. */
export const CERTIFICATE_KIND_TERMS = ['provisional', 'final', 'precaution'] as const;

/** Code values for `proof.proofPurpose`. */
export const PROOF_PURPOSE_TERMS = ['assertionMethod'] as const;

/** Code values for `credentialStatus[].statusPurpose`. */
export const STATUS_PURPOSE_TERMS = ['revocation', 'suspension'] as const;

/** Code values for `address.state`: India's 28 states, then its 8 union territories. */
export const STATE_TERMS = [
  'Andhra Pradesh',
  'Arunachal Pradesh',
  'Assam',
  'Bihar',
  'Chhattisgarh',
  'Goa',
  'Gujarat',
  'Haryana',
  'Himachal Pradesh',
  'Jharkhand',
  'Karnataka',
  'Kerala',
  'Madhya Pradesh',
  'Maharashtra',
  'Manipur',
  'Meghalaya',
  'Mizoram',
  'Nagaland',
  'Odisha',
  'Punjab',
  'Rajasthan',
  'Sikkim',
  'Tamil Nadu',
  'Telangana',
  'Tripura',
  'Uttar Pradesh',
  'Uttarakhand',
  'West Bengal',
  'Andaman and Nicobar Islands',
  'Chandigarh',
  'Dadra and Nagar Haveli and Daman and Diu',
  'Delhi',
  'Jammu and Kashmir',
  'Ladakh',
  'Lakshadweep',
  'Puducherry',
] as const;

/**
 * Prefixes of `issuer` and `credentialSubject.identity`. Identity documents are written
 * as DIDs in the `did:in.gov.` namespace that Co-WIN uses.
 */
export const DID_PREFIX_TERMS = [
  'did:web:',
  'did:key:',
  'did:in.gov.uidai.aadhaar:',
  'did:in.gov.passport:',
  'did:in.gov.pan:',
  'did:in.gov.eci.voterid:',
  'did:in.gov.driverlicense:',
] as const;

/** Encoding rule for the value in one slot of a known object. */
export type SlotCodec =
  /** Any JSON value, written as plain CBOR. */
  | { readonly kind: 'any' }
  /** A string from `terms`, written as its index. */
  | { readonly kind: 'term'; readonly terms: readonly string[] }
  /** An array of strings from `terms`, written as an array of indexes. */
  | { readonly kind: 'termList'; readonly terms: readonly string[] }
  /** `urn:uuid:` and a lowercase UUID, written as its 16 bytes. */
  | { readonly kind: 'uuid' }
  /** An ISO 8601 UTC date-time with whole seconds, written as an integer. */
  | { readonly kind: 'dateTime' }
  /** As `dateTime`, or `true` for a copy of the credential's `validFrom`. */
  | { readonly kind: 'created' }
  /** An ISO 8601 calendar date, written as days since 1970-01-01. */
  | { readonly kind: 'date' }
  /** A string of ASCII digits, written as packed BCD bytes. */
  | { readonly kind: 'digits' }
  /** A string that may start with a prefix from `terms`, written as `[index, rest]`. */
  | { readonly kind: 'prefixed'; readonly terms: readonly string[] }
  /** `proof.verificationMethod`, written relative to the credential's `issuer`. */
  | { readonly kind: 'verificationMethod' }
  /** A multibase base58btc string (`z…`), written as the bytes it encodes. */
  | { readonly kind: 'multibase' }
  /** A known object, written as an array of its slots. */
  | { readonly kind: 'shape'; readonly shape: ShapeName }
  /** An array of known objects. */
  | { readonly kind: 'shapeList'; readonly shape: ShapeName };

/** One property of a known object and how its value is written. */
export interface Slot {
  readonly key: string;
  readonly codec: SlotCodec;
}

/** Names of the objects whose properties have slots in the format. */
export type ShapeName =
  | 'credential'
  | 'subject'
  | 'evidence'
  | 'vaccinator'
  | 'facility'
  | 'address'
  | 'proof'
  | 'status';

const any = { kind: 'any' } as const;
const type = { key: 'type', codec: { kind: 'term', terms: TYPE_TERMS } } as const;
const address = { key: 'address', codec: { kind: 'shape', shape: 'address' } } as const;

/**
 * The slots of each known object, in array order. Properties that most certificates have
 * come first, so the trailing absent ones can be left out of the array.
 */
export const SHAPES: Readonly<Record<ShapeName, readonly Slot[]>> = {
  credential: [
    { key: '@context', codec: { kind: 'termList', terms: CONTEXT_TERMS } },
    { key: 'id', codec: { kind: 'uuid' } },
    { key: 'type', codec: { kind: 'termList', terms: TYPE_TERMS } },
    { key: 'issuer', codec: { kind: 'prefixed', terms: DID_PREFIX_TERMS } },
    { key: 'validFrom', codec: { kind: 'dateTime' } },
    { key: 'credentialSubject', codec: { kind: 'shape', shape: 'subject' } },
    { key: 'evidence', codec: { kind: 'shapeList', shape: 'evidence' } },
    { key: 'proof', codec: { kind: 'shape', shape: 'proof' } },
    { key: 'validUntil', codec: { kind: 'dateTime' } },
    { key: 'credentialStatus', codec: { kind: 'shapeList', shape: 'status' } },
  ],
  subject: [
    type,
    { key: 'beneficiaryId', codec: { kind: 'digits' } },
    { key: 'name', codec: any },
    { key: 'gender', codec: { kind: 'term', terms: GENDER_TERMS } },
    { key: 'age', codec: any },
    { key: 'birthDate', codec: { kind: 'date' } },
    { key: 'nationality', codec: { kind: 'term', terms: NATIONALITY_TERMS } },
    { key: 'identity', codec: { kind: 'prefixed', terms: DID_PREFIX_TERMS } },
    address,
  ],
  evidence: [
    type,
    { key: 'vaccine', codec: { kind: 'term', terms: VACCINE_TERMS } },
    { key: 'manufacturer', codec: { kind: 'term', terms: MANUFACTURER_TERMS } },
    { key: 'prophylaxis', codec: { kind: 'term', terms: PROPHYLAXIS_TERMS } },
    { key: 'icd11Code', codec: { kind: 'term', terms: ICD11_TERMS } },
    { key: 'batch', codec: any },
    { key: 'date', codec: { kind: 'dateTime' } },
    { key: 'dose', codec: any },
    { key: 'totalDoses', codec: any },
    { key: 'certificateKind', codec: { kind: 'term', terms: CERTIFICATE_KIND_TERMS } },
    { key: 'vaccinator', codec: { kind: 'shape', shape: 'vaccinator' } },
    { key: 'facility', codec: { kind: 'shape', shape: 'facility' } },
    { key: 'effectiveStart', codec: { kind: 'date' } },
    { key: 'effectiveUntil', codec: { kind: 'date' } },
    { key: 'previousCertificateId', codec: { kind: 'uuid' } },
    { key: 'country', codec: any },
  ],
  vaccinator: [type, { key: 'name', codec: any }, { key: 'identifier', codec: any }],
  facility: [type, { key: 'name', codec: any }, { key: 'identifier', codec: any }, address],
  address: [
    type,
    { key: 'addressLine1', codec: any },
    { key: 'addressLine2', codec: any },
    { key: 'district', codec: any },
    { key: 'city', codec: any },
    { key: 'state', codec: { kind: 'term', terms: STATE_TERMS } },
    { key: 'pincode', codec: { kind: 'digits' } },
  ],
  proof: [
    type,
    { key: 'created', codec: { kind: 'created' } },
    { key: 'verificationMethod', codec: { kind: 'verificationMethod' } },
    { key: 'proofPurpose', codec: { kind: 'term', terms: PROOF_PURPOSE_TERMS } },
    { key: 'proofValue', codec: { kind: 'multibase' } },
  ],
  status: [
    { key: 'id', codec: any },
    type,
    { key: 'statusPurpose', codec: { kind: 'term', terms: STATUS_PURPOSE_TERMS } },
    { key: 'statusListIndex', codec: { kind: 'digits' } },
    { key: 'statusListCredential', codec: any },
  ],
};

/**
 * CBOR tag (major type 6) that marks a value a slot codec cannot write: the tagged content
 * is the value as plain CBOR. The number has this meaning inside compact payloads only.
 */
export const LITERAL_TAG = 6;

/** Seconds from the Unix epoch to 2020-01-01T00:00:00Z, the origin of `dateTime` values. */
export const DATE_TIME_EPOCH_SECONDS = 1_577_836_800;
