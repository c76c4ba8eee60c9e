import { bundledContexts, type JsonLdDocument } from '../contexts/bundled.js';
import { DocumentNotBundledError } from './errors.js';

/** Document returned by a JSON-LD document loader, in the shape `jsonld.js` expects. */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: JsonLdDocument;
  /**
   * `static` on bundled contexts: they never change, so `jsonld.js` may keep them in its
   * process-wide cache of processed contexts instead of processing them on every call.
   */
  tag?: 'static';
}

/** A JSON-LD document loader: resolves a URL to a document or rejects. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** Options of {@link createDocumentLoader}. */
export interface DocumentLoaderOptions {
  /**
   * Further documents to serve, keyed by URL (DID documents, verification methods, status
   * lists). They cannot replace a bundled context: that throws a `TypeError`.
   */
  readonly documents?: ReadonlyMap<string, JsonLdDocument> | Readonly<Record<string, JsonLdDocument>>;
}

const shared = bundledContexts();

function isMap(
  value: NonNullable<DocumentLoaderOptions['documents']>,
): value is ReadonlyMap<string, JsonLdDocument> {
  return value instanceof Map;
}

/**
 * Creates a document loader that serves the bundled contexts and the documents passed in,
 * and rejects every other URL with a {@link DocumentNotBundledError}. It never touches the
 * network.
 *
 * @example
 * const documentLoader = createDocumentLoader({ documents: { [didDocument.id]: didDocument } });
 * await documentLoader('https://www.w3.org/ns/credentials/v2'); // bundled copy
 * await documentLoader('https://example.com/ctx'); // rejects: ERR_DOCUMENT_NOT_BUNDLED
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  const documents = new Map(shared);
  const supplied = options.documents ?? {};
  const extra: [string, JsonLdDocument][] = isMap(supplied) ? [...supplied.entries()] : Object.entries(supplied);
  for (const [url, document] of extra) {
    if (shared.has(url)) throw new TypeError(`"${url}" is a bundled context and cannot be replaced`);
    documents.set(url, document);
  }

  return async (url: string) => {
    const document = documents.get(url);
    if (document === undefined) throw new DocumentNotBundledError(url);
    if (shared.has(url)) return { contextUrl: null, documentUrl: url, document, tag: 'static' };
    return { contextUrl: null, documentUrl: url, document };
  };
}

/** Returns the bundled document for a URL, or `undefined`. */
export function getBundledContext(url: string): JsonLdDocument | undefined {
  return shared.get(url);
}
