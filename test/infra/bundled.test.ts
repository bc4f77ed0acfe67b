/**
 * The synth ops run: every function bundled by the local esbuild, a bundle that really runs,
 * and cdk-nag with nothing left unacknowledged (CloudFormation's own template checks of the
 * default shape: cfn-validation.test.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../lib/app.js';
import { functionNames, type FunctionName } from '../../lambdas/routes.js';
import { startTestDynamo } from '../fixtures/dynamodb.js';
import { synthesize, SYNTH_TIMEOUT_MS, validationReport, type Synthesized } from './synth.js';

let s: Synthesized;
beforeAll(() => {
  s = synthesize({}, { bundle: true });
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.dispose());

/** The staged asset directory of a function's code. */
function assetDir(name: FunctionName): string {
  const code = s.template.toJSON().Resources[s.fn(name).fn].Properties.Code;
  return join(s.outdir, `asset.${String(code.S3Key).replace(/\.zip$/, '')}`);
}

/** What a bundle still imports from outside itself. */
async function importsOutside(file: string): Promise<{ path: string; kind: string }[]> {
  const { metafile } = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  return Object.values(metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external).map(({ path, kind }) => ({ path, kind })),
  );
}

describe('bundling', () => {
  it.each(functionNames)('bundles %s into one minified ESM file with a source map, nothing outside but Node built-ins', async (name) => {
    const dir = assetDir(name);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __imperoCreateRequire } from 'node:module';")).toBe(true);
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    expect(code.length / code.split('\n').length).toBeGreaterThan(500); // minified: long lines (newlines left are in HTML templates, a large share of the fallback's 36 KB)
    // Only Node built-ins stay outside the bundle (esbuild parses it and lists what it still imports).
    const outside = await importsOutside(join(dir, 'index.mjs'));
    expect(outside.filter((i) => i.kind === 'import-statement').map((i) => i.path)).toContain('node:module');
    // The SDK probes for the optional SigV4a signers (multi-region endpoints only) at run time.
    const optional = ['@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a'];
    expect(outside.filter((i) => !isBuiltin(i.path) && !(i.kind === 'dynamic-import' && optional.includes(i.path)))).toEqual([]);
    const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8'));
    expect(map.sources.some((source: string) => source.endsWith(`lambdas/functions/${name}.ts`))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  });

  it('produces a bundle that runs as Lambda runs it: POST /auth/logout answers 303 and clears the cookie', async () => {
    const script = `
      const { handler } = await import(${JSON.stringify(join(assetDir('session'), 'index.mjs'))});
      const event = { version: '2.0', routeKey: 'POST /auth/logout', rawPath: '/auth/logout', rawQueryString: '', headers: { host: 'acme.impero.com', origin: 'https://acme.impero.com' },
        requestContext: { requestId: 'bundle-test', http: { method: 'POST', path: '/auth/logout' } }, isBase64Encoded: false };
      process.stdout.write('RESULT ' + JSON.stringify(await handler(event, {})) + '\\n');`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, BASE_DOMAIN: 'impero.com', AWS_REGION: 'eu-west-1' },
      timeout: 30_000,
    });
    const result = JSON.parse(
      stdout
        .split('\n')
        .find((line) => line.startsWith('RESULT '))!
        .slice(7),
    );
    expect(result).toMatchObject({ statusCode: 303, headers: { location: 'https://acme.impero.com/auth/login' } });
    expect(result.cookies).toEqual([expect.stringMatching(/^__Host-impero_session=; Max-Age=0;/)]);
    // One JSON log line per request, with the correlation id.
    expect(stdout).toMatch(/"message":"request".*"correlation_id":"bundle-test"|"correlation_id":"bundle-test".*"message":"request"/);
  });

  it('signs DynamoDB requests with the credentials Lambda puts in the environment (the bundled chain is only that)', async () => {
    const dynamo = await startTestDynamo();
    try {
      await dynamo.directory.createTenant(
        { subdomain: 'acme', name: 'Acme Bundled', issuer: 'https://acme.okta.com', clientId: '0oabundled00000000001', domains: [] },
        new Date(),
      );
      const script = `
        const { handler } = await import(${JSON.stringify(join(assetDir('login'), 'index.mjs'))});
        const event = { version: '2.0', routeKey: 'GET /auth/login', rawPath: '/auth/login', rawQueryString: '', headers: { host: 'acme.impero.com' },
          requestContext: { requestId: 'bundle-dynamo', http: { method: 'GET', path: '/auth/login' } }, isBase64Encoded: false };
        process.stdout.write('RESULT ' + JSON.stringify(await handler(event, { getRemainingTimeInMillis: () => 10000 })) + '\\n');`;
      const run = (credentials: Record<string, string>) =>
        promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
          env: {
            PATH: process.env.PATH,
            BASE_DOMAIN: 'impero.com',
            AWS_REGION: 'eu-west-1',
            DYNAMODB_ENDPOINT: dynamo.endpoint,
            DIRECTORY_TABLE: dynamo.names.directory,
            ...credentials,
          },
          timeout: 30_000,
        }).then(({ stdout }) =>
          JSON.parse(
            stdout
              .split('\n')
              .find((line) => line.startsWith('RESULT '))!
              .slice(7),
          ),
        );
      // The tenant's name on the page proves the GetItem was signed and answered.
      const page = await run({
        AWS_ACCESS_KEY_ID: 'AKIDBUNDLED',
        AWS_SECRET_ACCESS_KEY: 'bundled-secret',
        AWS_SESSION_TOKEN: 'bundled-token',
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Acme Bundled');
    } finally {
      await dynamo.close();
    }
  });
});

