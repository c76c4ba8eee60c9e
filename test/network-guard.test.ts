import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import dns, { lookup as importedLookup } from 'node:dns';
import { once } from 'node:events';
import http from 'node:http';
import net, { type LookupFunction } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  isLoopbackHost,
  NetworkAccessBlockedError,
  takeNetworkViolations,
} from './network-guard.js';

// Every blocked attempt below names a host under the reserved .invalid domain and carries a
// `lookup` that maps it to 127.0.0.1. If a guard failed, the attempt would reach the local
// listener of the test, which records it, and never another machine.
const blockedHost = 'guard-test.invalid';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const lookupToLoopback = ((_hostname, options, callback) => {
  if (typeof options === 'object' && options !== null && 'all' in options && options.all === true) {
    callback(null, [{ address: '127.0.0.1', family: 4 }]);
  } else {
    callback(null, '127.0.0.1', 4);
  }
}) as LookupFunction;

const udpLookupToLoopback: dgram.SocketOptions['lookup'] = (_hostname, _options, callback) => {
  callback(null, '127.0.0.1', 4);
};

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['128.0.0.1', false],
    ['10.0.0.1', false],
    ['192.168.1.1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['::ffff:10.0.0.1', false],
    ['fe80::1', false],
    ['example.com', false],
    ['localhost.example.com', false],
    ['127.0.0.1.example.com', false],
  ])('classifies %s as loopback: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('network guard', () => {
  let server: net.Server;
  let port: number;
  let acceptedConnections: number;

  beforeEach(async () => {
    acceptedConnections = 0;
    server = http.createServer((_request, response) => response.end('local'));
    server.on('connection', () => {
      acceptedConnections += 1;
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as net.AddressInfo).port;
  });

  afterEach(async () => {
    server.close();
    await once(server, 'close');
  });

  it('blocks a TCP connection to another host', () => {
    const attempt = () => net.connect({ host: blockedHost, port, lookup: lookupToLoopback });

    expect(attempt).toThrow(NetworkAccessBlockedError);
    expect(takeNetworkViolations()).toEqual([{ api: 'TCP connection', host: blockedHost }]);
    expect(acceptedConnections).toBe(0);
  });

  it('blocks an http request to another host', () => {
    const attempt = () => http.get({ host: blockedHost, port, lookup: lookupToLoopback });

    expect(attempt).toThrow(NetworkAccessBlockedError);
    expect(takeNetworkViolations()).toEqual([{ api: 'TCP connection', host: blockedHost }]);
    expect(acceptedConnections).toBe(0);
  });

  it('blocks fetch to another host', async () => {
    const request = fetch(`http://${blockedHost}:${port}/`);

    await expect(request).rejects.toMatchObject({ code: 'ERR_NETWORK_BLOCKED', host: blockedHost });
    expect(takeNetworkViolations()).toEqual([{ api: 'fetch', host: blockedHost }]);
    expect(acceptedConnections).toBe(0);
  });

  it('allows fetch and http to loopback', async () => {
    const viaFetch = await fetch(`http://127.0.0.1:${port}/`);
    const viaLocalhost = await fetch(`http://localhost:${port}/`);

    expect(await viaFetch.text()).toBe('local');
    expect(await viaLocalhost.text()).toBe('local');
    expect(takeNetworkViolations()).toEqual([]);
  });

  it('allows a Unix domain socket path', () => {
    const socket = new net.Socket();
    const attempt = () => socket.connect({ path: join(root, 'no-such-socket') });

    socket.on('error', () => undefined);
    expect(attempt).not.toThrow();
    expect(takeNetworkViolations()).toEqual([]);
    socket.destroy();
  });

  it('blocks a UDP datagram to another host', async () => {
    const receiver = dgram.createSocket('udp4');
    let received = 0;
    receiver.on('message', () => {
      received += 1;
    });
    receiver.bind(0, '127.0.0.1');
    await once(receiver, 'listening');
    const sender = dgram.createSocket({ type: 'udp4', lookup: udpLookupToLoopback });
    const udpPort = receiver.address().port;

    try {
      expect(() => sender.send('probe', udpPort, blockedHost)).toThrow(NetworkAccessBlockedError);
      expect(() => sender.connect(udpPort, blockedHost)).toThrow(NetworkAccessBlockedError);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received).toBe(0);
      expect(takeNetworkViolations().map(({ api }) => api)).toEqual(['UDP send', 'UDP connect']);
    } finally {
      sender.close();
      receiver.close();
    }
  });

  it('blocks DNS lookups of other hosts', async () => {
    // Node.js resolves an IP literal without querying a DNS server, so the guard is
    // checked here without a query even if it failed.
    const address = '192.0.2.1';
    const callbackError = await new Promise<unknown>((resolve) => {
      dns.lookup(address, (error) => resolve(error));
    });

    const importedError = await new Promise<unknown>((resolve) => {
      importedLookup(address, (error) => resolve(error));
    });

    expect(callbackError).toBeInstanceOf(NetworkAccessBlockedError);
    expect(importedError).toBeInstanceOf(NetworkAccessBlockedError);
    await expect(dns.promises.lookup(address)).rejects.toBeInstanceOf(NetworkAccessBlockedError);
    expect(takeNetworkViolations().map(({ api }) => api)).toEqual([
      'dns.lookup',
      'dns.lookup',
      'dns.promises.lookup',
    ]);
  });

  it('blocks resolver queries for other hosts', async () => {
    const nameServer = dgram.createSocket('udp4');
    let queries = 0;
    nameServer.on('message', () => {
      queries += 1;
    });
    nameServer.bind(0, '127.0.0.1');
    await once(nameServer, 'listening');
    const resolver = new dns.promises.Resolver({ timeout: 200, tries: 1 });
    resolver.setServers([`127.0.0.1:${nameServer.address().port}`]);

    try {
      const query = resolver.resolve4(blockedHost);

      await expect(query).rejects.toBeInstanceOf(NetworkAccessBlockedError);
      expect(queries).toBe(0);
      expect(takeNetworkViolations()).toEqual([
        { api: 'dns.promises.Resolver.resolve4', host: blockedHost },
      ]);
    } finally {
      nameServer.close();
    }
  });

  it('fails a test that swallows the blocked error', () => {
    const fixtureConfig = join(root, 'test', 'fixtures', 'vitest.fixture.config.ts');
    const vitest = join(root, 'node_modules', '.bin', 'vitest');
    const result = spawnSync(vitest, ['run', '--config', fixtureConfig, '--reporter', 'basic'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CI: '', FORCE_COLOR: '0' },
      timeout: 25_000,
    });
    const output = `${result.stdout}${result.stderr}`;

    expect(result.status, output).toBe(1);
    expect(output).toContain('this test tried to reach the network');
    expect(output).toContain(`fetch to "${blockedHost}"`);
  });
});
