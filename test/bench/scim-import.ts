/**
 * Okta's SCIM import, measured: 10,000 accounts read as Okta reads them
 * (`GET /Users?startIndex=…&count=100`, 100 pages, with a bearer token from `scim token`) from
 * the real local stack over HTTP, against the embedded DynamoDB behind a counting proxy.
 * Prints the items DynamoDB read (ScannedCount of Query/Scan, one per item a GetItem found),
 * the requests, and the time of pages 1, 50 and 100. Goal: items read ≤ 3 × accounts and
 * page 100 within 2× page 1 (a page must not cost O(startIndex)).
 *
 *   npm run bench:scim -- [accounts=10000]
 */
import { createServer, request, Agent, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentClient } from '../../lambdas/adapters/dynamo-client.js';
import { DynamoDirectoryStore } from '../../lambdas/adapters/dynamo-directory.js';
import { DynamoSessionStore } from '../../lambdas/adapters/dynamo-sessions.js';
import { startEmbeddedDynamo } from '../../lambdas/dev/embedded-dynamodb.js';
import { startLocalStack } from '../../lambdas/dev/local-stack.js';
import { tableNamesFrom } from '../../lambdas/names.js';
import { inProcessCli } from '../fixtures/cli.js';
import { TestBrowser } from '../fixtures/http-client.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// One info line per request would drown the figures.
process.env.LOG_LEVEL ??= 'WARN';
const accounts = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(accounts) || accounts < 100) throw new Error(`accounts must be an integer ≥ 100, got ${process.argv[2]}`);
const PAGE = 100;

/** Forwards to DynamoDB and counts what it answers: requests by operation, items read. */
async function countingProxy(upstream: string) {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  const counts = { requests: 0, itemsRead: 0, byOperation: {} as Record<string, number> };
  const readAll = async (s: IncomingMessage) => Buffer.concat(await s.toArray());
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '?';
      const out = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent },
        (up) => {
          void readAll(up).then((answer) => {
            counts.requests++;
            counts.byOperation[operation] = (counts.byOperation[operation] ?? 0) + 1;
            try {
              const json = JSON.parse(answer.toString('utf8')) as { ScannedCount?: number; Item?: unknown };
              if (operation === 'Query' || operation === 'Scan') counts.itemsRead += json.ScannedCount ?? 0;
              if (operation === 'GetItem' && json.Item) counts.itemsRead += 1;
            } catch {
              // Not JSON: nothing to count.
            }
            res.writeHead(up.statusCode ?? 502, up.headers).end(answer);
          });
        },
      );
      out.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    reset: () => Object.assign(counts, { requests: 0, itemsRead: 0, byOperation: {} }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const embedded = await startEmbeddedDynamo({ port: 0 });
const proxy = await countingProxy(embedded.endpoint);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-scim-'));
const stack = await startLocalStack({ port: 0, dataDir, dynamodbEndpoint: proxy.endpoint });
const doc = createDocumentClient({ endpoint: embedded.endpoint });
const tables = tableNamesFrom(process.env);
const directory = new DynamoDirectoryStore(doc, tables.directory);
await directory.createTenant(
  { subdomain: 'bench', name: 'Bench', issuer: 'https://bench.okta.com', clientId: '0oabench000000000001', domains: [] },
  new Date(),
);
const cli = inProcessCli(directory, { sessions: new DynamoSessionStore(doc, tables.sessions) });
const token = (await cli(['--json', 'scim', 'token', 'bench'])).json<{ token: string }>().token;
const seeded = Date.now();
await directory.importAccounts(
  Array.from({ length: accounts }, (_, i) => ({ tenant: 'bench', email: `user${i}@bench.example.com`, name: `User ${i}` })),
  new Date(),
);
console.log(`seeded ${accounts} accounts in ${((Date.now() - seeded) / 1000).toFixed(1)} s (not counted)`);

const browser = new TestBrowser();
const headers = { authorization: `Bearer ${token}`, accept: 'application/scim+json' };
const get = (path: string) => browser.get(`${stack.origin('bench')}/scim/v2${path}`, headers);
await get('/ServiceProviderConfig'); // warm the scim function (its first request builds its clients)
proxy.reset();

const pages = Math.ceil(accounts / PAGE);
const times: number[] = [];
const seen = new Set<string>();
const started = Date.now();
for (let p = 0; p < pages; p++) {
  const t0 = performance.now();
  const res = await get(`/Users?startIndex=${p * PAGE + 1}&count=${PAGE}`);
  times.push(performance.now() - t0);
  if (res.status !== 200) throw new Error(`page ${p + 1}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  for (const r of (JSON.parse(res.body) as { Resources: { id: string }[] }).Resources) seen.add(r.id);
}
const total = Date.now() - started;
const ms = (i: number) => `${times[i - 1]!.toFixed(1)} ms`;
console.log(`import of ${accounts} accounts: ${pages} HTTP requests in ${(total / 1000).toFixed(2)} s, ${seen.size} distinct users`);
console.log(
  `DynamoDB: ${proxy.counts.requests} requests ${JSON.stringify(proxy.counts.byOperation)}, items read ${proxy.counts.itemsRead} (${(proxy.counts.itemsRead / accounts).toFixed(2)} per account; goal ≤ 3)`,
);
console.log(
  `page 1: ${ms(1)}, page ${Math.ceil(pages / 2)}: ${ms(Math.ceil(pages / 2))}, page ${pages}: ${ms(pages)} (ratio ${(times[pages - 1]! / times[0]!).toFixed(2)}; goal ≤ 2)`,
);
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
console.log(`median page ${median.toFixed(1)} ms`);

doc.destroy();
await stack.close();
await proxy.close();
await embedded.close();
rmSync(dataDir, { recursive: true, force: true });
if (seen.size !== accounts) process.exitCode = 1;
