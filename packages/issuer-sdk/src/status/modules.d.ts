// Types for the part of @digitalbazaar/vc-bitstring-status-list 2.x the SDK uses; the package
// ships JavaScript only. The verifier SDK declares the same module identically.
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
