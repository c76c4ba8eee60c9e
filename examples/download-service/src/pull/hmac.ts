import { createHmac, timingSafeEqual } from 'node:crypto';

/** Name of the request header that carries base64 HMAC-SHA256 of the raw request body. */
export const HMAC_HEADER = 'x-digilocker-hmac';

/** Returns base64 HMAC-SHA256 of a body, as a partner computes it. */
export function signBody(secret: Uint8Array, body: Uint8Array): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/**
 * Checks the HMAC header of a request in constant time. The decoded header must be exactly 32
 * bytes. `timingSafeEqual` then compares it with the expected digest, so the time taken does
 * not depend on how many leading bytes match.
 */
export function isValidHmac(secret: Uint8Array, body: Uint8Array, header: string | undefined): boolean {
  if (typeof header !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(header)) return false;
  const received = Buffer.from(header, 'base64');
  const expected = createHmac('sha256', secret).update(body).digest();
  if (received.length !== expected.length) return false;
  return timingSafeEqual(received, expected);
}
