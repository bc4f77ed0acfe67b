/**
 * Whether a state-changing form post comes from one of this site's own pages: the one rule
 * for sign-out and the setup form. Browsers say where a request comes from in
 * Sec-Fetch-Site, which must then be `same-origin`; without it, the Origin header must be
 * exactly this site's origin. `Origin: null` (sandboxed frames, `data:` pages, some
 * privacy settings) and a request with neither header are refused: no browser that could
 * have shown our form sends a post without one of them.
 */
import { header, type Event } from './request.js';

export function fromOwnPage(event: Event, origin: string): boolean {
  const fetchSite = header(event, 'sec-fetch-site');
  return fetchSite !== undefined ? fetchSite === 'same-origin' : header(event, 'origin') === origin;
}
