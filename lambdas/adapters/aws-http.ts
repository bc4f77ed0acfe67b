/**
 * HTTP settings shared by every AWS client of the Lambdas (DynamoDB, KMS). A module of its
 * own, so that a function using only KMS does not bundle the DynamoDB client with it.
 */

/** Timeouts short enough that a login never hangs on storage or a key; the SDK retries within them. */
const CONNECTION_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 5_000;
export const MAX_ATTEMPTS = 3;

/** Without `throwOnRequestTimeout` the SDK only warns. */
export const AWS_REQUEST_HANDLER = {
  connectionTimeout: CONNECTION_TIMEOUT_MS,
  requestTimeout: REQUEST_TIMEOUT_MS,
  throwOnRequestTimeout: true,
} as const;
