import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';

import type { DocumentLoader } from './loader/document-loader.js';

/**
 * RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD documents that share a shape.
 *
 * Certificates from one issuer differ in their values, not in their structure: the same
 * keys, the same types, the same contexts. Expanding such a document to RDF costs most of
 * the time of signing it, and the expansion depends only on that structure. So when a
 * shape appears for the second time, the document is expanded once with every string and
 * integer value replaced by a unique placeholder, and the resulting RDF quads become a
 * template. Later documents of the same shape put their own values into the template's
 * places and go straight to canonicalization. Documents that are not plain JSON (a Date,
 * a Map, inherited properties) always take the full path.
 *
 * A value goes into a template only where substituting it gives the quads that JSON-LD
 * expansion itself would give:
 * - a string that expanded to a literal, unchanged, gives that literal with any string;
 * - a string that expanded to an IRI, unchanged, gives the same IRI only for an absolute
 *   IRI that names no term or prefix of the contexts in play. Other values go through a
 *   variant template or the full path, because the contexts change them;
 * - an integer gives the literal `toFixed(0)`, as JSON-LD writes integers.
 * A shape whose placeholders come out any other way (split, dropped, repeated, turned into
 * a number) is marked as not templatable, and its documents always take the full path.
 * `type` values and `@context` are part of the shape, since they select contexts.
 *
 * JSON-LD merges equal values of a property and nodes with the same identifier, and its
 * rules for both depend on more than the quads show (`@index`, for one). So a document
 * whose substituted quads repeat a quad, or whose IRI values repeat, takes the full
 * path. Because a shape gets its template only on its second sighting, documents of
 * one-off shapes cost about what the full path costs and do not push useful templates out.
 */

interface RdfTerm {
  termType: string;
  value: string;
  datatype?: RdfTerm;
  language?: string;
}

interface RdfQuad {
  subject: RdfTerm;
  predicate: RdfTerm;
  object: RdfTerm;
  graph: RdfTerm;
}

/** Role of a slot's value in the quads. A `pinned` slot kept its own value when the template was built. */
type SlotKind = 'literal' | 'iri' | 'integer' | 'pinned';

/** A term of a template: fixed, or the value of slot `slot`. */
interface TemplateTerm {
  termType: string;
  value: string;
  slot: number;
  datatype?: RdfTerm;
  language?: string;
}

interface Template {
  kinds: SlotKind[];
  quads: [TemplateTerm, TemplateTerm, TemplateTerm, TemplateTerm][];
  /** Every key of every context the shape uses: names an IRI value must not start with. */
  terms: Set<string>;
  /** Slots whose values become IRIs: equal values there would merge nodes. */
  iriSlots: number[];
  /** Node IRIs the template fixes, which no IRI slot may repeat either. */
  fixedNodes: Set<string>;
  /** Templates built for this shape with some IRI slots pinned to a value. */
  variants: number;
}

/** Templates of one document loader, and the shapes seen once and not yet templated. */
interface Cache {
  templates: Map<string, Template | null>;
  seen: Set<number>;
}

interface Shape {
  key: string;
  slots: (string | number)[];
  kinds: ('string' | 'integer')[];
}

/** Options `jsonld-signatures` 11 passes to `jsonld.toRDF` when it canonicalizes; the full path uses the same. */
const TO_RDF_OPTIONS = { base: null, safe: true, skipExpansion: false, produceGeneralizedRdf: false, rdfDirection: 'i18n-datatype' };
const CANONIZE_OPTIONS = { algorithm: 'RDFC-1.0' };
const MAX_TEMPLATES = 128;
/** Shapes remembered as seen once, by a 52-bit hash of their key. */
const MAX_SEEN = 1024;
const MAX_DEPTH = 64;
/** Limits past which a document is not worth a template: slots, shape key length, quads. */
const MAX_SLOTS = 1024;
const MAX_KEY_LENGTH = 65_536;
const MAX_QUADS = 2048;
/** Pinned variants per shape; more distinct non-IRI values than this take the full path. */
const MAX_VARIANTS = 16;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
const TYPE_KEYS = new Set(['type', '@type']);

const cachesByLoader = new WeakMap<DocumentLoader, Cache>();

