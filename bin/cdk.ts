/**
 * CDK entry point (`cdk.json`: `npx tsx bin/cdk.ts`). Context keys: lib/settings.ts.
 * A refused setting is one line on stderr naming it, and a non-zero exit; no stack trace.
 */
import { ConfigError } from '../lambdas/core/config.js';
import { createApp } from '../lib/app.js';
import { SettingsError } from '../lib/settings.js';

try {
  createApp().app.synth();
} catch (error) {
  if (!(error instanceof SettingsError || error instanceof ConfigError)) throw error;
  process.stderr.write(`impero-sso: ${error.message}\n`);
  process.exitCode = 1;
}
