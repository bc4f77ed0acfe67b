/**
 * Benchmark: how long each deployed function takes to load in a fresh Node process, against
 * two floors built in the same run with the same esbuild options — an empty handler, and a
 * bundle of the bare DynamoDB client (`DynamoDBClient` + `GetItemCommand`). Each function is
 * also timed with `--enable-source-maps`, the option it does not deploy with. Prints figures;
 * asserts nothing.
 *
 *   npm run bench:cold [-- <runs per bundle, default 25>] [--before <cloud assembly dir>]
 *
 * `--before` adds the functions of another synthesised assembly (e.g. `npx cdk synth -o
 * /tmp/before` on an older commit) to the same run, so that before and after share floors.
 *
 * Each process gets a clean environment (PATH and the function's own NODE_OPTIONS only), as
 * Lambda does: an ambient NODE_EXTRA_CA_CERTS alone adds ~30 ms to every start here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const beforeAt = args.indexOf('--before');
const before = beforeAt >= 0 ? args.splice(beforeAt, 2)[1] : undefined;
const runs = Number(args[0] ?? 25);
const SIGN_IN = ['GET /auth/login', 'POST /auth/login', 'GET /auth/authorize', 'GET /auth/callback'];

interface Resource {
  Type: string;
  Properties?: Record<string, any>;
}
interface Subject {
  name: string;
  bundle: string;
  nodeOptions: string;
  routes?: string;
}

/** The functions of a synthesised assembly (bundle, NODE_OPTIONS, routes), and how many of them a sign-in crosses. */
function readAssembly(dir: string, label: string): { functions: Subject[]; crossed: number } {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const functions: Subject[] = [];
  let crossed = 0;
  for (const artifact of Object.values(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const resources = (
      JSON.parse(readFileSync(join(dir, artifact.properties.templateFile), 'utf8')) as { Resources: Record<string, Resource> }
    ).Resources;
    // Route key → Lambda, as API Gateway will route: route → integration → function.
    const fnOf = new Map<string, string>();
    for (const r of Object.values(resources)) {
      if (r.Type !== 'AWS::ApiGatewayV2::Route') continue;
      const integration = resources[r.Properties!.Target['Fn::Join'][1][1].Ref]!;
      fnOf.set(r.Properties!.RouteKey, integration.Properties!.IntegrationUri['Fn::GetAtt'][0]);
    }
    crossed = Math.max(crossed, new Set(SIGN_IN.map((key) => fnOf.get(key))).size);
    for (const [id, r] of Object.entries(resources)) {
      const key = r.Properties?.Code?.S3Key as string | undefined;
      if (r.Type !== 'AWS::Lambda::Function' || !key) continue;
      functions.push({
        name: `${label}${String(r.Properties!.Description ?? key).split(':')[0]}`,
        bundle: join(dir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs'),
        nodeOptions: String(r.Properties!.Environment?.Variables?.NODE_OPTIONS ?? ''),
        routes: [...fnOf]
          .filter(([, fn]) => fn === id)
          .map(([k]) => k)
          .join(', '),
      });
    }
  }
  return { functions, crossed };
}

function synthesise(): void {
  const synth = spawnSync('npx', ['cdk', 'synth', '--quiet'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  if (synth.status !== 0) throw new Error('cdk synth failed');
}

/** The floors, bundled like the functions (ESM, minified, AWS SDK inside). */
async function floors(dir: string): Promise<{ empty: string; dynamo: string }> {
  const sources = {
    empty: 'export const handler = async () => ({ statusCode: 200 });',
    dynamo:
      "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nconst c = new DynamoDBClient({});\nexport const handler = async () => c.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'x' } } }));",
  };
  const paths = { empty: '', dynamo: '' };
  for (const [name, contents] of Object.entries(sources) as [keyof typeof sources, string][]) {
    const outfile = join(dir, `${name}.mjs`);
    await build({
      stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      minify: true,
      mainFields: ['module', 'main'],
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
      outfile,
      logLevel: 'error',
    });
    paths[name] = outfile;
  }
  return paths;
}

/** Wall time of one fresh `node` that imports the bundle and exits. */
function loadMs(bundle: string, nodeOptions: string): number {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  if (nodeOptions) env.NODE_OPTIONS = nodeOptions;
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(`file://${resolve(bundle)}`)})`], {
    env,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`loading ${bundle} failed: ${run.stderr.toString().slice(0, 300)}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The same bundle with the other source-map setting. */
const otherSourceMaps = (f: Subject): Subject =>
  f.nodeOptions.includes('--enable-source-maps')
    ? {
        ...f,
        name: `${f.name} without --enable-source-maps`,
        nodeOptions: f.nodeOptions.replace('--enable-source-maps', '').trim(),
        routes: '',
      }
    : { ...f, name: `${f.name} with --enable-source-maps`, nodeOptions: `${f.nodeOptions} --enable-source-maps`.trim(), routes: '' };

const dir = mkdtempSync(join(tmpdir(), 'impero-cold-'));
try {
  synthesise();
  const after = readAssembly('cdk.out', '');
  const old = before ? readAssembly(before, 'before: ') : undefined;
  const floor = await floors(dir);
  const subjects: Subject[] = [
    { name: 'empty handler (floor)', bundle: floor.empty, nodeOptions: '' },
    { name: 'DynamoDBClient + GetItemCommand (floor)', bundle: floor.dynamo, nodeOptions: '' },
    ...after.functions,
    ...after.functions.map(otherSourceMaps),
    ...(old?.functions ?? []),
  ];
  const times = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  for (const s of subjects) loadMs(s.bundle, s.nodeOptions); // warm the page cache
  // Interleaved, so that a busy moment of the machine spreads over every subject alike.
  for (let i = 0; i < runs; i++) for (const s of subjects) times.get(s.name)!.push(loadMs(s.bundle, s.nodeOptions));

  // Ratios are taken round by round (each load against the floors timed moments before it),
  // then the median: slow spells of a shared machine cancel out instead of skewing one subject.
  const ratio = (s: Subject, floorName: string) => median(times.get(s.name)!.map((ms, i) => ms / times.get(floorName)![i]!));
  const [emptyFloor, dynamoFloor] = [subjects[0]!.name, subjects[1]!.name];
  console.log(
    `\nCold load of each bundle: ${runs} rounds of fresh processes, clean environment, Node ${process.version}, ${process.platform}/${process.arch}`,
  );
  console.log('(median ms; ratios are the median of per-round ratios against the floors)\n');
  console.log('| bundle | size | routes | NODE_OPTIONS | median ms | × empty handler | × DynamoDB floor |\n|---|---|---|---|---|---|---|');
  for (const s of subjects) {
    const ms = median(times.get(s.name)!);
    const size = `${(statSync(s.bundle).size / 1024).toFixed(0)} KB`;
    console.log(
      `| ${s.name} | ${size} | ${s.routes ?? ''} | ${s.nodeOptions || '—'} | ${ms.toFixed(1)} | ${ratio(s, emptyFloor).toFixed(2)} | ${ratio(s, dynamoFloor).toFixed(2)} |`,
    );
  }
  console.log(`\nA sign-in (${SIGN_IN.join(' → ')}) crosses ${after.crossed} function(s)${old ? ` (before: ${old.crossed})` : ''}.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
