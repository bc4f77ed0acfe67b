/** Where to send the user after sign-in: a same-host path, never another origin. */

export const DEFAULT_RETURN_TO = '/dashboard';
const MAX_RETURN_TO = 512;

/**
 * Returns `input` if it is a plain same-host path (`/reports?id=1`), otherwise the
 * dashboard. Rejects scheme-relative (`//evil`), backslash (`/\evil`), encoded-slash
 * tricks, control characters, and paths into `/auth/` (no loops back into the login).
 */
export function safeReturnTo(input: unknown): string {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_RETURN_TO) return DEFAULT_RETURN_TO;
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (!input.startsWith('/') || input.startsWith('//') || /[\\\x00-\x1f\x7f]/.test(input)) return DEFAULT_RETURN_TO;
  let decoded: string;
  try {
    decoded = decodeURIComponent(input);
  } catch {
    return DEFAULT_RETURN_TO;
  }
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (decoded.startsWith('//') || /[\\\x00-\x1f\x7f]/.test(decoded)) return DEFAULT_RETURN_TO;
  // Resolve against a dummy origin: anything that escapes it is not a same-host path.
  const url = new URL(input, 'https://tenant.invalid');
  const path = url.pathname + url.search + url.hash;
  // Normalisation can recreate a leading `//` (`/.//evil.example`): check the result too.
  if (url.origin !== 'https://tenant.invalid' || url.pathname.startsWith('/auth/') || path.startsWith('//')) return DEFAULT_RETURN_TO;
  return path;
}
