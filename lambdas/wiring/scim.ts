/**
 * The scim function's clients: DynamoDB only (the directory table for tenants, accounts and
 * groups; the sessions table to end and update an account's sessions and to remember where
 * listing pages ended; the events table). No KMS client, no Okta client: tokens are compared
 * as hashes, nothing is signed.
 */
import { systemClock } from '../core/ports.js';
import { RevokingScimSessions } from '../core/scim/sessions.js';
import { DynamoScimDirectory } from '../adapters/dynamo-scim-directory.js';
import { DynamoSessionStore } from '../adapters/dynamo-sessions.js';
import { DynamoTenantStore } from '../adapters/dynamo-tenants.js';
import { basics } from './basics.js';
import { eventRecorder } from './events.js';

export function wireScim() {
  const { config, doc, log } = basics();
  const events = eventRecorder(doc, config, log);
  return {
    config,
    log,
    clock: systemClock,
    events,
    tenants: new DynamoTenantStore(doc, config.directoryTable),
    scim: {
      directory: new DynamoScimDirectory(doc, { directory: config.directoryTable, sessions: config.sessionTable }),
      sessions: new RevokingScimSessions(new DynamoSessionStore(doc, config.sessionTable), log, events),
      events,
    },
  };
}
