/**
 * The stand-in for Impero's dashboard at `/dashboard`: it trusts nothing but the session
 * cookie, verified against the product's own JWKS fetched over HTTP, as the real app would.
 */
import { request } from 'node:http';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { readCookie, SESSION_COOKIE } from '../core/cookies.js';
import { escapeHtml, page } from '../core/html.js';

/** GET over loopback HTTP with an explicit Host header (Node cannot resolve *.localhost). */
function getJson(port: number, path: string, host: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host }, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c) => (body += c)).on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('JWKS request timed out'))).on('error', reject).end();
  });
}

export type DashboardResult = { status: 200; body: string } | { status: 303; location: string };

export async function dashboard(opts: { origin: string; host: string; port: number; cookieHeader?: string }): Promise<DashboardResult> {
  const token = readCookie(opts.cookieHeader ? [opts.cookieHeader] : [], SESSION_COOKIE);
  const toLogin: DashboardResult = { status: 303, location: `${opts.origin}/auth/login?return_to=%2Fdashboard` };
  if (!token) return toLogin;
  const jwks = (await getJson(opts.port, '/auth/.well-known/jwks.json', opts.host)) as JSONWebKeySet;
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      algorithms: ['ES256'],
      issuer: `${opts.origin}/auth`,
      audience: opts.origin,
    });
    const expires = new Date((payload.exp ?? 0) * 1000).toISOString().replace('T', ' ').slice(0, 19);
    return {
      status: 200,
      body: page(
        'Dashboard',
        `<h1>Dashboard</h1>
<p>Signed in as <strong id="signed-in-email">${escapeHtml(String(payload.email))}</strong> (tenant <strong>${escapeHtml(String(payload.tenant))}</strong>).</p>
<p class="meta">Account ${escapeHtml(String(payload.sub))} · session ends ${expires} UTC</p>
<form method="post" action="/auth/logout"><button type="submit">Sign out</button></form>`,
      ),
    };
  } catch {
    return toLogin;
  }
}
