/**
 * What Okta does for Universal Logout, on the development IdP: sign a global token revocation
 * JWT with the org's own key and POST it to the app's endpoint. Also a small page,
 * `/dev/universal-logout`, so a newcomer can end a user's sessions and watch it happen.
 */
import { randomUUID } from 'node:crypto';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { DevClient, DevDirectory } from './okta-idp-directory.js';
import { negotiateLang } from '../core/language.js';
import { idpPageHeaders, universalLogoutPage, type UniversalLogoutResult } from './okta-idp-pages.js';

export const UNIVERSAL_LOGOUT_PAGE = '/dev/universal-logout';

export type LogoutSubject = { format: 'email'; email: string } | { format: 'iss_sub'; iss: string; sub: string };

/** Signs any header and payload with the org's RS256 key (tests use it for malformed tokens too). */
export async function signWithOrgKey(jwk: JWK, header: Record<string, unknown>, payload: JWTPayload): Promise<string> {
  const key = await importJWK(jwk, 'RS256');
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: jwk.kid, ...header }).sign(key);
}

/** The token Okta sends: typ global-token-revocation+jwt, 5 minutes, a fresh jti. */
export function logoutTokenClaims(issuer: string, client: DevClient, nowSeconds = Math.floor(Date.now() / 1000)): JWTPayload {
  return {
    iss: issuer,
    sub: client.clientId,
    aud: client.universalLogoutUri,
    iat: nowSeconds,
    nbf: nowSeconds,
    exp: nowSeconds + 300,
    jti: randomUUID(),
  };
}

/** POSTs to a loopback app with the URL's host in the Host header (Node cannot resolve *.localhost). */
function post(url: URL, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: Number(url.port || 80),
        method: 'POST',
        path: url.pathname,
        headers: { ...headers, host: url.host, 'content-length': Buffer.byteLength(body) },
        timeout: 5000,
      },
      (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0)),
    );
    req
      .on('timeout', () => req.destroy(new Error('the app did not answer in time')))
      .on('error', reject)
      .end(body);
  });
}

export async function sendUniversalLogout(issuer: string, jwk: JWK, client: DevClient, subject: LogoutSubject): Promise<number> {
  if (!client.universalLogoutUri) throw new Error(`client ${client.clientId} has no Universal Logout endpoint`);
  const token = await signWithOrgKey(jwk, { typ: 'global-token-revocation+jwt' }, logoutTokenClaims(issuer, client));
  const body = JSON.stringify({ sub_id: subject });
  return post(new URL(client.universalLogoutUri), { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body);
}

/** A small urlencoded form body (at most about 4 KB is read). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8');
    if (text.length > 4096) break;
  }
  return new URLSearchParams(text);
}

/** GET shows the form; POST sends Universal Logout for the chosen app and user, and shows the app's answer. */
export function universalLogoutHandler(issuer: string, jwk: JWK, directory: DevDirectory, log: (line: string) => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const clients = directory.universalLogoutClients().map((c) => c.clientId);
    const lang = negotiateLang(req.headers['accept-language']);
    const send = (status: number, result?: UniversalLogoutResult) => {
      res.writeHead(status, idpPageHeaders(lang));
      res.end(universalLogoutPage(lang, { action: UNIVERSAL_LOGOUT_PAGE, clients, result }));
    };
    if (req.method !== 'POST') return send(200);
    const form = await readForm(req);
    const client = directory.client(form.get('client_id') ?? '');
    const user = directory.userByEmail(form.get('email') ?? '');
    if (!client?.universalLogoutUri || !user) return send(400, { kind: 'invalid' });
    try {
      const status = await sendUniversalLogout(issuer, jwk, client, { format: 'email', email: user.email });
      log(`idp: universal logout of ${user.id} sent to client ${client.clientId}: HTTP ${status}`);
      send(200, { kind: 'sent', email: user.email, endpoint: client.universalLogoutUri, status });
    } catch (error) {
      send(502, { kind: 'unreachable', reason: (error as Error).message });
    }
  };
}
