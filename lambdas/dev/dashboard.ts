/**
 * The stand-in for Impero's dashboard at `/dashboard`: it asks `GET /auth/session` over HTTP
 * with the browser's cookie, as Impero's real services do, and trusts nothing else.
 */
import { request } from 'node:http';
import { readCookie, SESSION_COOKIE } from '../core/cookies.js';
import { escapeHtml, page } from '../core/html.js';
import { fill, formatDateTime, type Lang } from '../core/language.js';
import { csrfToken } from '../core/session.js';
import type { LiveSession } from '../core/session-check.js';
import { devTexts } from './dev-texts.js';

/** GET over loopback HTTP with an explicit Host header (Node cannot resolve *.localhost). */
function getJson(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, timeout: 5000 }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (c) => (body += c))
        .on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) });
          } catch (error) {
            reject(error);
          }
        });
    });
    req
      .on('timeout', () => req.destroy(new Error('session check timed out')))
      .on('error', reject)
      .end();
  });
}

export type DashboardResult = { status: 200; body: string } | { status: 303; location: string };

export async function dashboard(opts: {
  origin: string;
  host: string;
  port: number;
  lang: Lang;
  cookieHeader?: string;
}): Promise<DashboardResult> {
  const token = readCookie(opts.cookieHeader ? [opts.cookieHeader] : [], SESSION_COOKIE);
  if (!token) return { status: 303, location: `${opts.origin}/auth/login?return_to=%2Fdashboard` };
  const check = await getJson(opts.port, '/auth/session', { host: opts.host, cookie: `${SESSION_COOKIE}=${token}` });
  const t = devTexts[opts.lang].dashboard;
  if (check.status !== 200) {
    return {
      status: 200,
      body: page(
        opts.lang,
        t.signedOutTitle,
        `<h1>${escapeHtml(t.signedOutTitle)}</h1>
<p id="signed-out" role="status">${escapeHtml(t.signedOut)}</p>
<p><a class="button" href="/auth/login?return_to=%2Fdashboard">${escapeHtml(t.signIn)}</a></p>`,
      ),
    };
  }
  const session = check.body as LiveSession;
  const signedInAs = fill(escapeHtml(t.signedInAs), {
    email: `<strong id="signed-in-email">${escapeHtml(session.email)}</strong>`,
    tenant: `<strong>${escapeHtml(session.tenant)}</strong>`,
  });
  const ends = fill(t.session, { account: session.sub, time: formatDateTime(opts.lang, new Date(session.exp * 1000)) });
  const groups = session.groups?.length ? `\n<p id="groups">${escapeHtml(fill(t.groups, { groups: session.groups.join(', ') }))}</p>` : '';
  return {
    status: 200,
    body: page(
      opts.lang,
      t.title,
      `<h1>${escapeHtml(t.title)}</h1>
<p>${signedInAs}</p>
<p class="meta">${escapeHtml(ends)}</p>${groups}
<form method="post" action="/auth/logout"><input type="hidden" name="csrf" value="${escapeHtml(csrfToken(session.sid))}"><button type="submit">${escapeHtml(t.signOut)}</button></form>`,
    ),
  };
}