/**
 * Returns whether `value` is an array or object that jsonld copies as JSON. jsonld detects
 * objects by `Object.prototype.toString` and copies inherited properties. So a Date, a Map,
 * an object with its own `Symbol.toStringTag` or another prototype would come out
 * differently from its own properties.
 */
function isPlainContainer(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  const tag = Object.prototype.toString.call(value);
  if (Array.isArray(value)) return prototype === Array.prototype && tag === '[object Array]';
  return (prototype === Object.prototype || prototype === null) && tag === '[object Object]';
}

/** Returns whether `value` is JSON made of plain containers, with no `__proto__` key. */
function isPlainJson(value: unknown, depth: number): boolean {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth > MAX_DEPTH || !isPlainContainer(value)) return false;
  if (Array.isArray(value)) return value.every((item) => isPlainJson(item, depth + 1));
  return Object.entries(value).every(([key, item]) => key !== '__proto__' && isPlainJson(item, depth + 1));
}

/**
 * Returns the shape of `document`: a string naming its structure and fixed values, and its
 * slot values in document order. Every token of the string ends where the next begins, so
 * two different documents never share a shape. Returns `undefined` for documents this
 * module leaves to the full path: JSON-LD keywords other than `@context` as keys, a
 * `__proto__` key, values JSON cannot hold, and deep or large documents.
 */
function shapeOf(document: unknown): Shape | undefined {
  const parts: string[] = [];
  const slots: (string | number)[] = [];
  const kinds: ('string' | 'integer')[] = [];
  const walk = (value: unknown, fixed: boolean, depth: number): boolean => {
    if (depth > MAX_DEPTH || slots.length > MAX_SLOTS) return false;
    if (typeof value === 'string') {
      if (fixed) {
        parts.push(JSON.stringify(value), ',');
      } else {
        parts.push('s,');
        slots.push(value);
        kinds.push('string');
      }
      return true;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return false;
      if (fixed || !Number.isSafeInteger(value)) {
        parts.push('n', JSON.stringify(value), ',');
      } else {
        parts.push('i,');
        slots.push(value);
        kinds.push('integer');
      }
      return true;
    }
    if (typeof value === 'boolean' || value === null) {
      parts.push(`${String(value)},`);
      return true;
    }
    if (typeof value !== 'object' || !isPlainContainer(value)) return false;
    if (Array.isArray(value)) {
      parts.push('[');
      for (const item of value) if (!walk(item, fixed, depth + 1)) return false;
      parts.push('],');
      return true;
    }
    parts.push('{');
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__') return false;
      if (key === '@context') {
        if (!isPlainJson(item, depth + 1)) return false;
        parts.push('"@context":', JSON.stringify(item), ',');
        continue;
      }
      if (key.startsWith('@') && !TYPE_KEYS.has(key)) return false;
      parts.push(JSON.stringify(key), ':');
      if (!walk(item, fixed || TYPE_KEYS.has(key), depth + 1)) return false;
    }
    parts.push('},');
    return true;
  };
  if (!walk(document, false, 0)) return undefined;
  const key = parts.join('');
  return key.length > MAX_KEY_LENGTH ? undefined : { key, slots, kinds };
}

/** Returns a copy of `document` with slot `i` replaced by `placeholder(i)`, in shape order. */
function withPlaceholders(document: unknown, placeholder: (index: number) => string | number): unknown {
  let next = 0;
  const walk = (value: unknown, fixed: boolean): unknown => {
    if (typeof value === 'string' && !fixed) return placeholder(next++);
    if (typeof value === 'number' && !fixed && Number.isSafeInteger(value)) return placeholder(next++);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, fixed));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = key === '@context' ? item : walk(item, fixed || TYPE_KEYS.has(key));
    }
    return copy;
  };
  return walk(document, false);
}

/**
 * Collects every term the contexts of `document` define, at any level: the keys of each
 * context object, of the contexts those contexts scope to terms and types, and of remote
 * and imported contexts, loaded with `documentLoader`. A context URL inside a remote
 * context is resolved against that context's URL, and an `@import` URL is loaded as
 * written, as JSON-LD does with a null base. Contexts found inside JSON literals are
 * collected too, which can only add terms and so only make the IRI check stricter. Throws
 * when a context cannot be loaded or names a further context in the loader's response.
 */
