/** The login function: everything a sign-in does before Okta, warm for the whole first half of it. */
import { handler as authorize } from '../handlers/authorize.js';
import { handler as discover } from '../handlers/discover.js';
import { handler as loginPage } from '../handlers/login-page.js';
import { handler as loginSubmit } from '../handlers/login-submit.js';
import { serve } from '../http/serve.js';
import { wireLogin } from '../wiring/login.js';

export const handler = serve('login', wireLogin, {
  'GET /auth/login': loginPage,
  'POST /auth/login': loginSubmit,
  'POST /auth/discover': discover,
  'GET /auth/authorize': authorize,
});
