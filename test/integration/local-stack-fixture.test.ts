/**
 * The test stack in a worker that earlier files have used: it starts as a fresh `npm start`
 * does, so its handlers log through a logger of their own in the readable local format, and
 * the stack's `logs` (which tests search for leaked secrets) really holds their lines.
 */
import { afterAll, expect, it, vi } from 'vitest';
import { TestBrowser } from '../fixtures/http-client.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack | undefined;
afterAll(() => stack?.close());

it('captures the handlers’ lines even when an earlier file made the process logger for JSON', async () => {
  // What a unit file before this one may leave in the worker: the process logger, made for Lambda's JSON.
  delete process.env.LOG_FORMAT;
  vi.resetModules();
  const { processLog } = await import('../../lambdas/adapters/logger.js');
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  processLog().info('from an earlier file');
  spy.mockRestore();
  expect(JSON.parse(written.join(''))).toMatchObject({ message: 'from an earlier file' });

  stack = await startTestStack();
  const res = await new TestBrowser().get(`${stack.origin()}/auth/login`);
  expect(res.status).toBe(200);
  expect(stack.logs).toEqual(
    expect.arrayContaining([expect.stringMatching(/^\d\d:\d\d:\d\d info .* request route=GET \/auth\/login status=200/)]),
  );
});
