/**
 * The synth ops run: every function bundled by the local esbuild, a bundle that really runs,
 * and cdk-nag (plus CloudFormation's own template checks) with nothing left unacknowledged.
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
import { routes, type HandlerName } from '../../lambdas/routes.js';
import { synthesize, SYNTH_TIMEOUT_MS, validationReport, type Synthesized } from './synth.js';

let s: Synthesized;
beforeAll(() => {
  s = synthesize({}, { bundle: true, cfnValidation: true });
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.dispose());

/** The staged asset directory of a function's code. */
function assetDir(handler: HandlerName): string {
  const code = s.template.toJSON().Resources[s.fn(handler).fn].Properties.Code;
  return join(s.outdir, `asset.${String(code.S3Key).replace(/\.zip$/, '')}`);
}

/** What a bundle still imports from outside itself. */
async function importsOutside(file: string): Promise<{ path: string; kind: string }[]> {
  const { metafile } = await build({ entryPoints: [file], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
  return Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map(({ path, kind }) => ({ path, kind })));
}

describe('bundling', () => {
  it.each(routes.map((r) => r.handler))('bundles %s into one minified ESM file with a source map and the AWS SDK inside', async (handler) => {
    const dir = assetDir(handler);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __imperoCreateRequire } from 'node:module';")).toBe(true);
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    expect(code.length / code.split('\n').length).toBeGreaterThan(2000); // minified: long lines (newlines left are in HTML templates)
    // Only Node built-ins stay outside the bundle (esbuild parses it and lists what it still imports).
    const outside = await importsOutside(join(dir, 'index.mjs'));
    expect(outside.filter((i) => i.kind === 'import-statement').map((i) => i.path)).toContain('node:module');
    // The SDK probes for the optional SigV4a signers (multi-region endpoints only) at run time.
    const optional = ['@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a'];
    expect(outside.filter((i) => !isBuiltin(i.path) && !(i.kind === 'dynamic-import' && optional.includes(i.path)))).toEqual([]);
    const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8'));
    expect(map.sources.some((source: string) => source.endsWith(`lambdas/handlers/${handler}.ts`))).toBe(true);
    expect(map.sources.some((source: string) => source.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  });

  it('produces a bundle that runs as Lambda runs it: POST /auth/logout answers 303 and clears the cookie', async () => {
    const script = `
      const { handler } = await import(${JSON.stringify(join(assetDir('logout'), 'index.mjs'))});
      const event = { version: '2.0', rawPath: '/auth/logout', rawQueryString: '', headers: { host: 'acme.impero.com', origin: 'https://acme.impero.com' },
        requestContext: { requestId: 'bundle-test', http: { method: 'POST', path: '/auth/logout' } }, isBase64Encoded: false };
      process.stdout.write('RESULT ' + JSON.stringify(await handler(event, {})) + '\\n');`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, BASE_DOMAIN: 'impero.com', AWS_REGION: 'eu-west-1' },
      timeout: 30_000,
    });
    const result = JSON.parse(stdout.split('\n').find((line) => line.startsWith('RESULT '))!.slice(7));
    expect(result).toMatchObject({ statusCode: 303, headers: { location: 'https://acme.impero.com/auth/login' } });
    expect(result.cookies).toEqual([expect.stringMatching(/^__Host-impero_session=; Max-Age=0;/)]);
    // One JSON log line per request, with the correlation id.
    expect(stdout).toMatch(/"message":"request".*"correlation_id":"bundle-test"|"correlation_id":"bundle-test".*"message":"request"/);
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
