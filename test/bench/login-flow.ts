/**
 * Benchmark: full logins through the local stack (real HTTP, embedded DynamoDB, a loopback
 * IdP), sequentially, and the time each route takes, plus one session check after each
 * login. Prints figures; asserts nothing.
 *   npm run bench:login [-- <logins>]
 */
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

const timings: Record<string, number[]> = { 'POST /auth/login': [], 'GET /auth/authorize': [], 'GET /auth/callback': [], 'whole login': [], 'GET /auth/session': [] };
const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  const result = await fn();
  timings[name]!.push(performance.now() - start);
  return result;
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
  const check = await timed('GET /auth/session', () => b.get(`${app}/auth/session`));
  if (check.status !== 200) throw new Error(`session check ${i} answered ${check.status}`);
  if (i === 9) for (const list of Object.values(timings)) list.length = 0; // warm-up
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(1);
console.log(`\n${count} sequential logins on ${process.platform}/${process.arch}, Node ${process.version}`);
console.log('route                    p50 ms   p95 ms   p99 ms');
for (const [name, xs] of Object.entries(timings)) console.log(`${name.padEnd(24)} ${pct(xs, 50).padStart(6)}   ${pct(xs, 95).padStart(6)}   ${pct(xs, 99).padStart(6)}`);
const total = timings['whole login']!.reduce((a, b) => a + b, 0) / 1000;
console.log(`throughput: ${(count / total).toFixed(1)} logins/s (one at a time)`);
await idp.close();
await stack.close();
