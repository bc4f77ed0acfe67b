import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonLogFormatter, PrettyLogFormatter, TextLogItem } from '../../lambdas/adapters/log-format.js';
import { redact } from '../../lambdas/adapters/logger.js';

afterEach(() => vi.restoreAllMocks());

describe('redact', () => {
  it('drops fields whose names suggest secrets and keeps the rest', () => {
    const fields = {
      tenant: 'acme',
      code: 'c',
      id_token: 't',
      accessToken: 't',
      codeVerifier: 'v',
      state: 's',
      nonce: 'n',
      cookie: 'k',
      clientSecret: 'x',
      password: 'p',
      errorCode: 'idp_error',
      status: 502,
    };
    expect(redact(fields)).toEqual({ tenant: 'acme', errorCode: 'idp_error', status: 502 });
  });
});

describe('the log formatters', () => {
  const base = {
    logLevel: 'WARN' as const,
    timestamp: new Date('2030-01-02T03:04:05.678Z'),
    message: 'hello',
    serviceName: 'impero-sso',
    sampleRateValue: 0,
    awsRegion: 'eu-west-1',
  };
  // Every attribute of a line reaches the formatter: a call's fields and the keys the logger carries alike.
  const attributes = { correlation_id: 'abcdef0123', tenant: 'acme', refresh_token: 'rt-secret', authorization: 'Bearer x' };

  it('drop secret-named attributes whatever put them there, in both formats', () => {
    const json = new JsonLogFormatter().formatAttributes(base, attributes).getAttributes();
    expect(json).toMatchObject({ level: 'WARN', message: 'hello', correlation_id: 'abcdef0123', tenant: 'acme' });
    expect(JSON.stringify(json)).not.toMatch(/rt-secret|Bearer/);
    const line = new PrettyLogFormatter().formatAttributes(base, attributes) as TextLogItem;
    expect(line.text).toBe('03:04:05 warn  [abcdef01] hello tenant=acme');
  });

  it('lay out JSON lines with the keys of Powertools’ own formatter, in its order', () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    const context = {
      functionName: 'f',
      awsRequestId: 'r',
      invokedFunctionArn: 'arn',
      memoryLimitInMB: '512',
      functionVersion: '1',
    } as Context;
    for (const logger of [new Logger({ serviceName: 's' }), new Logger({ serviceName: 's', logFormatter: new JsonLogFormatter() })]) {
      logger.addContext(context);
      logger.appendKeys({ correlation_id: 'c' });
      logger.info('m', { tenant: 't' });
    }
    const [theirs, ours] = out.map((l) => Object.keys(JSON.parse(l) as object));
    expect(ours).toEqual(theirs);
  });
});
