import { defineConfig } from 'vitest/config';

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
    include: ['test/**/*.test.ts'],
    // Files share their worker's modules with the files before it, which saves the seconds
    // each file would spend importing the SDK, oidc-provider and the rest again. A file that
    // needs our modules as a cold start finds them resets them (`vi.resetModules()`; the test
    // stack does so for its handlers, fixtures/stack.ts), and every file starts from the
    // environment the run started with (fixtures/loopback-only.ts).
    isolate: false,
  },
});
