/** Finding the deployed stack's tables, and AWS errors in words support can act on. */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { TableNames } from '../adapters/tables.js';
import { DEFAULT_STACK_NAME, ENV, STACK_OUTPUTS } from '../names.js';
import { CliError } from './context.js';

type Env = Record<string, string | undefined>;

/** Reads the table names from the stack's outputs, with the usual AWS credential and region chain. */
export async function stackTables(env: Env): Promise<{
  tables: Omit<TableNames, 'events'> & { events?: string };
  region: string;
  stackName: string;
  keys: { secretsKey?: string; clientAssertionKey?: string };
}> {
  const stackName = env[ENV.IMPERO_STACK_NAME]?.trim() || DEFAULT_STACK_NAME;
  const cfn = new CloudFormationClient({ maxAttempts: 3 });
  try {
    const region = await cfn.config.region();
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = new Map((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    const directory = outputs.get(STACK_OUTPUTS.directory);
    const login = outputs.get(STACK_OUTPUTS.login);
    const sessions = outputs.get(STACK_OUTPUTS.sessions);
    if (!directory || !login || !sessions) {
      throw new CliError(
        `stack ${stackName} in ${region} has no ${[STACK_OUTPUTS.directory, STACK_OUTPUTS.login, STACK_OUTPUTS.sessions].join('/')} outputs; deploy the current version with npx cdk deploy`,
      );
    }
    const keys = { secretsKey: outputs.get(STACK_OUTPUTS.secretsKey), clientAssertionKey: outputs.get(STACK_OUTPUTS.clientAssertionKey) };
    // A stack deployed before events existed still serves every other command.
    return { tables: { directory, login, sessions, events: outputs.get(STACK_OUTPUTS.events) }, region, stackName, keys };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      `cannot read stack ${stackName}: ${describeAwsError(e)} (use --local for a running npm start, or DYNAMODB_ENDPOINT)`,
    );
  } finally {
    cfn.destroy();
  }
}

/** One line about an AWS SDK or network failure, without the SDK's multi-line dumps. */
export function describeAwsError(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string }; $metadata?: unknown };
  const code = e?.code ?? e?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (e?.name === 'TimeoutError' || code === 'ETIMEDOUT') return 'no answer in time';
  if (e?.name === 'CredentialsProviderError')
    return 'no AWS credentials found (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)';
  if (/region is missing/i.test(e?.message ?? '')) return 'no AWS region set (set AWS_REGION or a region in your profile)';
  if (e?.name === 'ValidationError' && /does not exist/.test(e.message ?? ''))
    return `${e.message}; deploy it with npx cdk deploy or set IMPERO_STACK_NAME`;
  if (e?.name === 'ResourceNotFoundException') return `table not found (${e.message})`;
  const text = (e?.message ?? String(error)).split('\n')[0]!.trim();
  return e?.name && e.name !== 'Error' ? `${e.name}: ${text}` : text;
}
