/**
 * The scim function's clients: DynamoDB only (the directory table for tenants, accounts and
 * groups; the sessions table to end and update an account's sessions; the events table).
 * No KMS client, no Okta client: tokens are compared as hashes, nothing is signed.
 */
import { systemClock } from '../core/ports.js';
import { RevokingScimSessions } from '../core/scim/sessions.js';
import { DynamoSessionStore } from '../adapters/dynamo-sessions.js';
import { DynamoTenantStore } from '../adapters/dynamo-tenants.js';
import { basics } from './basics.js';
import { eventRecorder } from './events.js';
import { scimDirectoryPlaceholder } from './scim-directory-placeholder.js';

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
      // Phase 2b: the DynamoDB ScimDirectory on config.directoryTable replaces the placeholder.
      directory: scimDirectoryPlaceholder(),
      sessions: new RevokingScimSessions(new DynamoSessionStore(doc, config.sessionTable), log, events),
      events,
    },
  };
}
