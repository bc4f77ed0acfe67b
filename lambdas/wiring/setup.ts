/**
 * The setup function's clients: DynamoDB (tenants, events), the secrets key to seal a client
 * secret (`kms:Encrypt` only), and Okta for the self-test. No signing key.
 */
import { systemClock } from '../core/ports.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { basics } from './basics.js';
import { eventRecorder } from './events.js';
import { secretBox } from './keys.js';

export function wireSetup() {
  const { config, doc, log } = basics();
  return {
    config,
    directory: new DynamoDirectoryStore(doc, config.directoryTable),
    secrets: secretBox(config),
    events: eventRecorder(doc, config, log),
    clock: systemClock,
    log,
  };
}
