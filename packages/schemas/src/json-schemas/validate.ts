import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

import { certifyRequestSchema } from './certify-request.js';
import { vaccinationCredentialSchema } from './credential.js';

/** One validation failure: where it is (a JSON Pointer) and what is wrong. */
export interface ValidationIssue {
  /** JSON Pointer (RFC 6901) of the offending value; `""` is the whole document. */
  readonly pointer: string;
  /** Plain-language description, for example `must be an integer`. */
  readonly message: string;
  /** JSON Schema keyword that failed, for example `type` or `additionalProperties`. */
  readonly keyword: string;
}

type AddFormats = (ajv: Ajv2020, formats: string[]) => Ajv2020;

// ajv-formats is CommonJS: under NodeNext the plugin function sits on `default`.
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

let compiled:
  | { request: ReturnType<Ajv2020['compile']>; credential: ReturnType<Ajv2020['compile']> }
  | undefined;

function validators() {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });
  addFormats(ajv, ['date', 'date-time']);
  compiled = {
    request: ajv.compile(certifyRequestSchema),
    credential: ajv.compile(vaccinationCredentialSchema),
  };
  return compiled;
}

// Plain messages for the patterns the schemas use, in place of the regular expression.
const PATTERN_MESSAGES: Record<string, string> = {
  '^[^\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$':
    'must not contain control characters or bidirectional formatting characters',
  '\\S': 'must not be empty or blank',
  '^[0-9]{1,3}$': 'must be a whole number of years',
  '^[\\x21-\\x7e]+$': 'must be printable ASCII without spaces',
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$':
    'must be an ISO 8601 date-time with an upper-case "T" and a zone, such as 2021-09-17T05:12:39Z',
};

function toIssue(error: ErrorObject): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'pattern' && PATTERN_MESSAGES[String(params.pattern)] !== undefined) {
    return { pointer: error.instancePath, message: PATTERN_MESSAGES[String(params.pattern)]!, keyword: error.keyword };
  }
  if (error.keyword === 'additionalProperties') {
    return {
      pointer: error.instancePath,
      message: `unexpected property "${String(params.additionalProperty)}"`,
      keyword: error.keyword,
    };
  }
  if (error.keyword === 'required') {
    const missing = String(params.missingProperty);
    return {
      pointer: `${error.instancePath}/${missing}`,
      message: `"${missing}" is required`,
      keyword: error.keyword,
    };
  }
  if (error.keyword === 'anyOf') {
    const branches = (error.schema as { required?: string[] }[]).flatMap((branch) => branch.required ?? []);
    return {
      pointer: error.instancePath,
      message: `must contain ${branches.map((name) => `"${name}"`).join(' or ')}`,
      keyword: error.keyword,
    };
  }
  if (error.keyword === 'oneOf') {
    const branches = (error.schema as { description?: string }[]).map((branch) => branch.description ?? 'another form');
    return { pointer: error.instancePath, message: `must be ${branches.join(' or ')}`, keyword: error.keyword };
  }
  if (error.keyword === 'propertyNames') {
    return {
      pointer: error.instancePath,
      message: `property "${String(params.propertyName)}" is not allowed (keys starting with "@" are reserved)`,
      keyword: error.keyword,
    };
  }
  return { pointer: error.instancePath, message: error.message ?? 'is invalid', keyword: error.keyword };
}

function collect(errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  const issues = (errors ?? [])
    // The pattern error for a property name repeats the propertyNames error.
    .filter((error) => !(error.keyword === 'pattern' && error.propertyName !== undefined))
    // Each failed anyOf or oneOf branch is summarised by the anyOf or oneOf error itself.
    .filter((error) => !/\/(anyOf|oneOf)\//.test(error.schemaPath))
    .map(toIssue);
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.pointer} ${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Checks a value against the certify request schema; returns every issue found. */
export function checkCertifyRequestShape(value: unknown): ValidationIssue[] {
  const validate = validators().request;
  return validate(value) ? [] : collect(validate.errors);
}

/** Checks a decoded credential against the vaccination credential schema. */
export function checkCredentialShape(value: unknown): ValidationIssue[] {
  const validate = validators().credential;
  return validate(value) ? [] : collect(validate.errors);
}
