import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { findLanguage, languageTags, messageKeys } from '../../src/i18n/catalog.js';
import { loadFont } from '../../src/pdf/fonts.js';
import { layoutRuns } from '../../src/pdf/text-runs.js';

// The 22 languages of the Eighth Schedule to the Constitution of India, plus English.
const expectedLanguages: Record<string, string> = {
  as: 'Beng',
  bn: 'Beng',
  brx: 'Deva',
  doi: 'Deva',
  gu: 'Gujr',
  hi: 'Deva',
  kn: 'Knda',
  'ks-Arab': 'Arab',
  kok: 'Deva',
  mai: 'Deva',
  ml: 'Mlym',
  'mni-Mtei': 'Mtei',
  mr: 'Deva',
  ne: 'Deva',
  or: 'Orya',
  pa: 'Guru',
  sa: 'Deva',
  'sat-Olck': 'Olck',
  'sd-Arab': 'Arab',
  ta: 'Taml',
  te: 'Telu',
  ur: 'Arab',
  en: 'Latn',
};

describe('message files', () => {
  it('cover the 22 scheduled languages and English', () => {
    expect([...languageTags].sort()).toEqual(Object.keys(expectedLanguages).sort());
    expect(languageTags[0]).toBe('en');
  });

  it('have one file per language named by tag', () => {
    const files = readdirSync(new URL('../../src/i18n/messages/', import.meta.url)).sort();
    expect(files).toEqual(Object.keys(expectedLanguages).map((tag) => `${tag}.json`).sort());
  });

  for (const [tag, script] of Object.entries(expectedLanguages)) {
    describe(tag, () => {
      const language = findLanguage(tag)!;

      it('has a header naming script and authorship', () => {
        expect(language.meta.bcp47).toBe(tag);
        expect(language.meta.script).toBe(script);
        expect(language.meta.direction).toBe(script === 'Arab' ? 'rtl' : 'ltr');
        expect(language.meta.author).toMatch(/vaxcert project/);
        if (tag !== 'en') {
          expect(language.meta.translation).toBe('machine-assisted');
          expect(language.meta.review).toMatch(/native speaker/);
        }
      });

      it('translates every label', () => {
        for (const key of messageKeys) expect(language.messages[key], key).toMatch(/\S/);
        expect(language.messages.doseOf).toContain('{dose}');
        expect(language.messages.doseOf).toContain('{total}');
        if (tag !== 'en') expect(language.messages.title).not.toBe(findLanguage('en')!.messages.title);
      });

      it('has a glyph for every character', () => {
        for (const key of messageKeys) {
          for (const run of layoutRuns(language.messages[key], language.meta.direction === 'rtl')) {
            const font = loadFont(run.font);
            for (const character of run.text) {
              const codePoint = character.codePointAt(0)!;
              expect(font.hasGlyphForCodePoint(codePoint), `${key}: U+${codePoint.toString(16)} in ${run.font}`).toBe(true);
            }
          }
        }
      });
    });
  }

  it('match language tags loosely', () => {
    expect(findLanguage('SAT')?.meta.bcp47).toBe('sat-Olck');
    expect(findLanguage('mni')?.meta.bcp47).toBe('mni-Mtei');
    expect(findLanguage('HI')?.meta.bcp47).toBe('hi');
    expect(findLanguage('fr')).toBeUndefined();
  });

  it('keep the English international labels', () => {
    const english = JSON.parse(readFileSync(new URL('../../src/i18n/messages/en.json', import.meta.url), 'utf8')) as {
      messages: Record<string, string>;
    };
    expect(english.messages.passportNumber).toBe('Passport number');
    expect(english.messages.dateOfBirth).toBe('Date of birth');
  });
});
