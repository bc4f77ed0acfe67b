/** `npm run cli -- <command>`: the support CLI. See lambdas/support/ and `--help`. */
import { runCli } from '../lambdas/support/program.js';
import { readFirstLine } from '../lambdas/support/stdin.js';

// The SDK's notice that its 2027 releases need Node 22 is not news to a support agent.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stdin: () => readFirstLine(process.stdin),
});
process.exitCode = code;
