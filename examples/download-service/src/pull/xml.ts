import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/** An XML document that is malformed, declares a DTD or misses required elements. */
export class PullXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PullXmlError';
  }
}

// Entities are never expanded: a document type declaration is rejected before parsing, and the
// parser runs with entity processing off, so `&name;` stays literal text even if one got through.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: true,
  format: false,
  suppressEmptyNode: true,
});

/** Parses a partner request, rejecting DTDs (`<!DOCTYPE`, `<!ENTITY`) and malformed XML. */
export function parsePullXml(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
    throw new PullXmlError('XML with a document type declaration is not accepted');
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch (error) {
    throw new PullXmlError(`malformed XML: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new PullXmlError('empty XML document');
  return parsed as Record<string, unknown>;
}

/** Serialises a response object to XML with a declaration; text and attributes are escaped. */
export function buildPullXml(document: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${builder.build(document)}`;
}

/** Returns a child element's text, or an empty string when it is absent. */
export function textOf(element: unknown, name: string): string {
  if (typeof element !== 'object' || element === null) return '';
  const value = (element as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null && typeof (value as { '#text'?: unknown })['#text'] === 'string') {
    return (value as { '#text': string })['#text'];
  }
  return '';
}
