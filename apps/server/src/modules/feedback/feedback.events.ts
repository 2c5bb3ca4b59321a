// Reactions to other modules' events (at least once; idempotent): a paid order schedules its
// survey (one per order, by the survey's unique key).
import { inEventTenant } from '../../jobs/system-ctx.ts';
import type { EventHandler } from '../../jobs/outbox.ts';
import { createLogger } from '../../kernel/logger.ts';
import { scheduleSurvey } from './surveys.ts';

const log = createLogger('warn').child({ module: 'feedback' });

export const FEEDBACK_EVENT_HANDLERS: { type: string; handle: EventHandler }[] = [
  {
    type: 'serviceOrder.paid',
    handle: async (event, deps) => {
      const orderId =
        typeof event.payload.orderId === 'string' ? event.payload.orderId : event.aggregateId;
      if (!orderId) return;
      await inEventTenant(event, deps, log, (ctx) => scheduleSurvey(ctx, orderId));
    },
  },
];
