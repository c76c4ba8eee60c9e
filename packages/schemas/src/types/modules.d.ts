declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
  export const CONTEXT_URL: string;
}

declare module 'did-context' {
  const didContext: { contexts: Map<string, unknown>; constants: Record<string, string> };
  export default didContext;
}

declare module 'ed25519-signature-2020-context' {
  const ed25519Context: { CONTEXT_URL: string; CONTEXT: unknown };
  export default ed25519Context;
}

declare module 'jsonld' {
  const jsonld: {
    toRDF(input: object, options: Record<string, unknown>): Promise<unknown>;
    canonize(input: object, options: Record<string, unknown>): Promise<string>;
    url: { prependBase(base: string | null, iri: string): string };
  };
  export default jsonld;
}

declare module 'rdf-canonize' {
  export function canonize(input: unknown, options: { algorithm: string }): Promise<string>;
}
