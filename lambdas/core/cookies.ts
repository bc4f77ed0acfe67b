/**
 * The session and login-binding cookies, and how every cookie of the product is set (the setup
 * form's too): a `__Host-` name, `Secure`, `HttpOnly`, `SameSite=Lax` (it survives the redirect
 * back from Okta; Strict would not), `Path=/`, no `Domain`, and a bounded `Max-Age`.
 */

export const SESSION_COOKIE = '__Host-impero_session';
/** Binds a login transaction to the browser that started it. */
export const BINDING_COOKIE = '__Host-impero_login';

const ATTRIBUTES = 'Path=/; Secure; HttpOnly; SameSite=Lax';

export const setCookie = (name: string, value: string, maxAgeSeconds: number): string =>
  `${name}=${value}; Max-Age=${maxAgeSeconds}; ${ATTRIBUTES}`;

export const clearCookie = (name: string): string => `${name}=; Max-Age=0; ${ATTRIBUTES}`;

/**
 * Reads one cookie from API Gateway's `cookies` array (or a raw Cookie header split on `;`).
 * Malformed pairs are ignored; the first occurrence wins.
 */
export function readCookie(cookies: readonly string[] | undefined, name: string): string | undefined {
  for (const part of cookies ?? []) {
    for (const pair of part.split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
    }
  }
  return undefined;
}