async function contextTerms(document: unknown, documentLoader: DocumentLoader): Promise<Set<string>> {
  const terms = new Set<string>();
  const requested = new Set<string>();
  const pendingUrls: string[] = [];
  const addContext = (context: unknown, base: string | undefined): void => {
    if (typeof context === 'string') {
      const url = base === undefined ? context : jsonld.url.prependBase(base, context);
      if (!requested.has(url)) {
        requested.add(url);
        pendingUrls.push(url);
      }
    } else if (Array.isArray(context)) {
      for (const item of context) addContext(item, base);
    } else if (context !== null && typeof context === 'object') {
      for (const [term, definition] of Object.entries(context as Record<string, unknown>)) {
        terms.add(term);
        // JSON-LD resolves `@import` against the document's base, which is null here.
        if (term === '@import') addContext(definition, undefined);
        else if (definition !== null && typeof definition === 'object' && '@context' in definition) addContext(definition['@context'], base);
      }
    }
  };
  const findContexts = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) findContexts(item);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === '@context') addContext(item, undefined);
      else findContexts(item);
    }
  };
  findContexts(document);
  for (let url = pendingUrls.pop(); url !== undefined; url = pendingUrls.pop()) {
    const { document: remote, documentUrl, contextUrl } = await documentLoader(url);
    // jsonld adds a context named in the loader's response, which this collection does not follow.
    if (contextUrl !== null && contextUrl !== undefined) throw new Error(`remote context "${url}" names a further context`);
    const parsed: unknown = typeof remote === 'string' ? JSON.parse(remote) : remote;
    if (parsed !== null && typeof parsed === 'object' && '@context' in parsed) addContext(parsed['@context'], documentUrl || url);
  }
  return terms;
}

function isTermOrPrefix(value: string, terms: Set<string>): boolean {
  return terms.has(value) || terms.has(value.slice(0, value.indexOf(':')));
}

/**
 * Expands `document` with placeholders in every slot but the `pinned` ones and turns the
 * quads into a template, or returns `null` when a placeholder does not come out as one
 * whole literal or IRI.
 */
