/** A Lambda with a broken configuration still answers with the product's own error page. */
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { Event } from '../../lambdas/http/request.js';

describe('a handler whose environment is malformed', () => {
  it('answers 500 with the generic page and headers, not a crash', async () => {
    process.env.SESSION_TTL_SECONDS = 'forever';
    process.env.LOG_FORMAT = 'pretty';
    const lines: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = (chunk: unknown) => lines.push(String(chunk)) > 0;
    try {
      vi.resetModules(); // a cold start: the entry reads this environment on its first request
      const { handler } = await import('../../lambdas/functions/login.js');
      const event = {
        routeKey: 'GET /auth/login',
        rawPath: '/auth/login',
        rawQueryString: '',
        headers: { host: 'demo.localhost' },
        requestContext: { requestId: 'r1', http: { method: 'GET' } },
      } as unknown as Event;
      const res = await handler(event, { getRemainingTimeInMillis: () => 10_000 } as Context);
      expect(res.statusCode).toBe(500);
      expect(res.body).toContain('Something went wrong on our side');
      expect(res.body).not.toContain('forever');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(lines.join('')).toContain('SESSION_TTL_SECONDS');
    } finally {
      process.stdout.write = write;
      delete process.env.SESSION_TTL_SECONDS;
    }
  });
});
