import { describe, expect, it } from 'vitest';

import { layoutRuns } from '../../src/pdf/text-runs.js';

describe('layoutRuns', () => {
  it('splits Devanagari from ASCII digits', () => {
    expect(layoutRuns('कोविड-19 टीका', false)).toEqual([
      { text: 'कोविड', font: 'devanagari', rtl: false },
      { text: '-19 ', font: 'latin', rtl: false },
      { text: 'टीका', font: 'devanagari', rtl: false },
    ]);
  });

  it('keeps Latin text in one run', () => {
    expect(layoutRuns('<b>x</b> & Co.', false)).toEqual([{ text: '<b>x</b> & Co.', font: 'latin', rtl: false }]);
  });

  it('keeps a danda with the Bengali text', () => {
    expect(layoutRuns('টিকা।', false)).toEqual([{ text: 'টিকা।', font: 'bengali', rtl: false }]);
  });

  it('orders Urdu runs from right to left', () => {
    // Logical order: کووڈ, hyphen, 19, space, ویکسین. Drawn left to right: the last word
    // first, then 19 in its own order, then the hyphen, then the first word.
    expect(layoutRuns('کووڈ-19 ویکسین', true)).toEqual([
      { text: ' ویکسین', font: 'arabic', rtl: true },
      { text: '19', font: 'latin', rtl: false },
      { text: '-', font: 'latin', rtl: true },
      { text: 'کووڈ', font: 'arabic', rtl: true },
    ]);
  });

  it('keeps a number inside Urdu text in reading order', () => {
    const runs = layoutRuns('2 میں سے خوراک 12', true);
    expect(runs.map((run) => run.text)).toEqual(['12', ' میں سے خوراک ', '2']);
  });

  it('keeps a Latin phrase inside Urdu text in its own order', () => {
    const runs = layoutRuns('نام Abdul Reddy ہے', true);
    expect(runs.map((run) => run.text)).toEqual([' ہے', 'Abdul Reddy', 'نام ']);
  });

  it('marks Ol Chiki and Meetei Mayek runs', () => {
    expect(layoutRuns('ᱴᱤᱠᱟ', false)[0]!.font).toBe('ol-chiki');
    expect(layoutRuns('ꯗꯣꯖ', false)[0]!.font).toBe('meetei-mayek');
  });
});
