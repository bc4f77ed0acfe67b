/**
 * Synthesises each shape the app ships (the edge-protection stacks, then the default stack)
 * with CloudFormation's own template checks on, plus one template those checks refuse, and
 * prints what cfn-validation.test.ts asserts on as one JSON line: the stacks and the
 * validation report (cdk-nag's findings and the checks') of each.
 *
 * The test runs this in a process of its own, started with V8 flags that suit the checks'
 * engine (a 9 MB WebAssembly module): see cfn-validation.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { EDGE } from './edge-context.js';
import { synthesize, validationReport } from './synth.js';

export interface Validated {
  stacks: string[];
  report: ReturnType<typeof validationReport>;
}

const shapes = { edgeProtection: EDGE, default: {} };

function validated(context: Record<string, unknown>): Validated {
  const s = synthesize(context, { cfnValidation: true });
  try {
    return { stacks: s.assembly.stacks.map((st) => st.stackName), report: validationReport(s.outdir) };
  } finally {
    s.dispose();
  }
}

/** A log group with a retention CloudFormation does not offer, in an app of its own. */
function refused(): Validated {
  const outdir = mkdtempSync(join(tmpdir(), 'impero-cdk-refused-'));
  try {
    const app = new App({ outdir, builtinCloudFormationValidation: true });
    const stack = new Stack(app, 'Refused');
    new CfnResource(stack, 'Logs', { type: 'AWS::Logs::LogGroup', properties: { RetentionInDays: 7777 } });
    app.synth();
    return { stacks: [stack.stackName], report: validationReport(outdir) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// The edge shape first: its resource types cover the default's, so the engine built for them is reused.
const results: Record<string, Validated> = {};
for (const [name, context] of Object.entries(shapes)) results[name] = validated(context);
results.refused = refused();
process.stdout.write(`RESULT ${JSON.stringify(results)}\n`);
