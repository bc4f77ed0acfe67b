/**
 * The embedded DynamoDB of `npm start` and the tests: dynalite, in this process, on
 * loopback. It lacks transactions and UpdateTimeToLive, which is why the stores use neither.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface DynaliteOptions {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

// dynalite is CommonJS without type declarations.
const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: DynaliteOptions) => Server;

export interface EmbeddedDynamo {
  /** e.g. `http://127.0.0.1:41234` */
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite on 127.0.0.1. `port` 0 (the default) picks a free one. `path` keeps the
 * data in that folder across runs; only one server may use a folder at a time.
 */
export async function startEmbeddedDynamo(opts: { port?: number; path?: string } = {}): Promise<EmbeddedDynamo> {
  if (opts.path) mkdirSync(opts.path, { recursive: true });
  // Tables become ACTIVE at once instead of after dynalite's default half second.
  const server = dynalite({ path: opts.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        // Clients keep connections alive; without this, close waits for them to time out.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
      return closed;
    },
  };
}
