/**
 * CloudFormation's own template checks (the app's built-in validation) and cdk-nag, for each
 * shape the app ships: the default stack and the edge-protection stacks.
 *
 * cfn-validate.ts synthesises them in one process of its own: the checks' engine is a 9 MB
 * WebAssembly module that costs seconds of CPU to set up once per process, then little for
 * each template. That process runs V8's baseline WebAssembly code only (`--liftoff-only`:
 * optimising the module in the background costs more CPU than it saves on a few templates)
 * and collects garbage on one thread (`--single-threaded-gc`); together about 4 s of CPU
 * instead of 7–8 s. Which code V8 runs does not change what the checks find.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Validated } from './cfn-validate.js';
import { SYNTH_TIMEOUT_MS } from './synth.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./cfn-validate.ts', import.meta.url));

let results: Record<'edgeProtection' | 'default' | 'refused', Validated>;
beforeAll(async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--liftoff-only', '--single-threaded-gc', '--import', 'tsx', SCRIPT], {
    cwd: ROOT,
    env: { PATH: process.env.PATH },
    timeout: SYNTH_TIMEOUT_MS,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`cfn-validate.ts printed no result:\n${stdout}`);
  results = JSON.parse(line.slice('RESULT '.length));
}, SYNTH_TIMEOUT_MS);

describe.each([
  ['edgeProtection', ['ImperoSso', 'ImperoSso-Edge']],
  ['default', ['ImperoSso']],
] as const)('the %s shape', (shape, stacks) => {
  it('passes CloudFormation’s template checks and cdk-nag: no plugin failed and no violation of any severity is left', () => {
    const { stacks: synthesized, report } = results[shape];
    expect(synthesized).toEqual(stacks);
    // CDK lists a plugin here only when it has something to say; a clean synth lists none.
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
    expect(report.pluginReports.filter((r) => r.conclusion !== 'success')).toEqual([]);
  });
});

it('reports what CloudFormation’s template checks refuse in the same report (an empty one means checked)', () => {
  expect(results.refused.report.pluginReports).toEqual([
    expect.objectContaining({
      pluginName: 'CloudFormation Validate',
      violations: [expect.objectContaining({ description: expect.stringContaining('RetentionInDays: 7777') })],
    }),
  ]);
});
