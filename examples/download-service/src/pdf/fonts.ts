import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import * as fontkit from 'fontkit';

/** A font family the certificate uses, named after the script it covers. */
export type FontKey =
  | 'latin'
  | 'devanagari'
  | 'bengali'
  | 'gujarati'
  | 'gurmukhi'
  | 'kannada'
  | 'malayalam'
  | 'oriya'
  | 'tamil'
  | 'telugu'
  | 'ol-chiki'
  | 'meetei-mayek'
  | 'arabic';

/** A parsed font as fontkit returns it; pdfkit accepts it in place of a file or buffer. */
export type LoadedFont = fontkit.Font;

// The Noto fonts (SIL Open Font License 1.1) come from the @fontsource packages, which split
// each family into Unicode-range subsets. WOFF 1.0 files are used because fontkit reads them
// with zlib, and its WOFF2 glyph decoder is a separate, less used code path.
const fontFiles: Record<FontKey, string> = {
  latin: '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff',
  devanagari:
    '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-400-normal.woff',
  bengali: '@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-400-normal.woff',
  gujarati: '@fontsource/noto-sans-gujarati/files/noto-sans-gujarati-gujarati-400-normal.woff',
  gurmukhi: '@fontsource/noto-sans-gurmukhi/files/noto-sans-gurmukhi-gurmukhi-400-normal.woff',
  kannada: '@fontsource/noto-sans-kannada/files/noto-sans-kannada-kannada-400-normal.woff',
  malayalam:
    '@fontsource/noto-sans-malayalam/files/noto-sans-malayalam-malayalam-400-normal.woff',
  oriya: '@fontsource/noto-sans-oriya/files/noto-sans-oriya-oriya-400-normal.woff',
  tamil: '@fontsource/noto-sans-tamil/files/noto-sans-tamil-tamil-400-normal.woff',
  telugu: '@fontsource/noto-sans-telugu/files/noto-sans-telugu-telugu-400-normal.woff',
  'ol-chiki': '@fontsource/noto-sans-ol-chiki/files/noto-sans-ol-chiki-ol-chiki-400-normal.woff',
  'meetei-mayek':
    '@fontsource/noto-sans-meetei-mayek/files/noto-sans-meetei-mayek-meetei-mayek-400-normal.woff',
  arabic: '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff',
};

const require = createRequire(import.meta.url);
const loaded = new Map<FontKey, LoadedFont>();

type GlyphRun = ReturnType<LoadedFont['layout']>;

/** Shaped runs kept per font; labels repeat on every certificate, names do not. */
const LAYOUT_CACHE_LIMIT = 4000;

/**
 * Wraps a font so that `layout` results are shaped once and reused across documents. Shaping
 * (GSUB and GPOS) takes most of the rendering time otherwise, because pdfkit caches layouts
 * only within one document. pdfkit scales the positions of a run in place, so every call
 * returns fresh copies of them. The glyph objects are shared, and pdfkit only reads them.
 */
function withLayoutCache(font: LoadedFont): LoadedFont {
  const cache = new Map<string, GlyphRun>();
  const layout = (text: string, features?: unknown, ...rest: unknown[]): GlyphRun => {
    const key = `${JSON.stringify(features ?? null)}\u0000${text}`;
    let run = cache.get(key);
    if (!run) {
      run = (font.layout as (...args: unknown[]) => GlyphRun)(text, features, ...rest);
      if (cache.size >= LAYOUT_CACHE_LIMIT) cache.clear();
      cache.set(key, run);
    }
    const positions = run.positions.map((position) => ({ ...position }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((width, position) => width + position.xAdvance, 0);
      },
    } as unknown as GlyphRun;
  };
  return new Proxy(font, {
    get(target, property) {
      if (property === 'layout') return layout;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Returns the parsed font for a script, reading it from node_modules on first use. The parsed
 * font is shared by every document, so its tables are decompressed and parsed only once.
 */
export function loadFont(key: FontKey): LoadedFont {
  let font = loaded.get(key);
  if (!font) {
    const path = require.resolve(fontFiles[key]);
    // Each file contains one font, never a collection.
    font = withLayoutCache(fontkit.create(readFileSync(path)) as LoadedFont);
    loaded.set(key, font);
  }
  return font;
}

/** Returns the package file of a font, for reports and tests. */
export function fontFileOf(key: FontKey): string {
  return fontFiles[key];
}

/** Every font key, in a stable order. */
export const fontKeys = Object.keys(fontFiles) as FontKey[];
