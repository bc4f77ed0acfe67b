/** The one place a DynamoDB document client is built; stores receive it, never make it. */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DocumentClientOptions {
  /** A DynamoDB other than AWS's (embedded, DynamoDB Local). */
  endpoint?: string;
  region?: string;
}

/** Timeouts short enough that a login never hangs on storage; the SDK retries within them. */
const CONNECTION_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 5_000;
const MAX_ATTEMPTS = 3;

/** Shared by every AWS client of the Lambdas. Without `throwOnRequestTimeout` the SDK only warns. */
export const AWS_REQUEST_HANDLER = {
  connectionTimeout: CONNECTION_TIMEOUT_MS,
  requestTimeout: REQUEST_TIMEOUT_MS,
  throwOnRequestTimeout: true,
} as const;

export function createDocumentClient(options: DocumentClientOptions = {}): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = {
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: AWS_REQUEST_HANDLER,
  };
  if (options.region) config.region = options.region;
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    // Local emulators accept any region and key; a developer without AWS credentials
    // must not need them, and must never reach for the instance metadata service.
    config.region = options.region ?? 'local';
    if (!process.env.AWS_ACCESS_KEY_ID) config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
