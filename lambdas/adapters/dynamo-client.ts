/** The one place a DynamoDB document client is built; stores receive it, never make it. */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AWS_REQUEST_HANDLER, DYNAMODB_MAX_ATTEMPTS } from './aws-http.js';
import { countCall } from './call-counts.js';

export interface DocumentClientOptions {
  /** A DynamoDB other than AWS's (embedded, DynamoDB Local). */
  endpoint?: string;
  region?: string;
}

/** Region of a local endpoint when neither AWS_REGION nor AWS_DEFAULT_REGION is set. */
const LOCAL_REGION = 'local';

/**
 * Client settings for a DynamoDB other than AWS's. The region is the user's (AWS_REGION, else
 * AWS_DEFAULT_REGION, else `local`): DynamoDB Local keeps one database per access key and
 * region, so `aws dynamodb scan --endpoint-url …` in the user's region sees our tables.
 * Local emulators accept any key: a developer without AWS credentials must not need them, and
 * must never reach for the instance metadata service.
 */
export function localEndpointConfig(
  endpoint: string,
  env: Record<string, string | undefined> = process.env,
): Pick<DynamoDBClientConfig, 'endpoint' | 'region' | 'credentials'> {
  const region = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || LOCAL_REGION;
  return { endpoint, region, ...(env.AWS_ACCESS_KEY_ID ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }) };
}

export function createDocumentClient(options: DocumentClientOptions = {}): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = {
    maxAttempts: DYNAMODB_MAX_ATTEMPTS,
    requestHandler: AWS_REQUEST_HANDLER,
  };
  if (options.region) config.region = options.region;
  if (options.endpoint) Object.assign(config, localEndpointConfig(options.endpoint), options.region ? { region: options.region } : {});
  const client = new DynamoDBClient(config);
  // Every attempt on the wire, retries included (the deserialize step runs once per attempt).
  client.middlewareStack.add((next, context) => (args) => (countCall(`dynamodb ${context.commandName}`), next(args)), {
    step: 'deserialize',
    name: 'countCalls',
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
