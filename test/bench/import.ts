/**
 * Throughput of `account import`: rows per second for a generated CSV, through the real CLI
 * binary in a child process against DynamoDB in this process (embedded dynalite, or the
 * endpoint in DYNAMODB_ENDPOINT, e.g. AWS DynamoDB Local). Prints figures, asserts nothing.
 *
 *   npm run bench:import -- [rows=5000]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDocumentClient } from '../../lambdas/adapters/dynamo-client.js';
import { DynamoDirectoryStore } from '../../lambdas/adapters/dynamo-directory.js';
import { ensureTables } from '../../lambdas/adapters/tables.js';
import { startEmbeddedDynamo } from '../../lambdas/dev/embedded-dynamodb.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const rows = Number(process.argv[2] ?? 5000);
if (!Number.isInteger(rows) || rows < 1) throw new Error(`rows must be a positive integer, got ${process.argv[2]}`);

const embedded = process.env.DYNAMODB_ENDPOINT ? undefined : await startEmbeddedDynamo({ port: 0 });
const endpoint = process.env.DYNAMODB_ENDPOINT ?? embedded!.endpoint;
const suffix = Date.now().toString(36);
const tables = {
  directory: `bench-directory-${suffix}`,
  login: `bench-login-${suffix}`,
  sessions: `bench-sessions-${suffix}`,
  events: `bench-events-${suffix}`,
};
const doc = createDocumentClient({ endpoint });
await ensureTables(doc, tables);
await new DynamoDirectoryStore(doc, tables.directory).createTenant(
  { subdomain: 'bench', name: 'Bench', issuer: 'https://bench.okta.com', clientId: '0oabench000000000001', domains: [] },
  new Date(),
);

const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
const file = join(dir, 'accounts.csv');
writeFileSync(file, 'email,name\n' + Array.from({ length: rows }, (_, i) => `user${i}@bench.example.com,User ${i}`).join('\n') + '\n');

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = {
  ...process.env,
  DYNAMODB_ENDPOINT: endpoint,
  DIRECTORY_TABLE: tables.directory,
  LOGIN_TABLE: tables.login,
  SESSION_TABLE: tables.sessions,
};
async function timedImport(): Promise<{ seconds: number; summary: string }> {
  const started = process.hrtime.bigint();
  const { stdout } = await promisify(execFile)(
    join(root, 'node_modules/.bin/tsx'),
    [join(root, 'bin/cli.ts'), 'account', 'import', '--tenant', 'bench', file],
    { env, cwd: root },
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, summary: stdout.trim() };
}

// Wall-clock time of the whole command, start-up of tsx and the SDK (about a second) included.
console.log(`DynamoDB at ${endpoint}${embedded ? ' (embedded dynalite)' : ''}, ${rows} rows`);
for (const label of ['first import (all new)', 'second import (all present)']) {
  const { seconds, summary } = await timedImport();
  console.log(`${label.padEnd(28)} ${seconds.toFixed(2)} s  ${Math.round(rows / seconds)} rows/s   ${summary}`);
}

rmSync(dir, { recursive: true, force: true });
doc.destroy();
await embedded?.close();
