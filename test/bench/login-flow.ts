/**
 * Benchmark: full logins through the local stack (real HTTP, embedded DynamoDB, a loopback
 * IdP), sequentially: the time each route takes, plus one session check after each login,
 * and the DynamoDB requests and Okta calls of each, as the adapters count them. Prints
 * figures; asserts nothing.
 *   npm run bench:login [-- <logins>]
 */
import { callCounts } from '../../lambdas/adapters/call-counts.js';
import { startTestStack } from '../fixtures/stack.js';
import { startRogueIdp } from '../fixtures/rogue-idp.js';
import { TestBrowser } from '../fixtures/http-client.js';

const count = Number(process.argv[2] ?? 200);
const stack = await startTestStack();
const idp = await startRogueIdp();
const now = new Date();
await stack.directory.createTenant({ subdomain: 'bench', name: 'Bench', issuer: idp.issuer, clientId: idp.clientId, domains: [] }, now);
await stack.directory.addAccount({ tenant: 'bench', email: 'rogue.user@example.com' }, now);
const app = stack.origin('bench');

const timings: Record<string, number[]> = {
  'POST /auth/login': [],
  'GET /auth/authorize': [],
  'GET /auth/callback': [],
  'whole login': [],
  'GET /auth/session': [],
};
const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  const result = await fn();
  timings[name]!.push(performance.now() - start);
  return result;
};

/** Calls counted at the adapters, moved into `into` so that each step is counted on its own. */
const signIn = new Map<string, number>();
const sessionCheck = new Map<string, number>();
const tally = (into: Map<string, number>) => {
  for (const [name, n] of callCounts) into.set(name, (into.get(name) ?? 0) + n);
  callCounts.clear();
};

for (let i = 0; i < count + 10; i++) {
  const b = new TestBrowser();
  const start = performance.now();
  const submitted = await timed('POST /auth/login', () => b.postForm(`${app}/auth/login`, { email: 'rogue.user@example.com' }));
  const authorize = await timed('GET /auth/authorize', () => b.get(submitted.location!));
  const back = await b.get(authorize.location!);
  const callback = await timed('GET /auth/callback', () => b.get(back.location!));
  if (callback.status !== 303) throw new Error(`login ${i} failed with ${callback.status}`);
  timings['whole login']!.push(performance.now() - start);
  tally(signIn);
  const check = await timed('GET /auth/session', () => b.get(`${app}/auth/session`));
  if (check.status !== 200) throw new Error(`session check ${i} answered ${check.status}`);
  tally(sessionCheck);
  if (i === 9) {
    // Warm-up over: discovery and JWKS are cached, the setup's writes are behind us.
    for (const list of Object.values(timings)) list.length = 0;
    signIn.clear();
    sessionCheck.clear();
  }
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(1);
console.log(`\n${count} sequential logins on ${process.platform}/${process.arch}, Node ${process.version}`);
console.log('route                    p50 ms   p95 ms   p99 ms');
for (const [name, xs] of Object.entries(timings))
  console.log(`${name.padEnd(24)} ${pct(xs, 50).padStart(6)}   ${pct(xs, 95).padStart(6)}   ${pct(xs, 99).padStart(6)}`);
const total = timings['whole login']!.reduce((a, b) => a + b, 0) / 1000;
console.log(`throughput: ${(count / total).toFixed(1)} logins/s (one at a time)`);
for (const [title, counts] of [
  ['warm sign-in (POST /auth/login → GET /auth/authorize → GET /auth/callback)', signIn],
  ['session check (GET /auth/session)', sessionCheck],
] as const) {
  console.log(`\ncalls per ${title}, counted at the adapters`);
  for (const [name, n] of [...counts].sort()) console.log(`${name.padEnd(40)} ${(n / count).toFixed(2)}`);
  const per = (prefix: string) => [...counts].filter(([k]) => k.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0) / count;
  console.log(`${'DynamoDB requests'.padEnd(40)} ${per('dynamodb ').toFixed(2)}\n${'Okta calls'.padEnd(40)} ${per('okta ').toFixed(2)}`);
}
await idp.close();
await stack.close();
