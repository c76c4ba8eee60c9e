// Worker thread of the signing pool: it loads the issuer key once and signs one certify
// request per task. The main thread allocates status entries and writes the results.
import { workerData } from 'node:worker_threads';

import { IssuerError, RequestValidationError, issue, loadIssuerKey } from '@vaxcert/issuer-sdk';
import type { StatusListEntry } from '@vaxcert/schemas';

import type { SignTask, SignResult, SigningOptions } from './pool.js';

const { keyFile, qrFormat, profile } = workerData as SigningOptions;
const keyPromise = loadIssuerKey({ path: keyFile });

/** Signs one request; failures are returned, not thrown, so their codes cross the thread. */
export default async function sign(task: SignTask): Promise<SignResult> {
  const key = await keyPromise;
  try {
    const result = await issue({
      request: JSON.parse(task.payload) as unknown,
      key,
      now: new Date(task.now),
      credentialStatus: task.credentialStatus as StatusListEntry[],
      qrFormat,
      profile,
    });
    return {
      ok: true,
      certificateId: result.certificateId,
      credential: JSON.stringify(result.credential),
      qrPayload: result.qrPayload,
      vaccine: result.credential.evidence[0].vaccine,
      certificateKind: result.credential.evidence[0].certificateKind,
    };
  } catch (error) {
    if (error instanceof RequestValidationError) {
      return { ok: false, code: error.code, message: error.message, issues: [...error.issues], permanent: true };
    }
    const code = error instanceof IssuerError ? error.code : 'ERR_UNEXPECTED';
    return { ok: false, code, message: (error as Error).message, issues: [], permanent: false };
  }
}
