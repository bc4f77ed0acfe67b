/**
 * `npx cdk synth` with a refused setting: the CDK app (bin/cdk.ts, as cdk.json runs it)
 * prints one line naming the setting and exits non-zero, without a stack trace.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const outdir = mkdtempSync(join(tmpdir(), 'impero-cdk-bad-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Runs the CDK app the way the CDK CLI does: context in CDK_CONTEXT_JSON, output in CDK_OUTDIR. */
function synth(context: Record<string, unknown>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      join('node_modules', '.bin', 'tsx'),
      ['bin/cdk.ts'],
      {
        env: { PATH: process.env.PATH, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir, CDK_DISABLE_CLI_TELEMETRY: 'true' },
        timeout: 60_000,
      },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('bin/cdk.ts with a refused setting', () => {
  it.each([
    [{ edgeProtection: 'true' }, /^impero-sso: context edgeProtection needs the custom domain too/],
    [{ sessionTtlSeconds: '10' }, /^impero-sso: context sessionTtlSeconds must be an integer from 60/],
    [
      { baseDomain: 'https://impero.com' },
      /^impero-sso: context would give the Lambdas a bad configuration: BASE_DOMAIN must be a host name/,
    ],
  ])(
    '%j: one line naming the setting, exit 1, no stack trace',
    async (context, line) => {
      const { code, stderr, stdout } = await synth(context);
      expect(code).toBe(1);
      expect(stderr).toMatch(line);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr + stdout).not.toContain('    at ');
    },
    90_000,
  );
});
