/**
 * Strict-Transport-Security: a browser that has seen it uses only https for this host and
 * its subdomains for a year. Sent on every response of a deployed (https) host — pages,
 * JSON, redirects, error answers, the fallback — and never over http on `*.localhost`,
 * where it would be ignored at best. Preloading is a separate, deliberate step
 * (docs/ops/hsts.md).
 */
import type { Config } from '../core/config.js';

const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** The header every response of an https deployment carries, whatever route or outcome; none over http. */
export const hstsHeaders = (config: Pick<Config, 'scheme'>): Record<string, string> =>
  config.scheme === 'https' ? { 'strict-transport-security': STRICT_TRANSPORT_SECURITY } : {};
