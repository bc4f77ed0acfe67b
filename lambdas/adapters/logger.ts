/**
 * Log lines. In Lambda: JSON through Powertools' Logger (one object per line, correlation id
 * attached). Locally (`LOG_FORMAT=pretty`): one readable line per event. Fields whose names
 * suggest a secret are dropped before either sees them.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../core/ports.js';

const SECRET = /code|token|secret|verifier|password|cookie|authorization|nonce|state/i;
/** Field names that look secret but hold harmless values. */
const ALLOWED = new Set(['errorCode', 'status', 'statusCode']);

export function redact(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => ALLOWED.has(k) || !SECRET.test(k)));
}

export interface RequestLog extends Log {
  /** Attaches the request's correlation id to every following line. */
  setCorrelationId(id: string): void;
  /** The id set last, if any. */
  correlationId(): string | undefined;
}

let shared: RequestLog | undefined;

/** The process's logger, shared by the HTTP middleware and the wiring; usable even when the configuration is broken. */
export const processLog = (): RequestLog => (shared ??= createLog());

export function createLog(format = process.env.LOG_FORMAT): RequestLog {
  return format === 'pretty' ? prettyLog() : powertoolsLog();
}

function powertoolsLog(): RequestLog {
  const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'impero-sso' });
  let correlationId: string | undefined;
  return {
    setCorrelationId: (id) => {
      correlationId = id;
      logger.appendKeys({ correlation_id: id });
    },
    correlationId: () => correlationId,
    info: (m, f) => logger.info(m, redact(f)),
    warn: (m, f) => logger.warn(m, redact(f)),
    error: (m, f) => logger.error(m, redact(f)),
  };
}

function prettyLog(): RequestLog {
  let correlationId = '-';
  const line = (level: string, message: string, fields?: Record<string, unknown>) => {
    const extra = Object.entries(redact(fields))
      .map(([k, v]) => `${k}=${v instanceof Error ? v.message : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' ');
    const time = new Date().toISOString().slice(11, 19);
    process.stdout.write(`${time} ${level.padEnd(5)} [${correlationId.slice(0, 8)}] ${message}${extra ? ` ${extra}` : ''}\n`);
  };
  return {
    setCorrelationId: (id) => (correlationId = id),
    correlationId: () => (correlationId === '-' ? undefined : correlationId),
    info: (m, f) => line('info', m, f),
    warn: (m, f) => line('warn', m, f),
    error: (m, f) => line('error', m, f),
  };
}
