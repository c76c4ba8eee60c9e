import { VACCINATION_CREDENTIAL_CONTEXTS } from '../contexts/urls.js';

/**
 * JSON Schema (draft 2020-12) of a signed vaxcert vaccination credential. Every object is
 * closed, so a verifier can tell a well-formed credential from one with extra or missing
 * fields before it checks the signature.
 */
// Display text may not hold control characters or bidirectional overrides and isolates,
// which could make a verifier app show something other than the signed text.
const DISPLAY_TEXT = '^[^\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$';
const shortText = { type: 'string', minLength: 1, maxLength: 256, pattern: DISPLAY_TEXT } as const;
const optionalText = { type: 'string', maxLength: 256, pattern: DISPLAY_TEXT } as const;
const dateTime = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$',
  format: 'date-time',
} as const;
const date = { type: 'string', format: 'date' } as const;
const uuidUrn = {
  type: 'string',
  pattern: '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
} as const;

const postalAddress = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { const: 'PostalAddress' },
    addressLine1: optionalText,
    addressLine2: optionalText,
    district: optionalText,
    city: optionalText,
    state: optionalText,
    pincode: { type: 'string', maxLength: 12 },
  },
} as const;

const statusEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'statusPurpose', 'statusListIndex', 'statusListCredential'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 512 },
    type: { const: 'BitstringStatusListEntry' },
    statusPurpose: { enum: ['revocation', 'suspension'] },
    statusListIndex: { type: 'string', pattern: '^(0|[1-9][0-9]{0,9})$' },
    statusListCredential: { type: 'string', minLength: 1, maxLength: 512 },
  },
} as const;

export const vaccinationCredentialSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://w3id.org/vaxcert/schemas/vaccination-credential/v1',
  title: 'vaxcert vaccination credential',
  type: 'object',
  additionalProperties: false,
  required: ['@context', 'id', 'type', 'issuer', 'validFrom', 'credentialSubject', 'evidence', 'proof'],
  properties: {
    '@context': { const: [...VACCINATION_CREDENTIAL_CONTEXTS] },
    id: uuidUrn,
    type: { const: ['VerifiableCredential', 'VaccinationCertificate'] },
    issuer: { type: 'string', pattern: '^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$', maxLength: 512 },
    validFrom: dateTime,
    validUntil: dateTime,
    credentialSubject: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'beneficiaryId', 'name', 'gender'],
      oneOf: [{ required: ['age'] }, { required: ['birthDate'] }],
      properties: {
        type: { const: 'Person' },
        beneficiaryId: { type: 'string', minLength: 1, maxLength: 64 },
        name: shortText,
        age: { type: 'integer', minimum: 0, maximum: 150 },
        birthDate: date,
        gender: { type: 'string', minLength: 1, maxLength: 32 },
        nationality: optionalText,
        identity: { type: 'string', maxLength: 128 },
        address: postalAddress,
      },
    },
    evidence: {
      type: 'array',
      minItems: 1,
      maxItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'type', 'vaccine', 'manufacturer', 'prophylaxis', 'icd11Code', 'batch', 'date',
          'dose', 'totalDoses', 'certificateKind', 'vaccinator', 'facility',
        ],
        properties: {
          type: { const: 'Vaccination' },
          vaccine: shortText,
          manufacturer: optionalText,
          prophylaxis: shortText,
          icd11Code: { type: 'string', pattern: '^[0-9A-Z]{4,8}$' },
          batch: shortText,
          date: dateTime,
          effectiveStart: date,
          effectiveUntil: date,
          dose: { type: 'integer', minimum: 1, maximum: 20 },
          totalDoses: { type: 'integer', minimum: 1, maximum: 20 },
          certificateKind: { enum: ['provisional', 'final', 'precaution'] },
          country: { type: 'string', pattern: '^[A-Z]{2}$' },
          previousCertificateId: uuidUrn,
          vaccinator: {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'name'],
            properties: {
              type: { const: 'Vaccinator' },
              name: shortText,
              identifier: optionalText,
            },
          },
          facility: {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'name'],
            properties: {
              type: { const: 'Facility' },
              name: shortText,
              identifier: optionalText,
              address: postalAddress,
            },
          },
        },
      },
    },
    credentialStatus: { type: 'array', minItems: 1, maxItems: 2, items: statusEntry },
    proof: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'created', 'verificationMethod', 'proofPurpose', 'proofValue'],
      properties: {
        type: { const: 'Ed25519Signature2020' },
        created: dateTime,
        verificationMethod: { type: 'string', pattern: '^did:[^#\\s]+#[^\\s]+$', maxLength: 512 },
        proofPurpose: { const: 'assertionMethod' },
        proofValue: { type: 'string', pattern: '^z[1-9A-HJ-NP-Za-km-z]{80,90}$' },
      },
    },
  },
} as const;
