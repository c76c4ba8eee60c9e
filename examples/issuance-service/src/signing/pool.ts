import { fileURLToPath } from 'node:url';

import { Piscina } from 'piscina';

/** A request to sign, as sent to a worker thread. */
export interface SignTask {
  /** The certify request as JSON text. */
  readonly payload: string;
  /** The status entries allocated for the certificate. */
  readonly credentialStatus: readonly object[];
  /** Issuance time in milliseconds. */
  readonly now: number;
}

/** What a worker returns for a {@link SignTask}. */
export type SignResult =
  | {
      ok: true;
      certificateId: string;
      /** The signed credential as JSON text. */
      credential: string;
      qrPayload: string;
      /** `evidence[0].vaccine` and `.certificateKind`, so the main thread need not parse the credential. */
      vaccine: string;
      certificateKind: string;
    }
  | {
      ok: false;
      code: string;
      message: string;
      issues: { pointer: string; message: string }[];
      /** `true` when retrying cannot help (the request is invalid). */
      permanent: boolean;
    };

/** A pool of worker threads that sign certificates with the issuer key. */
export interface SigningPool {
  sign(task: SignTask): Promise<SignResult>;
  readonly threads: number;
  close(): Promise<void>;
}

/** Options of the worker threads: the key file and the format of what they issue. */
export interface SigningOptions {
  readonly keyFile: string;
  readonly qrFormat: 'plain' | 'compact';
  readonly profile: 'full' | 'compact';
}

/** Starts `threads` worker threads; each loads the key from `keyFile`. */
export function createSigningPool(options: SigningOptions & { threads: number }): SigningPool {
  const piscina = new Piscina({
    filename: fileURLToPath(new URL('./worker.js', import.meta.url)),
    minThreads: options.threads,
    maxThreads: options.threads,
    workerData: { keyFile: options.keyFile, qrFormat: options.qrFormat, profile: options.profile } satisfies SigningOptions,
  });
  return {
    threads: options.threads,
    sign: (task) => piscina.run(task) as Promise<SignResult>,
    close: () => piscina.destroy(),
  };
}
