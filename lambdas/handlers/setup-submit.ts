/** POST /auth/setup — runs the self-test on the submitted Okta values; activates the tenant when all pass. */
import { resolveSite } from '../core/host.js';
import { route } from '../http/route.js';
import { languageOf } from '../http/request.js';
import type { SetupDeps } from '../core/setup-flow.js';
import { submitSetupForm } from '../http/setup-form.js';

export const handler = route('html', async (event, deps: SetupDeps) =>
  submitSetupForm(deps, resolveSite(deps.config, event.headers.host), event, languageOf(event)),
);
