/**
 * The self-test reads an org's answers with a byte cap: a server that sends an endless body
 * (or one far over 1 MB) costs at most the cap, not the whole timeout and the Lambda's memory.
 * A real HTTP server on loopback streams the body.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson } from '../../lambdas/adapters/self-test-http.js';

let server: Server;
let origin: string;
/** Bytes the endless answer has written, and whether the client let its connection go. */
const endless = { written: 0, closed: false };

beforeAll(async () => {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  server = createServer((req, res) => {
    if (req.url === '/small') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"issuer":"x"}');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"issuer":"');
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) endless.written += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => (endless.closed = true));
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

const deps = { fetch: globalThis.fetch, timeoutMs: 8000, allowLoopback: true };

describe('fetchJson (the self-test)', () => {
  it('stops reading an endless body at the cap and answers without a body', async () => {
    const res = await fetchJson(`${origin}/endless`, {}, deps);
    expect(res).toMatchObject({ status: 200, body: undefined });
    await expect.poll(() => endless.closed, { timeout: 2000 }).toBe(true);
    expect(endless.written).toBeLessThan(64 * 1024 * 1024);
  });

  it('still reads a small JSON answer', async () => {
    expect(await fetchJson(`${origin}/small`, {}, deps)).toMatchObject({ status: 200, body: { issuer: 'x' } });
  });
});
