/**
 * JSON Schema (draft 2020-12) of a certify request in Co-WIN's CertificationRequestV2
 * shape. Nested objects are closed so no unexpected key, JSON-LD keywords included, can
 * reach a credential. The top level and `meta` stay open for the other fields Co-WIN
 * sends, but reject keys that start with `@`.
 */
const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const requiredText = (maxLength: number) =>
  ({ type: 'string', maxLength, pattern: '\\S' }) as const;

const address = {
  type: 'object',
  additionalProperties: false,
  properties: {
    addressLine1: text(256),
    addressLine2: text(256),
    district: text(128),
    city: text(128),
    state: text(128),
    country: text(64),
    pincode: {
      oneOf: [
        { type: 'string', pattern: '^[0-9A-Za-z -]{0,12}$', description: 'a postal code of up to 12 letters and digits' },
        { type: 'integer', minimum: 0, maximum: 999999999999, description: 'a number' },
      ],
    },
  },
} as const;

export const certifyRequestSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://w3id.org/vaxcert/schemas/certify-request/v1',
  title: 'Certify request (Co-WIN CertificationRequestV2)',
  type: 'object',
  required: ['preEnrollmentCode', 'recipient', 'vaccination', 'vaccinator', 'facility'],
  propertyNames: { pattern: '^[^@]' },
  properties: {
    preEnrollmentCode: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' },
    programId: text(64),
    enrollmentType: text(64),
    recipient: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'gender'],
      anyOf: [{ required: ['dob'] }, { required: ['age'] }],
      properties: {
        name: requiredText(256),
        dob: { type: 'string', format: 'date' },
        age: {
          oneOf: [
            { type: 'string', pattern: '^[0-9]{1,3}$', description: 'a string of up to 3 digits' },
            { type: 'integer', minimum: 0, maximum: 150, description: 'an integer from 0 to 150' },
          ],
        },
        gender: requiredText(32),
        nationality: text(64),
        identity: text(128),
        contact: { type: 'array', maxItems: 8, items: text(128) },
        address,
      },
    },
    vaccination: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'batch', 'date', 'dose', 'totalDoses'],
      properties: {
        name: requiredText(64),
        batch: requiredText(64),
        manufacturer: text(128),
        date: {
          type: 'string',
          format: 'date-time',
          pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$',
        },
        effectiveStart: { type: 'string', format: 'date' },
        effectiveUntil: { type: 'string', format: 'date' },
        dose: { type: 'integer', minimum: 1, maximum: 20 },
        totalDoses: { type: 'integer', minimum: 1, maximum: 20 },
      },
    },
    vaccinator: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { id: text(64), name: requiredText(256) },
    },
    facility: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { id: text(64), name: requiredText(256), address },
    },
    meta: {
      type: 'object',
      propertyNames: { pattern: '^[^@]' },
      properties: {
        certificateType: { enum: ['domestic', 'international'] },
        previousCertificateId: text(128),
        vaccinations: { type: 'array', maxItems: 20 },
      },
    },
  },
} as const;
