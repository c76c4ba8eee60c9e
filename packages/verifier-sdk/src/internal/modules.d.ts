declare module 'jpeg-js/lib/decoder.js' {
  export default function decode(
    data: Uint8Array,
    options: {
      useTArray: true;
      formatAsRGBA: true;
      maxResolutionInMP?: number;
      maxMemoryUsageInMB?: number;
    },
  ): { width: number; height: number; data: Uint8Array };
}

declare module 'jsonld-signatures' {
  const jsigs: {
    verify(
      document: unknown,
      options: { suite: unknown; purpose: unknown; documentLoader: (url: string) => Promise<unknown> },
    ): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
    extendContextLoader(documentLoader: (url: string) => Promise<unknown>): (url: string) => Promise<{ document: unknown }>;
  };
  export default jsigs;
}

declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export class Ed25519VerificationKey2020 {
    static from(options: {
      id: string;
      type: string;
      controller: string;
      publicKeyMultibase: string;
    }): Promise<Ed25519VerificationKey2020>;
    verifier(): {
      id: string;
      algorithm: string;
      verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
  }
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; verificationMethod?: string });
    canonizeProof(proof: Record<string, unknown>, options: { document: Record<string, unknown>; documentLoader: unknown }): Promise<string>;
    createVerifyData(options: { document: unknown; proof: unknown; documentLoader: unknown }): Promise<Uint8Array>;
  }
  export const suiteContext: { CONTEXT_URL: string; CONTEXT: unknown };
}

declare module '@digitalbazaar/vc' {
  export class CredentialIssuancePurpose {
    constructor(options?: { controller?: unknown; date?: Date });
  }
}
