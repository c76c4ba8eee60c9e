import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

// pdftoppm and pdftotext come from Debian's poppler-utils package.

/** Extracts the text of a PDF with pdftotext. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}

/** Renders the first page of a PDF to PNG with pdftoppm, at 60 dpi by default. */
export function pdfToPng(pdf: Buffer, dpi = 60): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'vaxcert-render-'));
  try {
    writeFileSync(join(dir, 'page.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', join(dir, 'page.pdf'), join(dir, 'page')]);
    return readFileSync(join(dir, 'page.png'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Returns the share of pixels that differ between two PNGs of the same size. */
export function differingPixelRatio(actual: Buffer, expected: Buffer): number {
  const a = PNG.sync.read(actual);
  const b = PNG.sync.read(expected);
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`image sizes differ: ${a.width}x${a.height} and ${b.width}x${b.height}`);
  }
  const differing = pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.1 });
  return differing / (a.width * a.height);
}