async function buildTemplate(document: unknown, shape: Shape, documentLoader: DocumentLoader, pinned: ReadonlySet<number>): Promise<Template | null> {
  const random = globalThis.crypto.getRandomValues(new Uint32Array(4));
  const nonce = [...random.subarray(0, 3)].map((word) => word.toString(16).padStart(8, '0')).join('');
  const stringPrefix = `urn:x-vaxcert-slot-${nonce}:`;
  // Integers far above any count or age a certificate holds. A fixed value equal to one
  // counts as a second use of its slot, which makes the shape not templatable.
  const integerBase = 2 ** 52 + (random[3]! % 2 ** 20) * 2 ** 10;
  const placeholders: string[] = shape.kinds.map((kind, index) => (kind === 'string' ? `${stringPrefix}${index}` : String(integerBase + index)));
  const substituted = withPlaceholders(document, (index) => {
    if (pinned.has(index)) return shape.slots[index]!;
    return shape.kinds[index] === 'string' ? placeholders[index]! : integerBase + index;
  });
  const slotOf = new Map(placeholders.flatMap((placeholder, index) => (pinned.has(index) ? [] : [[placeholder, index] as const])));

  let quads: RdfQuad[];
  try {
    quads = (await jsonld.toRDF(substituted as object, { ...TO_RDF_OPTIONS, documentLoader })) as RdfQuad[];
  } catch {
    // A placeholder broke a rule that a real value may keep, so the full path decides.
    return null;
  }
  if (quads.length > MAX_QUADS) return null;
  const literalUses = new Array<number>(placeholders.length).fill(0);
  const iriUses = new Array<number>(placeholders.length).fill(0);
  let intact = true;
  const templateTerm = (term: RdfTerm, position: 'node' | 'object'): TemplateTerm => {
    const slot = slotOf.get(term.value);
    const copy: TemplateTerm = { termType: term.termType, value: term.value, slot: -1 };
    if (term.datatype) copy.datatype = { termType: term.datatype.termType, value: term.datatype.value };
    if (term.language !== undefined) copy.language = term.language;
    if (term.datatype?.value.includes(nonce) || term.language?.includes(nonce)) intact = false;
    if (slot === undefined) {
      if (term.value.includes(nonce)) intact = false;
      return copy;
    }
    copy.slot = slot;
    if (term.termType === 'Literal' && position === 'object') literalUses[slot]! += 1;
    else if (term.termType === 'NamedNode') iriUses[slot]! += 1;
    else intact = false;
    return copy;
  };
  const compiled = quads.map((quad) => [
    templateTerm(quad.subject, 'node'),
    templateTerm(quad.predicate, 'node'),
    templateTerm(quad.object, 'object'),
    templateTerm(quad.graph, 'node'),
  ] as [TemplateTerm, TemplateTerm, TemplateTerm, TemplateTerm]);
  if (!intact) return null;

  const kinds: SlotKind[] = [];
  for (const [index, kind] of shape.kinds.entries()) {
    const literals = literalUses[index]!;
    const iris = iriUses[index]!;
    if (pinned.has(index)) {
      kinds.push('pinned');
    } else if (kind === 'integer') {
      if (literals !== 1 || iris !== 0) return null;
      kinds.push('integer');
    } else if (literals === 1 && iris === 0) {
      kinds.push('literal');
    } else if (literals === 0 && iris > 0) {
      kinds.push('iri');
    } else {
      return null;
    }
  }
  // Predicates come from keys expanded through the contexts. A slot there would mean a
  // value became a property, which no template can reproduce.
  if (compiled.some((quad) => quad[1].slot !== -1)) return null;
  let terms: Set<string>;
  try {
    terms = await contextTerms(document, documentLoader);
  } catch {
    // A context only this module looks for (say, inside a JSON literal) failed to load.
    return null;
  }
  // A node is merged by its IRI wherever it appears, even as a bare reference, so every
  // IRI counts here, and not only those of subjects.
  const fixedNodes = new Set<string>();
  for (const quad of compiled) {
    for (const node of [quad[0], quad[2], quad[3]]) if (node.slot === -1 && node.termType === 'NamedNode') fixedNodes.add(node.value);
  }
  const iriSlots = kinds.flatMap((kind, index) => (kind === 'iri' ? [index] : []));
  return { kinds, quads: compiled, terms, iriSlots, fixedNodes, variants: 0 };
}

/**
 * Returns the IRI slots of `template` whose values in `slots` would not expand to
 * themselves: relative IRIs, blank node labels, terms and compact IRIs.
 */
function unfitSlots(template: Template, slots: (string | number)[]): number[] {
  const unfit: number[] = [];
  for (const [index, kind] of template.kinds.entries()) {
    const value = slots[index]!;
    if (kind === 'iri' && (typeof value !== 'string' || !ABSOLUTE_IRI.test(value) || isTermOrPrefix(value, template.terms))) unfit.push(index);
  }
  return unfit;
}

/**
 * Returns the RDF quads `template` stands for with `slots`, whose IRI slots must all fit.
 * Returns `undefined` when JSON-LD could merge nodes or values: when two IRI slots, or an
 * IRI slot and a fixed IRI, get one IRI, or when two quads come out the same.
 */
function instantiate(template: Template, slots: (string | number)[]): RdfQuad[] | undefined {
  const values = template.kinds.map((kind, index) => {
    const value = slots[index]!;
    return kind === 'integer' ? (value as number).toFixed(0) : String(value);
  });
  const nodes = new Set(template.fixedNodes);
  for (const slot of template.iriSlots) {
    if (nodes.has(values[slot]!)) return undefined;
    nodes.add(values[slot]!);
  }

  const term = (source: TemplateTerm): RdfTerm => {
    const result: RdfTerm = { termType: source.termType, value: source.slot === -1 ? source.value : values[source.slot]! };
    if (source.datatype) result.datatype = source.datatype;
    if (source.language !== undefined) result.language = source.language;
    return result;
  };
  const seen = new Set<string>();
  const quads: RdfQuad[] = [];
  for (const [subject, predicate, object, graph] of template.quads) {
    const quad = { subject: term(subject), predicate: term(predicate), object: term(object), graph: term(graph) };
    const identity = JSON.stringify([quad.subject.termType, quad.subject.value, quad.predicate.value, quad.object.termType, quad.object.value, quad.object.datatype?.value, quad.object.language, quad.graph.termType, quad.graph.value]);
    if (seen.has(identity)) return undefined;
    seen.add(identity);
    quads.push(quad);
  }
  return quads;
}

