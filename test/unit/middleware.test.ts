import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { AuthError, ErrorCode } from '../../lambdas/core/errors.js';
import type { RequestLog } from '../../lambdas/adapters/logger.js';
import { httpErrors, type Format } from '../../lambdas/http/middleware.js';
import type { Event } from '../../lambdas/http/request.js';
import { html, type Result } from '../../lambdas/http/respond.js';

function harness(format: Format, fail: unknown, headers: Record<string, string> = {}) {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const log: RequestLog = {
    setCorrelationId: () => undefined,
    correlationId: () => undefined,
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
  const handler = middy<Event, Result, Error, Context>()
    .use(httpErrors(format, () => log) as unknown as MiddlewareObj<Event, Result, Error, Context>)
    .handler(async () => {
      throw fail;
    });
  const event = { rawPath: '/auth/x', headers, requestContext: { requestId: 'req-1', http: { method: 'GET' } } } as unknown as Event;
  return { run: () => handler(event, {} as Context), lines };
}

describe('httpErrors middleware', () => {
  it('shows a 4xx AuthError as its code’s page, with its status and the correlation id', async () => {
    const { run } = harness('html', new AuthError(ErrorCode.LOGIN_EXPIRED, 'English for the logs.'));
    const res = await run();
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<h1>Please sign in again</h1>');
    expect(res.body).toContain('Start again from the login page.');
    expect(res.body).not.toContain('English for the logs.');
    expect(res.body).toContain('req-1');
    expect(res.headers['x-correlation-id']).toBe('req-1');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers).toMatchObject({ 'content-language': 'en', vary: 'Accept-Language' });
  });

  it('answers in Danish when the browser prefers it, with the error’s own message and params', async () => {
    const error = new AuthError(ErrorCode.NO_ACCOUNT, { messageKey: 'no_account_for_email', params: { email: 'ada@acme.com' } });
    const { run } = harness('html', error, { 'accept-language': 'da-DK,da;q=0.9,en;q=0.8' });
    const res = await run();
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<html lang="da">');
    expect(res.body).toContain('<h1>Ingen Impero-konto</h1>');
    expect(res.body).toContain('Der er ingen Impero-konto til ada@acme.com.');
    expect(res.headers).toMatchObject({ 'content-language': 'da', vary: 'Accept-Language' });
  });

  it('keeps JSON answers English whatever the browser prefers', async () => {
    const { run } = harness('json', new AuthError(ErrorCode.BAD_REQUEST, { messageKey: 'email_missing' }), { 'accept-language': 'da' });
    const res = await run();
    expect(JSON.parse(res.body!)).toMatchObject({ error: 'bad_request', message: 'Enter your work email address.' });
    expect(res.headers['content-language']).toBeUndefined();
  });

  it('hides an unexpected error behind a generic 500, logging the cause but never a stack trace', async () => {
    const secret = new Error('database password is hunter2');
    const { run, lines } = harness('html', secret);
    const res = await run();
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect(res.body).toContain('Something went wrong');
    const error = lines.find((l) => l.level === 'error')!;
    expect(error.fields?.cause).toBe('Error: database password is hunter2');
  });

  it('answers JSON routes with { error, message }', async () => {
    const { run } = harness('json', new AuthError(ErrorCode.BAD_REQUEST, 'Enter your work email address.'));
    const res = await run();
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body!)).toEqual({ error: 'bad_request', message: 'Enter your work email address.', correlationId: 'req-1' });
  });

  it('gives the header, the page and the log line one correlation id even when a middleware before it failed', async () => {
    const lines: { message: string; id?: string }[] = [];
    let id: string | undefined;
    const log: RequestLog = {
      setCorrelationId: (value) => (id = value),
      correlationId: () => id,
      info: (message) => lines.push({ message, id }),
      warn: (message) => lines.push({ message, id }),
      error: (message) => lines.push({ message, id }),
    };
    const failing = { before: () => Promise.reject(new Error('context unavailable')) };
    const handler = middy<Event, Result, Error, Context>()
      .use(failing)
      .use(httpErrors('html', () => log) as unknown as MiddlewareObj<Event, Result, Error, Context>)
      .handler(async () => html(200, 'never', { lang: 'en' }));
    const res = await handler(
      { rawPath: '/auth/x', headers: {}, requestContext: { requestId: 'req-early', http: { method: 'GET' } } } as unknown as Event,
      {} as Context,
    );
    expect(res.statusCode).toBe(500);
    expect(res.headers['x-correlation-id']).toBe('req-early');
    expect(res.body).toContain('req-early');
    expect(lines.map((l) => l.id)).toEqual(['req-early', 'req-early']); // the error line and the access line
  });

  it('never shows a thrown non-Error value', async () => {
    const { run } = harness('json', { token: 'eyJ.secret' });
    const res = await run();
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('eyJ');
  });
});
