// Base58 with the Bitcoin alphabet, the `z` encoding of multibase. The compact format
// stores `z…` values (proof values, key fingerprints) as the bytes they encode.
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const VALUES = new Map([...ALPHABET].map((character, index) => [character, index]));

/** Encodes bytes as base58btc text (without the multibase `z`). */
export function encodeBase58(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;

  // Base-58 digits, least significant first.
  const digits: number[] = [];
  for (let index = zeros; index < bytes.length; index++) {
    let carry = bytes[index]!;
    for (let position = 0; position < digits.length; position++) {
      carry += digits[position]! * 256;
      digits[position] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let text = '1'.repeat(zeros);
  for (let position = digits.length - 1; position >= 0; position--) text += ALPHABET[digits[position]!];
  return text;
}

/** Decodes base58btc text (without the multibase `z`); returns `undefined` for a character outside the alphabet. */
export function decodeBase58(text: string): Uint8Array | undefined {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;

  // Bytes, least significant first.
  const bytes: number[] = [];
  for (let index = zeros; index < text.length; index++) {
    const value = VALUES.get(text[index]!);
    if (value === undefined) return undefined;
    let carry = value;
    for (let position = 0; position < bytes.length; position++) {
      carry += bytes[position]! * 58;
      bytes[position] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const result = new Uint8Array(zeros + bytes.length);
  for (let position = 0; position < bytes.length; position++) {
    result[result.length - 1 - position] = bytes[position]!;
  }
  return result;
}
