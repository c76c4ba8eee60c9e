// Declarations of the parts of untyped dependencies that the legacy verifier uses.

declare module 'jsonld' {
  const jsonld: {
    canonize(input: object, options: Record<string, unknown>): Promise<string>;
  };
  export default jsonld;
}

declare module 'vaccination-context' {
  const contexts: { vaccinationContext: unknown; vaccinationContextV2: unknown };
  export default contexts;
}

declare module 'base58-universal' {
  export function decode(input: string): Uint8Array;
  export function encode(input: Uint8Array): string;
}

declare module '@digitalbazaar/security-context' {
  const securityContexts: { contexts: Map<string, unknown> };
  export default securityContexts;
}
