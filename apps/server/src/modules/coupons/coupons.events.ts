// Reactions to other modules' events, delivered at least once by the outbox: each handler runs
// in the event's tenant scope and is idempotent (it acts on the coupon's state, or on an issue key
// made from the event id).
import { inEventTenant } from '../../jobs/system-ctx.ts';
import type { EventHandler } from '../../jobs/outbox.ts';
import { createLogger } from '../../kernel/logger.ts';
import { onOrderCancelled, onOrderRefunded, onTierReached } from './reactions.ts';

const log = createLogger('warn').child({ module: 'coupons' });

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The coupons' reactions to other modules' events (wired by the composition root). */
export const COUPON_EVENT_HANDLERS: { type: string; handle: EventHandler }[] = [
  {
    type: 'serviceOrder.cancelled',
    handle: async (event, deps) => {
      const orderId = str(event.payload.orderId) ?? event.aggregateId;
      if (orderId) await inEventTenant(event, deps, log, (ctx) => onOrderCancelled(ctx, orderId));
    },
  },
  {
    type: 'serviceOrder.refunded',
    handle: async (event, deps) => {
      const orderId = str(event.payload.orderId) ?? event.aggregateId;
      if (orderId) await inEventTenant(event, deps, log, (ctx) => onOrderRefunded(ctx, orderId));
    },
  },
  {
    // Coupons on upgrade. Payload as the loyalty module emits it: customerId and the tier reached
    // (`to` or `toTier` or `tierCode`); a downgrade (`direction: 'down'`) issues nothing.
    type: 'loyalty.tierChanged',
    handle: async (event, deps) => {
      const p = event.payload;
      const customerId = str(p.customerId);
      const to = p.to ?? p.toTier ?? p.tierCode ?? p.newTier;
      const tierCode =
        str(to) ?? (to && typeof to === 'object' ? str((to as { code?: unknown }).code) : null);
      if (!customerId || !tierCode || p.direction === 'down') return;
      await inEventTenant(event, deps, log, (ctx) =>
        onTierReached(ctx, {
          customerId,
          tierCode,
          eventId: event.id,
          templateIds: Array.isArray(p.couponTemplateIds)
            ? p.couponTemplateIds.filter((x): x is string => typeof x === 'string')
            : [],
        }),
      );
    },
  },
];
