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


export function createDocumentClient(options: DocumentClientOptions = {}): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = {
    maxAttempts: DYNAMODB_MAX_ATTEMPTS,
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
  const client = new DynamoDBClient(config);
  // Every attempt on the wire, retries included (the deserialize step runs once per attempt).
  client.middlewareStack.add((next, context) => (args) => (countCall(`dynamodb ${context.commandName}`), next(args)), { step: 'deserialize', name: 'countCalls' });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
