/** POST /auth/setup — runs the self-test on the submitted Okta values; activates the tenant when all pass. */
import { resolveSite } from '../core/host.js';
import { route } from '../http/route.js';
import { languageOf } from '../http/request.js';
import { submitSetup, type SetupDeps } from '../http/setup-flow.js';

export const handler = route('html', async (event, deps: SetupDeps) => submitSetup(deps, resolveSite(deps.config, event.headers.host), event, languageOf(event)));
