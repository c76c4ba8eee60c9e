// Declarations of the untyped modules that only the tests use.

declare module 'jsonld' {
  const jsonld: {
    canonize(input: object, options: Record<string, unknown>): Promise<string>;
  };
  export default jsonld;
}
