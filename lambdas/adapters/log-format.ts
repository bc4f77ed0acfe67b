/**
 * What a log line looks like, as Powertools `LogFormatter`s: JSON in Lambda, one readable line
 * locally. Both drop fields whose names suggest a secret, and every line goes through one of
 * them — a call's fields, appended keys, Powertools' own notices alike.
 */
import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

const SECRET = /code|token|secret|verifier|password|cookie|authorization|nonce|state/i;
/** Field names that look secret but hold harmless values. */
const ALLOWED = new Set(['errorCode', 'status', 'statusCode']);

export function redact(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => ALLOWED.has(k) || !SECRET.test(k)));
}

abstract class RedactingFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, fields: LogAttributes): LogItem {
    return this.layout(attributes, redact(fields));
  }
  protected abstract layout(attributes: UnformattedAttributes, fields: LogAttributes): LogItem;
}

/**
 * Lambda: Powertools' standard keys (with the Lambda context: `cold_start`,
 * `function_request_id`, …), then the fields at the top level, where the alarms' metric
 * filters read `$.event`.
 */
export class JsonLogFormatter extends RedactingFormatter {
  protected layout(a: UnformattedAttributes, fields: LogAttributes): LogItem {
    const context = a.lambdaContext;
    return new LogItem({
      attributes: {
        level: a.logLevel,
        message: a.message,
        timestamp: this.formatTimestamp(a.timestamp),
        service: a.serviceName,
        cold_start: context?.coldStart,
        function_arn: context?.invokedFunctionArn,
        function_memory_size: context?.memoryLimitInMB,
        function_name: context?.functionName,
        function_request_id: context?.awsRequestId,
        sampling_rate: a.sampleRateValue,
        xray_trace_id: a.xRayTraceId,
        tenant_id: context?.tenantId,
      },
    }).addAttributes(fields);
  }
}

/** A line already laid out, printed as it is. */
export class TextLogItem extends LogItem {
  constructor(readonly text: string) {
    super({ attributes: { message: text } });
  }
}

/** Local (`LOG_FORMAT=pretty`): `12:34:56 warn  [1a2b3c4d] message key=value …`, the correlation id cut to 8. */
export class PrettyLogFormatter extends RedactingFormatter {
  protected layout(a: UnformattedAttributes, fields: LogAttributes): LogItem {
    const { correlation_id: id, ...rest } = fields;
    const extra = Object.entries(rest)
      .map(([k, v]) => `${k}=${text(v)}`)
      .join(' ');
    const time = a.timestamp.toISOString().slice(11, 19);
    const level = a.logLevel.toLowerCase().padEnd(5);
    return new TextLogItem(`${time} ${level} [${text(id ?? '-').slice(0, 8)}] ${a.message}${extra ? ` ${extra}` : ''}`);
  }
}

/** A field's value in a pretty line: an error's message, objects as JSON, anything else as its string. */
function text(v: unknown): string {
  if (v instanceof Error) return v.message;
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}
