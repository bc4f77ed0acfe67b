import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const TESTS = 'test/**/*.test.ts';

/**
 * Files that load the Lambda entries in this process (the local stack, `functions/…`, a module
 * reset) build their wiring once per module instance, as a Lambda does per cold start: they
 * each need modules of their own. Every other file shares its worker's modules with the files
 * before it, which saves the seconds each file would spend importing the SDK, the CDK and
 * the rest again.
 */
const NEEDS_FRESH_MODULES =
  /fixtures\/(stack|browser-suite)\.js|lambdas\/dev\/(local-stack|server)\.js|lambdas\/functions\/|wiring\/|resetModules/;
const ROOT = fileURLToPath(new URL('.', import.meta.url));
const fresh = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => join('test', file))
  .filter((file) => NEEDS_FRESH_MODULES.test(readFileSync(join(ROOT, file), 'utf8')));

export default defineConfig({
  test: {
    setupFiles: ['test/fixtures/loopback-only.ts'],
    // Ends every run with its ten slowest files (SLOWEST_FILES=all: every file).
    reporters: ['default', './test/reporters/slowest-files.ts'],
    globalSetup: [
      'test/fixtures/dynamodb-local-global.ts',
      'test/fixtures/cli-bundle-global.ts',
      'test/fixtures/dev-okta-key-global.ts',
      'test/fixtures/chromium-global.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two workers on these 2-core machines (vitest's default is one fewer than the cores):
    // most files wait on sockets, child processes, Chromium and the JVM.
    maxWorkers: 2,
    // The SDK's notice that its 2027 releases need Node 22; the Lambdas run Node 24 already.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'fresh modules', include: fresh, isolate: true } },
      { extends: true, test: { name: 'shared modules', include: [TESTS], exclude: fresh, isolate: false } },
    ],
  },
});
