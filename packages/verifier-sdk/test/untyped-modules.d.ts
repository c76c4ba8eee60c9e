// Declarations of the untyped modules that only the tests use.

declare module 'base45' {
  export function encode(input: Uint8Array | string): string;
  export function decode(input: string): Uint8Array;
}

declare module 'jpeg-js/lib/encoder.js' {
  export default function encode(
    image: { data: Uint8Array | Uint8ClampedArray; width: number; height: number },
    quality: number,
  ): { data: Uint8Array; width: number; height: number };
}
