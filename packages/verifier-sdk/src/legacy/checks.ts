import type { CheckCode, VerificationCheck, VerificationStatus } from '../result.js';

/** Marks the end of verification: the status of the result, set by the check that failed. */
export class StepFailed {
  readonly status: VerificationStatus;

  constructor(status: VerificationStatus) {
    this.status = status;
  }
}

/** Ordered list of the checks that ran. */
export class CheckLog {
  readonly checks: VerificationCheck[] = [];

  pass(code: CheckCode, message: string): void {
    this.checks.push({ code, passed: true, message });
  }

  /** Records a failed check and returns the failure that ends verification. */
  fail(status: VerificationStatus, code: CheckCode, message: string, pointer?: string): StepFailed {
    const check: VerificationCheck = { code, passed: false, message };
    this.checks.push(pointer === undefined ? check : { ...check, pointer });
    return new StepFailed(status);
  }
}
