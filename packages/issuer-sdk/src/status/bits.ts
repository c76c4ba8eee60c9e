import { randomInt } from 'node:crypto';

// Bit helpers in Bitstring Status List order: index 0 is the most significant bit of byte 0.

export function getBit(bits: Uint8Array, index: number): boolean {
  return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

/** Returns a copy of `bits` with bit `index` set to `value`. */
export function withBit(bits: Uint8Array, index: number, value: boolean): Uint8Array {
  const copy = bits.slice();
  const mask = 0x80 >> (index & 7);
  copy[index >> 3] = value ? copy[index >> 3]! | mask : copy[index >> 3]! & ~mask;
  return copy;
}

/** Random draws tried before falling back to a scan; most lists are far from full. */
const MAX_RANDOM_DRAWS = 32;

/**
 * Picks an index whose allocation bit is clear, uniformly at random among all clear bits,
 * using the CSPRNG of `node:crypto`. Random draws accept the first free index they hit, which
 * is uniform over the free indexes. When the list is nearly full the draws keep missing, so
 * the function counts the free indexes and walks to a randomly chosen one instead.
 */
export function pickFreeIndex(allocated: Uint8Array, length: number, allocatedCount: number): number {
  const free = length - allocatedCount;
  if (free <= 0) throw new RangeError('no free index left in the list');

  for (let draw = 0; draw < MAX_RANDOM_DRAWS; draw += 1) {
    const index = randomInt(length);
    if (!getBit(allocated, index)) return index;
  }

  let remaining = randomInt(free);
  for (let byteIndex = 0; byteIndex < allocated.length; byteIndex += 1) {
    const freeInByte = 8 - popcount(allocated[byteIndex]!);
    if (remaining >= freeInByte) {
      remaining -= freeInByte;
      continue;
    }
    for (let bit = 0; bit < 8; bit += 1) {
      const index = byteIndex * 8 + bit;
      if (getBit(allocated, index)) continue;
      if (remaining === 0) return index;
      remaining -= 1;
    }
  }
  throw new RangeError('allocation count does not match the allocation bits');
}

function popcount(byte: number): number {
  let count = 0;
  for (let value = byte; value !== 0; value &= value - 1) count += 1;
  return count;
}

/**
 * Picks `count` distinct indexes whose allocation bits are clear, each uniformly at random
 * among the indexes still clear, sets their bits in `allocated` and returns them.
 *
 * @throws {RangeError} when fewer than `count` indexes are free.
 */
export function takeFreeIndexes(allocated: Uint8Array, length: number, allocatedCount: number, count: number): number[] {
  if (count > length - allocatedCount) throw new RangeError(`only ${length - allocatedCount} free indexes left, ${count} requested`);

  const picked: number[] = [];
  for (let offset = 0; offset < count; offset += 1) {
    const index = pickFreeIndex(allocated, length, allocatedCount + offset);
    allocated[index >> 3] = allocated[index >> 3]! | (0x80 >> (index & 7));
    picked.push(index);
  }
  return picked;
}