/**
 * Returns the RDFC-1.0 canonical N-Quads of `document`, the string the canonicalization of
 * `jsonld-signatures` 11 gives (`jsonld.toRDF`, then `rdf-canonize`). Documents of a shape seen before skip JSON-LD
 * expansion. `documentLoader` must give the same document for a URL every time, as the
 * context caches of `jsonld` already assume.
 */
export async function canonizeDocument(document: object, documentLoader: DocumentLoader): Promise<string> {
  const shape = shapeOf(document);
  const template = shape === undefined ? null : await templateFor(document, shape, documentLoader);
  const quads = shape === undefined || template === null ? undefined : instantiate(template, shape.slots);
  if (quads !== undefined) return rdfCanonize.canonize(quads, CANONIZE_OPTIONS);
  const dataset = await jsonld.toRDF(document, { ...TO_RDF_OPTIONS, documentLoader });
  return rdfCanonize.canonize(dataset, CANONIZE_OPTIONS);
}

/**
 * Returns a 52-bit FNV-1a hash of a shape key, from two 32-bit lanes. Two keys with one
 * hash only make a shape get its template on its first sighting, so collisions do no harm.
 */
function hashKey(key: string): number {
  let low = 0x811c9dc5;
  let high = 0x811c9dc5 ^ key.length;
  for (let index = 0; index < key.length; index += 1) {
    const code = key.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code ^ (low >>> 24), 0x01000193);
  }
  return (high >>> 12) * 2 ** 32 + (low >>> 0);
}

/** Counts the templates kept for `documentLoader`, and those of them in use (not `null`). */
export function templateCount(documentLoader: DocumentLoader): { shapes: number; usable: number } {
  const templates = [...(cachesByLoader.get(documentLoader)?.templates.values() ?? [])];
  return { shapes: templates.length, usable: templates.filter((template) => template !== null).length };
}

/**
 * Returns a template every slot value of `document` fits, building and keeping it if
 * needed, or `null` when its documents take the full path. A shape gets its template the
 * second time it is seen. IRI slots holding values that do not expand to themselves (a
 * term such as `assertionMethod`, say) get a variant of the shape's template in which
 * those slots keep their values.
 */
async function templateFor(document: object, shape: Shape, documentLoader: DocumentLoader): Promise<Template | null> {
  let cache = cachesByLoader.get(documentLoader);
  if (cache === undefined) {
    cache = { templates: new Map(), seen: new Set() };
    cachesByLoader.set(documentLoader, cache);
  }
  const { templates, seen } = cache;
  const remember = (key: string, template: Template | null): void => {
    if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value!);
    templates.set(key, template);
  };

  let base = templates.get(shape.key);
  if (base === undefined) {
    const digest = hashKey(shape.key);
    if (!seen.has(digest)) {
      if (seen.size >= MAX_SEEN) seen.delete(seen.values().next().value!);
      seen.add(digest);
      return null;
    }
    seen.delete(digest);
    base = await buildTemplate(document, shape, documentLoader, new Set());
    remember(shape.key, base);
  }
  if (base === null) return null;
  const unfit = unfitSlots(base, shape.slots);
  if (unfit.length === 0) return base;

  const variantKey = `${shape.key}\u0001${JSON.stringify(unfit.map((index) => [index, shape.slots[index]]))}`;
  let variant = templates.get(variantKey);
  if (variant === undefined) {
    if (base.variants >= MAX_VARIANTS) return null;
    base.variants += 1;
    variant = await buildTemplate(document, shape, documentLoader, new Set(unfit));
    remember(variantKey, variant);
  }
  return variant !== null && unfitSlots(variant, shape.slots).length === 0 ? variant : null;
}
