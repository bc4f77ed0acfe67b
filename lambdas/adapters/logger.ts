/**
 * Log lines, through Powertools' Logger: in Lambda one JSON object per line with the Lambda
 * context (`injectLambdaContext` in every function's middy chain) and the request's correlation
 * id; locally (`LOG_FORMAT=pretty`) one readable line. The formatters (log-format.ts) lay
 * lines out and drop fields whose names suggest a secret.
 */
import { Logger, type LogItem } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Log } from '../core/ports.js';
import { ENV, LOG_FORMAT, SERVICE_NAME } from '../names.js';
import { JsonLogFormatter, PrettyLogFormatter, TextLogItem } from './log-format.js';

export { redact } from './log-format.js';

export interface RequestLog extends Log {
  /** Attaches the request's correlation id to every following line of this request. */
  setCorrelationId(id: string): void;
  /** The current request's correlation id, if one is set. */
  correlationId(): string | undefined;
}

class ProcessLogger extends Logger {
  constructor(format: string | undefined) {
    super({
      serviceName: process.env[ENV.POWERTOOLS_SERVICE_NAME] ?? SERVICE_NAME,
      logFormatter: format === LOG_FORMAT.pretty ? new PrettyLogFormatter() : new JsonLogFormatter(),
    });
  }

  // Powertools prints JSON; a line the formatter laid out as text goes out as it is.
  protected override printLog(level: number, item: LogItem): void {
    if (item instanceof TextLogItem) process.stdout.write(`${item.text}\n`);
    else super.printLog(level, item);
  }
}

/** The port over a Powertools Logger: the correlation id is the Logger's own (`correlation_id`). */
function requestLog(logger: ProcessLogger): RequestLog {
  return {
    info: (message, fields) => logger.info(message, fields ?? {}),
    warn: (message, fields) => logger.warn(message, fields ?? {}),
    error: (message, fields) => logger.error(message, fields ?? {}),
    setCorrelationId: (id) => logger.setCorrelationId(id),
    correlationId: () => {
      const id = logger.getCorrelationId();
      return typeof id === 'string' ? id : undefined;
    },
  };
}

let shared: { logger: ProcessLogger; log: RequestLog } | undefined;
const processWide = () => {
  if (!shared) {
    const logger = new ProcessLogger(process.env[ENV.LOG_FORMAT]);
    shared = { logger, log: requestLog(logger) };
  }
  return shared;
};

/** The process's logger, shared by the HTTP middleware and the wiring; usable even when the configuration is broken. */
export const processLog = (): RequestLog => processWide().log;

export function createLog(format = process.env[ENV.LOG_FORMAT]): RequestLog {
  return requestLog(new ProcessLogger(format));
}

type Middleware = ReturnType<typeof injectLambdaContext>;

/**
 * The middy middleware that adds the Lambda context to the process log's lines for one
 * invocation and clears the request's keys (the correlation id) when it ends. Never logs the
 * event (it holds cookies), whatever POWERTOOLS_LOGGER_LOG_EVENT says. Built on the first
 * request, with the logger: loading a function builds nothing and reads no environment.
 */
export function lambdaContextLogging(): Middleware {
  let inner: Middleware | undefined;
  const middleware = () => (inner ??= injectLambdaContext(processWide().logger, { resetKeys: true, logEvent: false }));
  return {
    before: (request) => middleware().before?.(request),
    after: (request) => middleware().after?.(request),
    onError: (request) => middleware().onError?.(request),
  };
}
