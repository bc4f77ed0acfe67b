/**
 * The SCIM routes' HTTP side: the tenant from the Host header, the bearer token checked
 * against that tenant's record, the query and the body read (SCIM's own limit, not the 4 KB
 * of the sign-in routes; `application/scim+json` or `application/json`, base64 or not), the use
 * case run, and its outcome sent as `application/scim+json`. Every error, ours or thrown,
 * answers as an RFC 7644 error; a 5xx logs its cause. The Authorization header and the token
 * are never logged.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../core/config.js';
import { isAuthError } from '../core/errors.js';
import { resolveSite } from '../core/host.js';
import type { Clock, TenantStore } from '../core/ports.js';
import { authenticateScim, noSuchTenant } from '../core/scim/access.js';
import { MAX_SCIM_BODY_BYTES, parseScimBody } from '../core/scim/body.js';
import type { ScimDeps, ScimRequest } from '../core/scim/directory.js';
import { ScimError, scimError } from '../core/scim/errors.js';
import { answer, type ScimOutcome } from '../core/scim/outcome.js';
import type { RequestLog } from '../adapters/logger.js';
import { describe } from './middleware.js';
import { header, type Event } from './request.js';
import { route, type RouteHandler } from './route.js';
import { scimResult } from './scim-result.js';

/** What the scim function's wiring provides. */
export interface ScimHttpDeps {
  config: Config;
  tenants: Pick<TenantStore, 'getTenant'>;
  scim: ScimDeps;
  clock: Clock;
  log: RequestLog;
}

/** One SCIM request, authenticated: who asks, and what they sent, read on demand. */
export interface ScimCall {
  req: ScimRequest;
  /** The single-valued query parameters (`filter`, `startIndex`, `count`, …). */
  query: Record<string, string>;
  /** The `{id}` of the path; 404 when absent or longer than any id the product makes. */
  id(): string;
  /** The JSON object of the body; 400/413/415 as RFC 7644 errors. */
  body(): Record<string, unknown>;
}

/** Query strings longer than this are refused: SCIM filters Okta sends are far shorter. */
const MAX_QUERY_BYTES = 4096;
/** Longest `{id}` looked up: ids are `acc_…`/`grp_…` of a few dozen characters. */
const MAX_ID_LENGTH = 128;

function queryOf(event: Event): Record<string, string> {
  const raw = event.rawQueryString ?? '';
  if (raw.length > MAX_QUERY_BYTES) throw scimError.invalidValue('The query string is too long.');
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    if (name in query) throw scimError.invalidValue(`The parameter "${name}" appears more than once.`);
    query[name] = value;
  }
  return query;
}

function bodyOf(event: Event): Record<string, unknown> {
  const raw = event.body ?? '';
  if (!event.isBase64Encoded) return parseScimBody(raw, header(event, 'content-type'));
  // Base64 is 4/3 of the bytes: refuse before decoding anything larger than the limit.
  if (raw.length > Math.ceil(MAX_SCIM_BODY_BYTES / 3) * 4 + 4)
    throw scimError.tooLarge(`The request body is larger than ${MAX_SCIM_BODY_BYTES} bytes.`);
  return parseScimBody(Buffer.from(raw, 'base64'), header(event, 'content-type'));
}

function idOf(event: Event): string {
  const id = event.pathParameters?.id;
  if (!id || id.length > MAX_ID_LENGTH) throw scimError.notFound('No such resource in this tenant.');
  return id;
}

/** A 4xx the shared request helpers raised, in SCIM's form; anything else is left to `answer` (500). */
const asScim = (error: unknown): unknown =>
  isAuthError(error) && error.status < 500 ? new ScimError(error.status, error.publicMessage) : error;

/** A SCIM route: authenticates, then runs `work` with the tenant's SCIM ports. */
export const scimRoute = (work: (call: ScimCall, scim: ScimDeps) => Promise<ScimOutcome>): RouteHandler<ScimHttpDeps> =>
  route('json', async (event, deps) => {
    const outcome = await answer(async () => {
      let site;
      try {
        site = resolveSite(deps.config, header(event, 'host'));
      } catch {
        throw noSuchTenant();
      }
      const now = deps.clock.now();
      const tenant = await authenticateScim(deps.tenants, site, header(event, 'authorization'), now);
      const req: ScimRequest = {
        tenant: tenant.subdomain,
        baseUrl: `${site.origin}/scim/v2`,
        requestId: event.requestContext?.requestId || randomUUID(),
        now,
      };
      const call: ScimCall = { req, query: queryOf(event), id: () => idOf(event), body: () => bodyOf(event) };
      try {
        return await work(call, deps.scim);
      } catch (error) {
        throw asScim(error);
      }
    });
    if (outcome.error)
      deps.log.error('scim request failed', { status: outcome.status, cause: describe(outcome.error.cause ?? outcome.error) });
    return scimResult(outcome);
  });
