/**
 * Test harness that runs a module in headless Chromium, to prove that SDK code works in a
 * browser without Node.js built-ins or polyfills.
 *
 * {@link runInBrowser} bundles the entry with esbuild for the browser, serves it from a local
 * HTTP server on 127.0.0.1, opens it in Debian's Chromium through playwright-core, calls the
 * entry's default export in the page and returns its result. Every resource is closed before
 * it returns or throws.
 *
 * @example
 * const result = await runInBrowser<{ issues: number }>({
 *   entrySource: `
 *     import { checkCredentialShape } from '@vaxcert/schemas';
 *     export default async () => ({ issues: checkCredentialShape({}).length });
 *   `,
 *   resolveDir: import.meta.dirname,
 * });
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build, type Message } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';

/** Path of Debian's `chromium` package; playwright-core never downloads a browser here. */
export const chromiumExecutablePath = '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Every host but 127.0.0.1, IP literals included, fails to resolve, so Chromium's own
  // background requests cannot leave the machine either.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** Options of {@link bundleForBrowser}. */
export interface BundleOptions {
  /**
   * Source of an ES module, TypeScript or JavaScript. For {@link runInBrowser} its default
   * export must be a function that returns a JSON value or a promise of one.
   */
  readonly entrySource: string;
  /**
   * Directory that the entry's imports resolve from, as if the entry were a file in it.
   * Packages resolve through the `node_modules` folders above it, so pass a folder inside the
   * package whose dependencies the entry imports, for example `import.meta.dirname`.
   */
  readonly resolveDir: string;
}

/** Options of {@link runInBrowser}. */
export interface RunInBrowserOptions extends BundleOptions {
  /** Time limit in milliseconds for loading the page and running the entry. Default 20000. */
  readonly timeoutMs?: number;
}

/**
 * Bundles an entry module into one ES module for the browser and returns its code.
 *
 * Packages resolve with the `browser` conditions and `browser` fields, as a browser bundler
 * does. Nothing is polyfilled, so the build fails with an `Error` naming the module when the
 * entry pulls in a Node.js built-in, directly or through a dependency.
 */
export async function bundleForBrowser(options: BundleOptions): Promise<string> {
  try {
    const result = await build({
      stdin: {
        contents: options.entrySource,
        resolveDir: options.resolveDir,
        sourcefile: 'browser-entry.ts',
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const output = result.outputFiles[0];
    if (output === undefined) throw new Error('esbuild returned no output file');
    return output.text;
  } catch (error) {
    const messages = (error as { errors?: Message[] }).errors;
    if (messages === undefined) throw error;
    throw new Error(`browser bundle failed:\n${messages.map(describeBuildError).join('\n')}`, {
      cause: error,
    });
  }
}

function describeBuildError(message: Message): string {
  const where = message.location
    ? `${message.location.file}:${message.location.line}:${message.location.column}`
    : '(no location)';
  const isBuiltin = message.notes.some((note) => note.text.includes('built into node'));
  const text = isBuiltin
    ? `${message.text}: it is a Node.js built-in module, which the browser does not provide ` +
      'and the harness does not polyfill'
    : message.text;
  return `  ${where}: ${text}`;
}

/** Starts an HTTP server on 127.0.0.1 that serves a blank page and the bundle. */
async function serveBundle(bundle: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><meta charset="utf-8"><title>vaxcert browser test</title>');
    } else if (request.url === '/entry.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(bundle);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumExecutablePath)) {
    throw new Error(
      `Chromium not found at ${chromiumExecutablePath}: install Debian's package with ` +
        '`apt-get install -y chromium` (.ci/run installs it when missing)',
    );
  }
  // launch() gives every browser a new temporary profile and deletes it on close().
  return chromium.launch({ executablePath: chromiumExecutablePath, args: chromiumArgs });
}

/** Rejects after `timeoutMs` unless `work` settles first. */
async function withTimeout<T>(work: Promise<T>, timeoutMs: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${operation} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Passed as a string so that the test runner's transform cannot inject helpers that the page
// lacks. The result crosses over as JSON text, which keeps JSON semantics exact.
const callEntry = `(async () => {
  const entry = await import('/entry.js');
  if (typeof entry.default !== 'function') {
    throw new TypeError('the entry module must have a default export that is a function');
  }
  return JSON.stringify(await entry.default());
})()`;

/**
 * Runs an entry module in headless Chromium and returns the JSON value that its default export
 * returns.
 *
 * Requests from the page to any origin other than the local server are aborted, and the run
 * then fails, so the code under test cannot reach the network. The returned promise rejects
 * when the bundle fails (see {@link bundleForBrowser}), when Chromium is not installed, when
 * the default export throws or returns `undefined`, when the page raises an uncaught error,
 * and when the run exceeds `timeoutMs`.
 */
export async function runInBrowser<T = unknown>(options: RunInBrowserOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const bundle = await bundleForBrowser(options);
  const { server, origin } = await serveBundle(bundle);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext();
    const blockedRequests: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      blockedRequests.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${origin}/`, { timeout: timeoutMs });
    let json: string | undefined;
    try {
      const evaluation = page.evaluate<string | undefined>(callEntry);
      json = await withTimeout(evaluation, timeoutMs, 'the entry');
    } catch (error) {
      let message = `running the entry in Chromium failed: ${(error as Error).message}`;
      if (pageErrors.length > 0) {
        message += `\nuncaught errors in the page: ${pageErrors.join('; ')}`;
      }
      throw new Error(message, { cause: error });
    }

    if (blockedRequests.length > 0) {
      throw new Error(`the page tried to reach the network: ${blockedRequests.join(', ')}`);
    }
    if (pageErrors.length > 0) {
      throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
    }
    if (json === undefined) {
      throw new Error('the entry returned undefined; return a JSON value');
    }
    return JSON.parse(json) as T;
  } finally {
    await browser?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
