/** The fallback function: API Gateway's `$default`, answered from the route table alone. */
import { handler as notFound } from '../handlers/not-found.js';
import { serve } from '../http/serve.js';
import { wireFallback } from '../wiring/fallback.js';

export const handler = serve('fallback', wireFallback, { $default: notFound });
