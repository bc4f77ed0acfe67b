/** The fallback answers from the route table alone: configuration and the log, no client. */
import { loadConfig } from '../core/config.js';
import { processLog } from '../adapters/logger.js';

export const wireFallback = () => ({ config: loadConfig(), log: processLog() });
