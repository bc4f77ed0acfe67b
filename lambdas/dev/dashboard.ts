/**
 * The stand-in for Impero's dashboard at `/dashboard`: it asks `GET /auth/session` over HTTP
 * with the browser's cookie, as Impero's real services do, and trusts nothing else.
 */
import { request } from 'node:http';
import { readCookie, SESSION_COOKIE } from '../core/cookies.js';
import { escapeHtml, page } from '../core/html.js';
import { csrfToken } from '../core/session.js';
import type { LiveSession } from '../core/session-check.js';

/** GET over loopback HTTP with an explicit Host header (Node cannot resolve *.localhost). */
function getJson(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c) => (body += c)).on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) });
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('session check timed out'))).on('error', reject).end();
  });
}

export type DashboardResult = { status: 200; body: string } | { status: 303; location: string };

export async function dashboard(opts: { origin: string; host: string; port: number; cookieHeader?: string }): Promise<DashboardResult> {
  const token = readCookie(opts.cookieHeader ? [opts.cookieHeader] : [], SESSION_COOKIE);
  if (!token) return { status: 303, location: `${opts.origin}/auth/login?return_to=%2Fdashboard` };
  const check = await getJson(opts.port, '/auth/session', { host: opts.host, cookie: `${SESSION_COOKIE}=${token}` });
  if (check.status !== 200) {
    return {
      status: 200,
      body: page(
        'Signed out',
        `<h1>Signed out</h1>
<p id="signed-out" role="status">Your session has ended. Sign in again to continue.</p>
<p><a class="button" href="/auth/login?return_to=%2Fdashboard">Sign in</a></p>`,
      ),
    };
  }
  const session = check.body as LiveSession;
  const expires = new Date(session.exp * 1000).toISOString().replace('T', ' ').slice(0, 19);
  return {
    status: 200,
    body: page(
      'Dashboard',
      `<h1>Dashboard</h1>
<p>Signed in as <strong id="signed-in-email">${escapeHtml(session.email)}</strong> (tenant <strong>${escapeHtml(session.tenant)}</strong>).</p>
<p class="meta">Account ${escapeHtml(session.sub)} · session ends ${expires} UTC</p>
<form method="post" action="/auth/logout"><input type="hidden" name="csrf" value="${escapeHtml(csrfToken(session.sid))}"><button type="submit">Sign out</button></form>`,
    ),
  };
}
