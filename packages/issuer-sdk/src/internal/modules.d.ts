declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export interface ExportedKey {
    '@context'?: string;
    id?: string;
    type: 'Ed25519VerificationKey2020';
    controller?: string;
    publicKeyMultibase: string;
    privateKeyMultibase?: string;
    revoked?: string;
  }
  export class Ed25519VerificationKey2020 {
    id: string;
    controller: string;
    type: string;
    publicKeyMultibase: string;
    privateKeyMultibase?: string;
    revoked?: string;
    static generate(options?: { seed?: Uint8Array; id?: string; controller?: string }): Promise<Ed25519VerificationKey2020>;
    static from(options: ExportedKey): Promise<Ed25519VerificationKey2020>;
    fingerprint(): string;
    export(options?: { publicKey?: boolean; privateKey?: boolean; includeContext?: boolean }): ExportedKey;
    signer(): { id: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): { id: string; algorithm: string; verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
  }
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; verificationMethod?: string; date?: Date | string });
    date?: Date | string;
    canonize(input: object, options: { documentLoader: (url: string) => Promise<unknown>; skipExpansion?: boolean }): Promise<string>;
  }
  export const suiteContext: { CONTEXT_URL: string; CONTEXT: unknown };
}

declare module '@digitalbazaar/vc' {
  export function issue(options: {
    credential: unknown;
    suite: unknown;
    documentLoader: (url: string) => Promise<unknown>;
    now?: Date | string;
  }): Promise<Record<string, unknown>>;
}

declare module 'base45' {
  export function encode(input: Uint8Array | string): string;
  export function decode(input: string): Uint8Array;
}

declare module 'base58-universal' {
  export function decode(input: string): Uint8Array;
  export function encode(input: Uint8Array): string;
}
