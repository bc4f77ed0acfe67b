/** The callback function: the only one that redeems codes and signs sessions. */
import { handler as callback } from '../handlers/callback.js';
import { serve } from '../http/serve.js';
import { wireCallback } from '../wiring/callback.js';

export const handler = serve('callback', wireCallback, { 'GET /auth/callback': callback });
