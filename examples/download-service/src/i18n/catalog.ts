import { readdirSync, readFileSync } from 'node:fs';

/** Labels of the domestic certificate; every message file has all of them. */
export interface CertificateMessages {
  title: string;
  beneficiaryDetails: string;
  name: string;
  age: string;
  gender: string;
  identity: string;
  beneficiaryId: string;
  vaccinationDetails: string;
  dose: string;
  date: string;
  vaccine: string;
  prophylaxis: string;
  batch: string;
  manufacturer: string;
  facility: string;
  status: string;
  statusPartial: string;
  statusFull: string;
  statusPrecaution: string;
  /** Dose number in the series, with `{dose}` and `{total}` placeholders. */
  doseOf: string;
  precautionDose: string;
  certificateId: string;
  scanToVerify: string;
}

/** Labels that only the English international certificate prints. */
export interface InternationalMessages {
  internationalTitle: string;
  dateOfBirth: string;
  passportNumber: string;
  nationality: string;
}

/** Header of a message file: the language, its script and who wrote the translation. */
export interface LanguageMeta {
  language: string;
  nativeName: string;
  bcp47: string;
  /** ISO 15924 script code, for example `Deva`. */
  script: string;
  scriptName: string;
  direction: 'ltr' | 'rtl';
  author: string;
  translation: string;
  review: string;
}

/** One language of the certificate. */
export interface Language {
  readonly meta: LanguageMeta;
  readonly messages: CertificateMessages;
}

export const messageKeys: readonly (keyof CertificateMessages)[] = [
  'title',
  'beneficiaryDetails',
  'name',
  'age',
  'gender',
  'identity',
  'beneficiaryId',
  'vaccinationDetails',
  'dose',
  'date',
  'vaccine',
  'prophylaxis',
  'batch',
  'manufacturer',
  'facility',
  'status',
  'statusPartial',
  'statusFull',
  'statusPrecaution',
  'doseOf',
  'precautionDose',
  'certificateId',
  'scanToVerify',
];

const messagesDir = new URL('./messages/', import.meta.url);

function readMessageFile(fileName: string): { meta: LanguageMeta; messages: Record<string, unknown> } {
  const parsed = JSON.parse(readFileSync(new URL(fileName, messagesDir), 'utf8')) as {
    meta?: LanguageMeta;
    messages?: Record<string, unknown>;
  };
  if (!parsed.meta || !parsed.messages) {
    throw new Error(`message file ${fileName} has no "meta" or "messages" object`);
  }
  for (const key of messageKeys) {
    if (typeof parsed.messages[key] !== 'string' || parsed.messages[key] === '') {
      throw new Error(`message file ${fileName} is missing the label "${key}"`);
    }
  }
  return { meta: parsed.meta, messages: parsed.messages };
}

function loadLanguages(): Map<string, Language> {
  const languages = new Map<string, Language>();
  for (const fileName of readdirSync(messagesDir).filter((name) => name.endsWith('.json')).sort()) {
    const { meta, messages } = readMessageFile(fileName);
    languages.set(meta.bcp47, { meta, messages: messages as unknown as CertificateMessages });
  }
  return languages;
}

const languages = loadLanguages();
const english = JSON.parse(readFileSync(new URL('en.json', messagesDir), 'utf8')) as {
  messages: CertificateMessages & InternationalMessages;
};

/** Every certificate language, English first, then by BCP 47 tag. */
export const languageTags: readonly string[] = [
  'en',
  ...[...languages.keys()].filter((tag) => tag !== 'en'),
];

/** Returns the English labels, including those of the international certificate. */
export function englishMessages(): CertificateMessages & InternationalMessages {
  return english.messages;
}

/**
 * Returns the language for a BCP 47 tag. Tags match without regard to case, and a tag without
 * a script subtag matches the language written in its listed script (`sat` is `sat-Olck`).
 * Returns `undefined` for a language the certificate is not translated into.
 */
export function findLanguage(tag: string): Language | undefined {
  const wanted = tag.trim().toLowerCase();
  for (const [known, language] of languages) {
    if (known.toLowerCase() === wanted) return language;
  }
  for (const [known, language] of languages) {
    if (known.toLowerCase().split('-')[0] === wanted) return language;
  }
  return undefined;
}
