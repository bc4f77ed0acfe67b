/**
 * HTTP settings shared by every AWS client of the Lambdas (DynamoDB, KMS). A module of its
 * own, so that a function using only KMS does not bundle the DynamoDB client with it.
 */

/** Timeouts short enough that a login never hangs on storage or a key; the SDK retries within them. */
const CONNECTION_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 5_000;
export const MAX_ATTEMPTS = 3;
/**
 * DynamoDB gets two attempts more. Its throttling and its lost answers (500, "the request may
 * have succeeded") are transient, and every conditional write is safe to repeat. A sign-in
 * makes about 14 DynamoDB requests: at 5 % throttling plus 2 % lost answers, 3 attempts
 * leave about 1 sign-in in 200 failing (0.07³ per request), 5 attempts about 1 in 40,000.
 * The cost is paid only when 3 attempts in a row fail: the SDK's backoff for throttling
 * (random × 1 s × 2ⁿ) adds up to 4 s and 8 s before the 4th and 5th attempts.
 */
export const DYNAMODB_MAX_ATTEMPTS = 5;

/** Without `throwOnRequestTimeout` the SDK only warns. */
export const AWS_REQUEST_HANDLER = {
  connectionTimeout: CONNECTION_TIMEOUT_MS,
  requestTimeout: REQUEST_TIMEOUT_MS,
  throwOnRequestTimeout: true,
} as const;
