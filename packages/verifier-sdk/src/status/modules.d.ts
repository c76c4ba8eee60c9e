// Types for the parts of @digitalbazaar/vc 7.x and @digitalbazaar/vc-bitstring-status-list 2.x
// that status checks use; both packages ship JavaScript only. The '@digitalbazaar/vc' block
// merges with the other declarations of that module in this package. The status list block
// matches the one in the issuer SDK, because the verifier's tests compile issuer sources.
declare module '@digitalbazaar/vc' {
  export function verifyCredential(options: {
    credential: unknown;
    suite: unknown;
    documentLoader: (url: string) => Promise<unknown>;
    now?: Date | string;
  }): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    constructor(options: { length?: number; buffer?: Uint8Array });
    readonly length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    /** Returns `u` followed by the base64url encoding of the GZIP-compressed bits. */
    encode(): Promise<string>;
    /** Decodes `u` + base64url(GZIP(bits)); rejects other multibase prefixes. */
    static decode(options: { encodedList: string }): Promise<BitstringStatusList>;
  }
  export function createCredential(options: {
    id: string;
    list: BitstringStatusList;
    statusPurpose: string;
    context?: string[];
  }): Promise<{
    '@context': string[];
    id: string;
    type: string[];
    credentialSubject: { id: string; type: 'BitstringStatusList'; encodedList: string; statusPurpose: string };
  }>;
}
