/** Events the support CLI itself writes (session revocations): one awaited put each, never a failed command. */
import { newEventId, type EventInput } from '../core/events.js';
import type { EventSink } from '../core/revocation.js';
import type { CliContext } from './context.js';

export function cliEvents(ctx: Pick<CliContext, 'events' | 'log' | 'now'>): EventSink {
  return {
    async record(input: EventInput): Promise<void> {
      const now = ctx.now();
      try {
        await ctx.events.put({ id: newEventId(now), time: now.toISOString(), ...input });
      } catch (error) {
        ctx.log.warn('event not recorded', { type: input.type, tenant: input.tenant, cause: (error as Error)?.name ?? String(error) });
      }
    },
  };
}