/** The packages a function's bundle holds, from its source map: each function carries only what its routes import. */
const NEVER = [
  '@aws-sdk/credential-provider-node',
  '@aws-sdk/nested-clients',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
];
const PACKAGES: Record<FunctionName, { has: string[]; lacks: string[] }> = {
  login: { has: ['@aws-sdk/client-dynamodb', 'openid-client'], lacks: ['@aws-sdk/client-kms'] },
  callback: { has: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-kms', 'openid-client', 'jose'], lacks: [] },
  session: { has: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-kms', 'openid-client', 'jose'], lacks: [] },
  setup: { has: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-kms', 'openid-client'], lacks: [] },
  // DynamoDB only: no KMS client, no Okta client, no JWT library.
  scim: { has: ['@aws-sdk/client-dynamodb', 'scim2-parse-filter'], lacks: ['@aws-sdk/client-kms', 'openid-client', 'jose'] },
  fallback: { has: [], lacks: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-kms', 'openid-client', 'jose', '@smithy/smithy-client'] },
};

describe('what each function carries', () => {
  it.each(functionNames)('%s bundles only the clients its routes use', (name) => {
    const sources: string[] = JSON.parse(readFileSync(join(assetDir(name), 'index.mjs.map'), 'utf8')).sources;
    const holds = (pkg: string) => sources.some((source) => source.includes(`node_modules/${pkg}/`));
    for (const pkg of PACKAGES[name].has) expect(holds(pkg), pkg).toBe(true);
    for (const pkg of [...PACKAGES[name].lacks, ...NEVER]) expect(holds(pkg), pkg).toBe(false);
    if (name !== 'fallback') expect(sources.some((source) => source.endsWith('lambdas/adapters/lambda-credentials.ts'))).toBe(true);
  });
});

describe('cdk-nag', () => {
  it('reports nothing: no plugin failed and no violation of any severity is left', () => {
    // CDK lists a plugin here only when it has something to say; a clean synth lists none.
    const report = validationReport(s.outdir);
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
    expect(report.pluginReports.filter((r) => r.conclusion !== 'success')).toEqual([]);
  });

  it('fails synth on any finding that is not acknowledged', () => {
    const { app, stack } = createApp({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    new Queue(stack, 'Unreviewed'); // no DLQ, no SSL enforcement: AwsSolutions-SQS3 and SQS4
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});
