import { describe, expect, it } from 'vitest';

import { negotiateFormat } from '../../src/http/certificate-formats.js';

describe('negotiateFormat', () => {
  it('prefers the format parameter', () => {
    expect(negotiateFormat('png', 'application/pdf')).toBe('png');
    expect(negotiateFormat('docx', 'application/pdf')).toBeUndefined();
  });

  it('defaults to PDF', () => {
    expect(negotiateFormat(undefined, undefined)).toBe('pdf');
    expect(negotiateFormat(undefined, '*/*')).toBe('pdf');
  });

  it('follows quality values', () => {
    expect(negotiateFormat(undefined, 'image/png;q=0.1, application/pdf')).toBe('pdf');
    expect(negotiateFormat(undefined, 'application/pdf;q=0.5, application/json;q=0.9')).toBe('json');
    expect(negotiateFormat(undefined, 'image/png;q=0, text/html')).toBeUndefined();
  });

  it('keeps the order for equal quality', () => {
    expect(negotiateFormat(undefined, 'text/html, image/png, application/pdf')).toBe('png');
  });
});
