// Conversions: a paid service order or a booked appointment is attributed (last touch) to the
// campaign that touched the customer within its window; a refund takes the order's credit back. Delivered at least once by the outbox;
// the attribution's unique (kind, reference) makes a repeat a no-op.
import type { DomainEvent, EventDeps } from '../../jobs/outbox.ts';
import { inEventTenant } from '../../jobs/system-ctx.ts';
import { createLogger } from '../../kernel/logger.ts';
import { attributeConversion, withdrawOrderConversion } from './attribution.ts';

const log = createLogger('warn').child({ module: 'campaigns' });

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** What the handlers do with an event (exported for tests that skip the outbox). */
export async function handleConversionEvent(event: DomainEvent, deps: EventDeps): Promise<void> {
  const p = event.payload;
  if (event.type === 'serviceOrder.refunded') {
    // A refunded order is no conversion (an attribution made before the refund is taken back;
    // one attempted after it is refused).
    const orderId = str(p.orderId) ?? event.aggregateId;
    if (orderId)
      await inEventTenant(event, deps, log, (ctx) => withdrawOrderConversion(ctx, orderId));
    return;
  }
  const customerId = str(p.customerId);
  if (!customerId) return;
  if (event.type === 'serviceOrder.paid') {
    const orderId = str(p.orderId) ?? event.aggregateId;
    if (!orderId) return;
    await inEventTenant(event, deps, log, (ctx) =>
      attributeConversion(ctx, {
        kind: 'order',
        referenceId: orderId,
        customerId,
        revenueFen: typeof p.paidFen === 'number' ? p.paidFen : 0,
        at: new Date(event.occurredAt),
        eventId: event.id,
      }),
    );
  } else if (event.type === 'appointment.booked') {
    const appointmentId = str(p.appointmentId) ?? event.aggregateId;
    if (!appointmentId) return;
    await inEventTenant(event, deps, log, (ctx) =>
      attributeConversion(ctx, {
        kind: 'booking',
        referenceId: appointmentId,
        customerId,
        revenueFen: 0,
        at: new Date(event.occurredAt),
        eventId: event.id,
      }),
    );
  }
}

export const CONVERSION_EVENTS = [
  'serviceOrder.paid',
  'serviceOrder.refunded',
  'appointment.booked',
] as const;

/** The attribution handler for each conversion event (wired by the composition root). */
export const CAMPAIGN_EVENT_HANDLERS = CONVERSION_EVENTS.map((type) => ({
  type,
  handle: handleConversionEvent,
}));
