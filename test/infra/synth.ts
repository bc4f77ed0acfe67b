/**
 * Synthesises the real app (lib/app.ts, cdk-nag included) into a temporary cloud assembly,
 * once per test file (or once per worker for the files that share one: `synthesizeShared`).
 * Bundling and CloudFormation's own template validation are the slow parts (tens of seconds
 * on a busy 2-core machine): `bundled.test.ts` bundles, `cfn-validation.test.ts` validates,
 * the other files skip both to assert on the template alone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnResource, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { createApp } from '../../lib/app.js';
import type { ImperoSsoEdgeStack } from '../../lib/edge-stack.js';
import type { ImperoSsoStack } from '../../lib/impero-sso-stack.js';
import type { FunctionName } from '../../lambdas/routes.js';

export interface Synthesized {
  template: Template;
  stack: ImperoSsoStack;
  /** The edge stack (us-east-1) and its template, when `edgeProtection` is on. */
  edge?: { stack: ImperoSsoEdgeStack; template: Template };
  assembly: CloudAssembly;
  outdir: string;
  /** Logical id of a construct's CloudFormation resource. */
  id(construct: IConstruct): string;
  /** Logical ids of a function's Lambda, role and log group. */
  fn(name: FunctionName): { fn: string; role: string; logs: string };
  dispose(): void;
}

/** Long enough for bundling every function on a loaded CI machine. */
export const SYNTH_TIMEOUT_MS = 240_000;

export function synthesize(
  context: Record<string, unknown> = {},
  options: { bundle?: boolean; cfnValidation?: boolean } = {},
): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'impero-cdk-'));
  const { app, stack, edge } = createApp({
    outdir,
    context: options.bundle ? context : { ...context, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: options.cfnValidation ?? false,
  });
  const assembly = app.synth();
  const template = Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template);
  const id = (construct: IConstruct) => {
    const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
    if (!resource || !CfnResource.isCfnResource(resource)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
    return (stack as Stack).getLogicalId(resource);
  };
  return {
    template,
    stack,
    edge: edge && { stack: edge, template: Template.fromJSON(assembly.getStackArtifact(edge.artifactId).template) },
    assembly,
    outdir,
    id,
    fn: (name) => {
      const f = stack.functions[name];
      return { fn: id(f.fn), role: id(f.role), logs: id(f.logGroup) };
    },
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** A synthesis several files read, with nothing left on disk: see `synthesizeShared`. */
export type SharedSynthesis = Omit<Synthesized, 'outdir' | 'dispose'>;

const shared = new Map<string, SharedSynthesis>();

/**
 * The synthesis of a context, once per worker process for every file that only reads it
 * (the default context: alarms, api, data, functions, iam). Its templates are frozen, so a
 * test that would change one fails there instead of changing what the next file sees.
 */
export function synthesizeShared(context: Record<string, unknown> = {}): SharedSynthesis {
  const key = JSON.stringify(context);
  let s = shared.get(key);
  if (!s) {
    // The assembly is read into memory by synth (manifest and templates): its files can go.
    const { outdir: _outdir, dispose, ...synthesized } = synthesize(context);
    dispose();
    deepFreeze(synthesized.template.toJSON());
    if (synthesized.edge) deepFreeze(synthesized.edge.template.toJSON());
    s = synthesized;
    shared.set(key, s);
  }
  return s;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  for (const child of Object.values(value)) deepFreeze(child);
  Object.freeze(value);
}

/** The validation report CDK writes into the assembly (cdk-nag's findings land here). */
export function validationReport(outdir: string): { pluginReports: { pluginName: string; conclusion: string; violations: unknown[] }[] } {
  return JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
}

export const getAtt = (logicalId: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId, attribute] });
