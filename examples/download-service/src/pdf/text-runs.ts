import type { FontKey } from './fonts.js';

/** A stretch of text drawn with one font in one direction. */
export interface TextRun {
  readonly text: string;
  readonly font: FontKey;
  readonly rtl: boolean;
}

// Unicode blocks of the scripts the certificate prints, as [first, last, font].
const scriptBlocks: readonly (readonly [number, number, FontKey])[] = [
  [0x0600, 0x06ff, 'arabic'],
  [0x0750, 0x077f, 'arabic'],
  [0x08a0, 0x08ff, 'arabic'],
  [0xfb50, 0xfdff, 'arabic'],
  [0xfe70, 0xfeff, 'arabic'],
  [0x0900, 0x097f, 'devanagari'],
  [0xa8e0, 0xa8ff, 'devanagari'],
  [0x0980, 0x09ff, 'bengali'],
  [0x0a00, 0x0a7f, 'gurmukhi'],
  [0x0a80, 0x0aff, 'gujarati'],
  [0x0b00, 0x0b7f, 'oriya'],
  [0x0b80, 0x0bff, 'tamil'],
  [0x0c00, 0x0c7f, 'telugu'],
  [0x0c80, 0x0cff, 'kannada'],
  [0x0d00, 0x0d7f, 'malayalam'],
  [0x1c50, 0x1c7f, 'ol-chiki'],
  [0xaae0, 0xaaff, 'meetei-mayek'],
  [0xabc0, 0xabff, 'meetei-mayek'],
];

const DANDA = 0x0964;
const DOUBLE_DANDA = 0x0965;
const ZERO_WIDTH_NON_JOINER = 0x200c;
const ZERO_WIDTH_JOINER = 0x200d;

/**
 * Returns the font a code point needs, or `undefined` for a character that takes the font of
 * the text around it: spaces, the dandas shared by the Brahmic scripts and the zero-width
 * (non-)joiners.
 */
function fontOfCodePoint(codePoint: number): FontKey | undefined {
  if (codePoint === 0x20 || codePoint === 0xa0) return undefined;
  if (codePoint === DANDA || codePoint === DOUBLE_DANDA) return undefined;
  if (codePoint === ZERO_WIDTH_NON_JOINER || codePoint === ZERO_WIDTH_JOINER) return undefined;
  for (const [first, last, font] of scriptBlocks) {
    if (codePoint >= first && codePoint <= last) return font;
  }
  return 'latin';
}

type BidiClass = 'L' | 'R' | 'EN' | 'N';

function isDigit(codePoint: number): boolean {
  return (
    (codePoint >= 0x30 && codePoint <= 0x39) ||
    (codePoint >= 0x0660 && codePoint <= 0x0669) ||
    (codePoint >= 0x06f0 && codePoint <= 0x06f9)
  );
}

/** Returns a simplified bidirectional class: strong left, strong right, number or neutral. */
function bidiClassOf(character: string): BidiClass {
  const codePoint = character.codePointAt(0)!;
  if (isDigit(codePoint)) return 'EN';
  if (!/[\p{L}\p{M}]/u.test(character)) return 'N';
  return fontOfCodePoint(codePoint) === 'arabic' ? 'R' : 'L';
}

/**
 * Resolves an embedding level per character: 0 left-to-right, 1 right-to-left, 2 a number or
 * Latin word inside right-to-left text. A neutral character between two characters of the same
 * direction takes that direction, otherwise the direction of the line. In right-to-left lines,
 * numbers count as right-to-left for that decision, following rule N1 of the Unicode
 * Bidirectional Algorithm.
 */
function resolveLevels(characters: readonly string[], rtl: boolean): number[] {
  const classes = characters.map(bidiClassOf);
  const strongDirection = (bidiClass: BidiClass): 'L' | 'R' | undefined => {
    if (bidiClass === 'N') return undefined;
    if (bidiClass === 'EN') return rtl ? 'R' : 'L';
    return bidiClass;
  };
  const lineDirection = rtl ? 'R' : 'L';
  return classes.map((bidiClass, index) => {
    if (bidiClass === 'R') return 1;
    if (bidiClass === 'L' || bidiClass === 'EN') return rtl ? 2 : 0;
    let before: 'L' | 'R' = lineDirection;
    for (let i = index - 1; i >= 0; i--) {
      const direction = strongDirection(classes[i]!);
      if (direction) {
        before = direction;
        break;
      }
    }
    let after: 'L' | 'R' = lineDirection;
    for (let i = index + 1; i < classes.length; i++) {
      const direction = strongDirection(classes[i]!);
      if (direction) {
        after = direction;
        break;
      }
    }
    const direction = before === after ? before : lineDirection;
    if (direction === 'R') return 1;
    return rtl ? 2 : 0;
  });
}

/** A run with its embedding level, before visual reordering. */
interface LeveledRun {
  text: string;
  font: FontKey | undefined;
  level: number;
}

/**
 * Splits one line of text into runs of one font and one direction, and returns them in the
 * order to draw them from left to right. The Noto script fonts hold no Latin letters, ASCII
 * digits or ASCII punctuation, so "कोविड-19" becomes a Devanagari run and a Latin run. Spaces,
 * dandas and joiners stay in the run around them. In right-to-left text (Arabic script) the
 * runs are reordered by rule L2 of the Unicode Bidirectional Algorithm. fontkit reverses the
 * glyphs inside each Arabic run, and this function reverses right-to-left runs of other fonts
 * (neutral punctuation). It covers labels with numbers and Latin words inside them. It is not a
 * full implementation of the algorithm: explicit embeddings and bracket pairs are ignored.
 */
export function layoutRuns(text: string, rtl: boolean): TextRun[] {
  const characters = Array.from(text);
  const levels = resolveLevels(characters, rtl);
  const runs: LeveledRun[] = [];
  characters.forEach((character, index) => {
    const font = fontOfCodePoint(character.codePointAt(0)!);
    const level = levels[index]!;
    const last = runs.at(-1);
    const sameFont = font === undefined || last?.font === undefined || last.font === font;
    if (last && last.level === level && sameFont) {
      last.text += character;
      last.font ??= font;
      return;
    }
    runs.push({ text: character, font, level });
  });

  const maxLevel = Math.max(0, ...runs.map((run) => run.level));
  for (let level = maxLevel; level >= 1; level--) {
    let start = 0;
    while (start < runs.length) {
      if (runs[start]!.level < level) {
        start++;
        continue;
      }
      let end = start;
      while (end < runs.length && runs[end]!.level >= level) end++;
      runs.splice(start, end - start, ...runs.slice(start, end).reverse());
      start = end;
    }
  }

  return runs.map((run) => {
    const font = run.font ?? 'latin';
    const reverseHere = run.level % 2 === 1 && font !== 'arabic';
    const drawn = reverseHere ? Array.from(run.text).reverse().join('') : run.text;
    return { text: drawn, font, rtl: run.level % 2 === 1 };
  });
}
