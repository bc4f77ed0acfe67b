/** CDK entry point (`cdk.json`: `npx tsx bin/cdk.ts`). Context keys: lib/settings.ts. */
import { createApp } from '../lib/app.js';

createApp().app.synth();
