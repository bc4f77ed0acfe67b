/**
 * Local stand-in for API Gateway: turns a Node HTTP request into an HTTP API payload v2
 * event, calls the entry of the function that serves the route (the same module the Lambda
 * runs), and writes the v2 result back. Dispatch uses the route table, so local and deployed
 * routing agree.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { FALLBACK_PATH, findRoute, functionNames, matchPath, routeKey, routes, type FunctionName, type Route } from '../routes.js';
import type { Handler } from '../http/serve.js';
import type { Result } from '../http/respond.js';

/** API Gateway's own payload limit is 10 MB; locally anything past 1 MB is cut off early. */
const MAX_LOCAL_BODY = 1024 * 1024;

export type Handlers = Record<FunctionName, Handler>;

/** Imports every function's entry (`lambdas/functions/<fn>.ts`), as the CDK stack bundles them. */
export async function loadHandlers(): Promise<Handlers> {
  const entries = await Promise.all(
    functionNames.map(async (fn) => [fn, ((await import(`../functions/${fn}.ts`)) as { handler: Handler }).handler] as const),
  );
  return Object.fromEntries(entries) as Handlers;
}

/** The route API Gateway would pick (path parameters included), else none (the caller falls back). */
export { findRoute };

export const fallbackRoute: Route = routes.find((r) => r.path === FALLBACK_PATH)!;

export async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_LOCAL_BODY) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function toEvent(req: IncomingMessage, route: Route, body: Buffer): APIGatewayProxyEventV2 {
  const key = routeKey(route);
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = req.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  // Like API Gateway HTTP APIs: JSON and text arrive as text, anything else (forms too) base64.
  const textual = /^(application\/json|text\/)/.test(headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey: key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies,
    headers,
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    // Like API Gateway: only routes with `{name}` segments get them.
    pathParameters: route.path.includes('{') ? matchPath(route.path, url.pathname) : undefined,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? '',
      domainPrefix: (headers.host ?? '').split('.')[0] ?? '',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: key,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    body: body.length === 0 ? undefined : textual ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: body.length > 0 && !textual,
  };
}

/** Like Lambda's, with a real deadline (the deployed functions get 10–29 s). */
export function lambdaContext(route: Route, timeoutMs = 29_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${route.fn}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:local-${route.fn}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function writeResult(res: ServerResponse, result: Result): void {
  res.statusCode = result.statusCode;
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
  res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
}
