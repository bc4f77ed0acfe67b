import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lambdas/core/config.js';
import type { Handlers } from '../../lambdas/dev/http-adapter.js';
import { appListener } from '../../lambdas/dev/server.js';

/** Sends one raw HTTP/1.1 request line (Node's own client would normalise the target) and returns the status line. */
function rawStatusLine(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: demo.localhost\r\nConnection: close\r\n\r\n`),
    );
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
    socket.setTimeout(5000, () => reject(new Error(`no answer to GET ${target}`)));
  });
}

describe('the local server (npm start)', () => {
  let server: Server;
  let port: number;
  const logs: string[] = [];

  beforeAll(async () => {
    const config = loadConfig({ BASE_DOMAIN: 'localhost' });
    const handlers = {} as Handlers;
    server = createServer(appListener(config, handlers, (line) => logs.push(line)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers 400 to a request target that is no path, and keeps serving', async () => {
    expect(await rawStatusLine(port, '//')).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawStatusLine(port, '/\\')).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawStatusLine(port, '/')).toBe('HTTP/1.1 303 See Other');
  });
});
