const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUES = new Map([...ALPHABET].map((character, index) => [character, index]));

/** Reason a base45 string is invalid. */
export type Base45Error = 'character' | 'length' | 'overflow';

/**
 * Decodes base45 (RFC 9285) strictly: characters outside the alphabet, a length of 3n+1
 * and groups whose value exceeds 65535 (or 255 for a final pair) are errors. Works in
 * browsers (no `Buffer`).
 */
export function decodeBase45(text: string): { bytes: Uint8Array } | { error: Base45Error; offset: number } {
  if (text.length % 3 === 1) return { error: 'length', offset: text.length - 1 };
  const bytes = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let out = 0;
  for (let offset = 0; offset < text.length; offset += 3) {
    const group = text.slice(offset, offset + 3);
    let value = 0;
    let weight = 1;
    for (let index = 0; index < group.length; index++) {
      const digit = VALUES.get(group[index]!);
      if (digit === undefined) return { error: 'character', offset: offset + index };
      value += digit * weight;
      weight *= 45;
    }
    if (group.length === 3) {
      if (value > 0xffff) return { error: 'overflow', offset };
      bytes[out++] = value >> 8;
      bytes[out++] = value & 0xff;
    } else {
      if (value > 0xff) return { error: 'overflow', offset };
      bytes[out++] = value;
    }
  }
  return { bytes };
}
