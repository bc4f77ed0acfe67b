/** The event recorder of the functions that record events (callback, session, setup): one write per event, finished before the answer. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../core/config.js';
import { EventRecorder } from '../core/events.js';
import { systemClock } from '../core/ports.js';
import { DynamoEventStore } from '../adapters/dynamo-events.js';
import type { RequestLog } from '../adapters/logger.js';

export const eventRecorder = (doc: DynamoDBDocumentClient, config: Config, log: RequestLog): EventRecorder =>
  new EventRecorder(new DynamoEventStore(doc, config.eventsTable, config.eventRetentionDays), systemClock, log, () => log.correlationId());
