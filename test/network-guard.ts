/**
 * Vitest setup file that blocks network access to anything but the loopback interface.
 *
 * Tests run offline: an SDK that fetched a context, a key or a status list during a test would
 * pass here and fail for users without network access. Every attempt to reach a host other than
 * `localhost`, `127.0.0.0/8` or `::1` throws a {@link NetworkAccessBlockedError} at the call
 * site and is recorded. The `afterEach` and `afterAll` hooks below then fail the test (or the
 * file) even when the code under test caught the error, for example a status check that turns a
 * failed fetch into `status_unknown`.
 *
 * Guarded entry points, in this process only:
 * - `net.Socket.prototype.connect`, which carries TCP and TLS connections from `net`, `tls`,
 *   `http`, `https`, `http2` and the `fetch` built into Node.js;
 * - `globalThis.fetch`, so a blocked fetch names its URL;
 * - `dgram.Socket.prototype.connect` and `send` (UDP);
 * - `dns.lookup`, the `dns.resolve*` functions and `dns.Resolver` methods, both the callback and
 *   the promise API, so a blocked name never reaches the system resolver.
 *
 * Unix domain sockets and pipes stay allowed, because they never leave the machine.
 *
 * NOTE: child processes and worker threads started by a test are not guarded. A test that
 * starts a browser must block its requests itself, as the verifier's browser harness does.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { afterAll, afterEach } from 'vitest';

/** Error thrown when code under test tries to reach a host other than the loopback interface. */
export class NetworkAccessBlockedError extends Error {
  override readonly name = 'NetworkAccessBlockedError';
  readonly code = 'ERR_NETWORK_BLOCKED';
  /** The host that was requested, as passed by the caller. */
  readonly host: string;

  constructor(api: string, host: string) {
    super(
      `${api} to "${host}" was blocked: tests may only reach localhost, 127.0.0.0/8 or ::1. ` +
        'Serve the resource from a local server or pass it in through the API under test.',
    );
    this.host = host;
  }
}

/** One blocked attempt, kept until a hook reports it or {@link takeNetworkViolations} clears it. */
export interface NetworkViolation {
  readonly api: string;
  readonly host: string;
}

// The list lives on globalThis so that every copy of this module in a worker shares it.
const violationsKey = Symbol.for('vaxcert.test.networkViolations');
const installedKey = Symbol.for('vaxcert.test.networkGuardInstalled');
type GuardGlobals = typeof globalThis & {
  [violationsKey]?: NetworkViolation[];
  [installedKey]?: boolean;
};
const guardGlobals = globalThis as GuardGlobals;
const violations = (guardGlobals[violationsKey] ??= []);

/**
 * Returns the blocked attempts recorded since the last call and clears them, so that a test
 * which expects a blocked attempt is not failed by the `afterEach` hook.
 */
export function takeNetworkViolations(): NetworkViolation[] {
  return violations.splice(0, violations.length);
}

/**
 * Returns whether a host is on the loopback interface: the name `localhost`, an IPv4 address in
 * 127.0.0.0/8, `::1`, or an IPv4-mapped IPv6 form of 127.0.0.0/8. IPv6 brackets are accepted.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (name === 'localhost' || name === 'localhost.') return true;
  if (net.isIPv4(name)) return name.startsWith('127.');
  if (!net.isIPv6(name)) return false;

  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
  if (mapped?.[1] !== undefined) return mapped[1].startsWith('127.');
  const expanded = expandIPv6(name);
  return expanded === '0:0:0:0:0:0:0:1';
}

function expandIPv6(address: string): string {
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tailGroups];
  return groups.map((group) => Number.parseInt(group, 16).toString(16)).join(':');
}

/** Records a blocked attempt and returns its error, or returns `undefined` for a loopback host. */
function blockUnlessLoopback(api: string, host: string): NetworkAccessBlockedError | undefined {
  if (isLoopbackHost(host)) return undefined;
  violations.push({ api, host });
  return new NetworkAccessBlockedError(api, host);
}

function checkHost(api: string, host: string): void {
  const error = blockUnlessLoopback(api, host);
  if (error !== undefined) throw error;
}

/**
 * Returns the TCP host that `net.Socket#connect` was called with, or `undefined` for a Unix
 * domain socket or pipe. `net.connect()` passes its arguments already normalized, as an array
 * whose first element is the options object.
 */
