// Late data: an order paid, closed or refunded marks the local day of its visit dirty, so the
// next rollup run rebuilds the tenant (delivered at least once; marking twice is one row).
import { sql } from 'drizzle-orm';
import { withTenant } from '../../db/tenant-scope.ts';
import type { DomainEvent, EventDeps, EventHandler } from '../../jobs/outbox.ts';

/** Marks the local day of the order's visit (payment, else close, else opening) dirty. */
export async function markOrderDayDirty(event: DomainEvent, deps: EventDeps): Promise<void> {
  const orderId = typeof event.payload.orderId === 'string' ? event.payload.orderId : null;
  if (!orderId) return;
  await withTenant(deps.db, event.tenantId, (tx) =>
    tx.execute(sql`insert into analytics_dirty_days (tenant_id, day, marked_at)
      select o.tenant_id, (coalesce(o.paid_at, o.closed_at, o.opened_at) at time zone t.timezone)::date, now()
      from service_orders o join tenants t on t.tenant_id = o.tenant_id
      where o.tenant_id = ${event.tenantId}::uuid and o.id = ${orderId}::uuid
      on conflict (tenant_id, day) do update set marked_at = excluded.marked_at`),
  );
}

export const ANALYTICS_EVENT_HANDLERS: { type: string; handle: EventHandler }[] = [
  { type: 'serviceOrder.paid', handle: markOrderDayDirty },
  { type: 'serviceOrder.closed', handle: markOrderDayDirty },
  { type: 'serviceOrder.refunded', handle: markOrderDayDirty },
];
