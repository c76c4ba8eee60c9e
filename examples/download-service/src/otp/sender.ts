/** Delivers one-time passwords. SMS and e-mail gateways implement this interface. */
export interface OtpSender {
  /**
   * Sends a one-time password to a mobile number. Rejects when the gateway fails. The
   * service logs the failure and responds to the citizen as if the message had been sent.
   */
  send(message: { mobile: string; otp: string; validForSeconds: number }): Promise<void>;
}

/** Masks all but the last 4 digits of a mobile number, for logs. */
export function maskMobile(mobile: string): string {
  return `${'X'.repeat(Math.max(0, mobile.length - 4))}${mobile.slice(-4)}`;
}

/**
 * Development sender that writes the one-time password to a stream (stderr by default). It
 * prints the secret in clear text, so never use it in production.
 */
export class ConsoleOtpSender implements OtpSender {
  readonly #write: (line: string) => void;

  constructor(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
    this.#write = write;
  }

  async send(message: { mobile: string; otp: string; validForSeconds: number }): Promise<void> {
    this.#write(
      `development OTP for ${maskMobile(message.mobile)}: ${message.otp} (valid ${message.validForSeconds} s)`,
    );
  }
}

/** Sender that keeps the last password per number in memory, for tests and demos. */
export class MemoryOtpSender implements OtpSender {
  readonly sent = new Map<string, string>();

  async send(message: { mobile: string; otp: string }): Promise<void> {
    this.sent.set(message.mobile, message.otp);
  }
}
