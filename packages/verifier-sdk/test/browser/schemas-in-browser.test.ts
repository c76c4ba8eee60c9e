import { describe, expect, it } from 'vitest';

import { bundleForBrowser, runInBrowser } from './harness.js';

// Runs in Chromium: the document loader and the credential schema of @vaxcert/schemas, which
// the verifier depends on, must work there without Node.js built-ins.
const schemasEntry = `
  import { checkCredentialShape, createDocumentLoader } from '@vaxcert/schemas';

  export default async () => {
    const loader = createDocumentLoader();
    const bundled = await loader('https://www.w3.org/ns/credentials/v2');
    const rejection = await loader('https://example.com/contexts/unknown').then(
      () => undefined,
      (error) => ({ name: error.name, code: error.code, url: error.url }),
    );
    const issues = checkCredentialShape({});
    return {
      bundledUrl: bundled.documentUrl,
      bundledHasContext: typeof bundled.document['@context'] === 'object',
      rejection,
      issueCount: issues.length,
      issuePointers: issues.map((issue) => issue.pointer),
      userAgent: navigator.userAgent,
    };
  };
`;

interface SchemasResult {
  bundledUrl: string;
  bundledHasContext: boolean;
  rejection: { name: string; code: string; url: string } | undefined;
  issueCount: number;
  issuePointers: string[];
  userAgent: string;
}

describe('@vaxcert/schemas in Chromium', () => {
  it('serves bundled contexts and checks shapes', async () => {
    const result = await runInBrowser<SchemasResult>({
      entrySource: schemasEntry,
      resolveDir: import.meta.dirname,
    });

    expect(result.userAgent).toContain('HeadlessChrome');
    expect(result.bundledUrl).toBe('https://www.w3.org/ns/credentials/v2');
    expect(result.bundledHasContext).toBe(true);
    expect(result.rejection).toEqual({
      name: 'DocumentNotBundledError',
      code: 'ERR_DOCUMENT_NOT_BUNDLED',
      url: 'https://example.com/contexts/unknown',
    });
    expect(result.issueCount).toBeGreaterThan(0);
    expect(result.issuePointers).toContain('/@context');
  });
});

describe('browser harness', () => {
  it('rejects a bundle that imports a Node.js built-in', async () => {
    const entrySource = `
      import { readFileSync } from 'node:fs';
      export default async () => typeof readFileSync;
    `;

    const bundle = bundleForBrowser({ entrySource, resolveDir: import.meta.dirname });

    await expect(bundle).rejects.toThrow(/"node:fs".*Node\.js built-in module/);
  });

  it('fails a run whose page fetches another origin', async () => {
    const entrySource = `
      export default async () => {
        const outcome = await fetch('http://status-list.invalid/list').then(
          () => 'fetched',
          () => 'failed',
        );
        return { outcome };
      };
    `;

    await expect(runInBrowser({ entrySource, resolveDir: import.meta.dirname })).rejects.toThrow(
      'the page tried to reach the network: http://status-list.invalid/list',
    );
  });

  it('reports an error thrown by the entry', async () => {
    const entrySource = `
      export default async () => {
        throw new Error('entry failed on purpose');
      };
    `;

    await expect(runInBrowser({ entrySource, resolveDir: import.meta.dirname })).rejects.toThrow(
      /running the entry in Chromium failed: .*entry failed on purpose/,
    );
  });
});
