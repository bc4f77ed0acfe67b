/** The setup function: an invited tenant's setup link, the only web route that writes tenants and seals secrets. */
import { handler as setupPage } from '../handlers/setup-page.js';
import { handler as setupSubmit } from '../handlers/setup-submit.js';
import { serve } from '../http/serve.js';
import { wireSetup } from '../wiring/setup.js';

export const handler = serve('setup', wireSetup, {
  'GET /auth/setup': setupPage,
  'POST /auth/setup': setupSubmit,
});
