/**
 * The setup function's clients: DynamoDB (tenants, events), the secrets key to seal a client
 * secret (`kms:Encrypt` only), and the self-test, which fetches the customer's Okta org with
 * the IdP timeout (plain-http loopback orgs only when running locally). No signing key.
 */
import { systemClock } from '../core/ports.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { httpSelfTest } from '../adapters/self-test.js';
import { basics } from './basics.js';
import { eventRecorder } from './events.js';
import { secretBox } from './keys.js';

export function wireSetup() {
  const { config, doc, log } = basics();
  return {
    config,
    directory: new DynamoDirectoryStore(doc, config.directoryTable),
    selfTest: httpSelfTest({
      fetch: (input, init) => globalThis.fetch(input, init),
      timeoutMs: config.idpTimeoutSeconds * 1000,
      allowLoopback: config.scheme === 'http',
    }),
    secrets: secretBox(config),
    events: eventRecorder(doc, config, log),
    clock: systemClock,
    log,
  };
}
