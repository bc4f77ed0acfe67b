/** The session function: is a session live, ending sessions, and the public keys. No signing key use. */
import { handler as clientJwks } from '../handlers/client-jwks.js';
import { handler as jwks } from '../handlers/jwks.js';
import { handler as logout } from '../handlers/logout.js';
import { handler as session } from '../handlers/session.js';
import { handler as universalLogout } from '../handlers/universal-logout.js';
import { serve } from '../http/serve.js';
import { wireSession } from '../wiring/session.js';

export const handler = serve('session', wireSession, {
  'GET /auth/session': session,
  'POST /auth/logout': logout,
  'POST /auth/universal-logout': universalLogout,
  'GET /auth/.well-known/jwks.json': jwks,
  'GET /auth/.well-known/client-jwks.json': clientJwks,
});