function tcpHostOf(args: unknown[]): string | undefined {
  const first: unknown = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    if (typeof options.path === 'string') return undefined;
    return typeof options.host === 'string' ? options.host : 'localhost';
  }
  // connect(path[, listener]): a string that is not a port number names a socket file.
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined;
  // connect(port[, host][, listener]); Node.js uses localhost when the host is omitted.
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

// The guards keep each original method and call it with the receiver they were called on.
type Method<Receiver, Result> = (this: Receiver, ...args: unknown[]) => Result;

function guardTcp(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below through apply()
  const connect = net.Socket.prototype.connect as Method<net.Socket, net.Socket>;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const host = tcpHostOf(args);
    if (host !== undefined) checkHost('TCP connection', host);
    return connect.apply(this, args);
  };
}

/** Returns the host of an http(s) fetch target, or `undefined` for any other URL. */
function fetchHostOf(input: Parameters<typeof fetch>[0]): string | undefined {
  const url = input instanceof Request ? input.url : String(input);
  if (!URL.canParse(url)) return undefined;
  const { protocol, hostname } = new URL(url);
  // data: and blob: URLs are read in process, without a connection.
  return protocol === 'http:' || protocol === 'https:' ? hostname : undefined;
}

function guardFetch(): void {
  const fetch = globalThis.fetch;
  globalThis.fetch = async function guardedFetch(input, init) {
    const host = fetchHostOf(input);
    if (host !== undefined) checkHost('fetch', host);
    return fetch(input, init);
  };
}

function guardUdp(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below through apply()
  const connect = dgram.Socket.prototype.connect as Method<dgram.Socket, void>;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below through apply()
  const send = dgram.Socket.prototype.send as Method<dgram.Socket, void>;
  dgram.Socket.prototype.connect = function guardedConnect(this: dgram.Socket, ...args: unknown[]) {
    // connect(port[, address][, callback]); Node.js uses the loopback address when omitted.
    if (typeof args[1] === 'string') checkHost('UDP connect', args[1]);
    connect.apply(this, args);
  };
  dgram.Socket.prototype.send = function guardedSend(this: dgram.Socket, ...args: unknown[]) {
    // send(msg[, offset, length][, port][, address][, callback]): the only string argument after
    // the message is the address. A connected socket passes none, and its connect was checked.
    for (const argument of args.slice(1)) {
      if (typeof argument === 'string') checkHost('UDP send', argument);
    }
    send.apply(this, args);
  };
}

/**
 * Replaces each DNS query function of a target (`lookup`, `lookupService`, `reverse`,
 * `resolve*`) with one that checks the name or address it is given first.
 */
function guardDnsFunctions(target: object, api: string): void {
  const record = target as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(target)) {
    const original = record[name];
    const isQuery = /^(lookup|lookupService|reverse|resolve\w*)$/.test(name);
    if (typeof original !== 'function' || !isQuery) continue;
    record[name] = function guardedDns(this: unknown, ...args: unknown[]) {
      const host = args[0];
      const error =
        typeof host === 'string' ? blockUnlessLoopback(`${api}.${name}`, host) : undefined;
      if (error === undefined) return (original as Method<unknown, unknown>).apply(this, args);

      // Fail the way the real function fails: a rejection, or an error passed to the callback.
      const callback = args.at(-1);
      if (api.includes('promises')) return Promise.reject(error);
      if (typeof callback === 'function') {
        process.nextTick(callback, error);
        return undefined;
      }
      throw error;
    };
  }
}

function guardDns(): void {
  guardDnsFunctions(dns, 'dns');
  guardDnsFunctions(dns.Resolver.prototype, 'dns.Resolver');
  guardDnsFunctions(dns.promises, 'dns.promises');
  guardDnsFunctions(dns.promises.Resolver.prototype, 'dns.promises.Resolver');
  // `import { lookup } from 'node:dns'` reads bindings that are copied from the CommonJS module.
  syncBuiltinESMExports();
}

function reportViolations(scope: string): void {
  const found = takeNetworkViolations();
  if (found.length === 0) return;
  const list = found.map(({ api, host }) => `${api} to "${host}"`).join(', ');
  throw new Error(`${scope} tried to reach the network, which tests must not do: ${list}`);
}

if (guardGlobals[installedKey] !== true) {
  guardGlobals[installedKey] = true;
  guardTcp();
  guardFetch();
  guardUdp();
  guardDns();
}

afterEach(() => reportViolations('this test'));
afterAll(() => reportViolations('this test file, outside any test,'));
