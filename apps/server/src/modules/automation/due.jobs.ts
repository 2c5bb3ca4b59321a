// Keeping the materialised due-list current: each car is recomputed when an event says its
// inputs changed (at least once; recomputing is idempotent), and every tenant is recomputed
// set-based each night at 03:00 its local time — or at the next hourly run if that was missed.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Logger } from '../../kernel/logger.ts';
import { onEvent, type DomainEvent } from '../../jobs/outbox.ts';
import { recomputeVehicleDue, refreshTenantDue } from './due.service.ts';

interface Deps {
  database: Database;
  clock: Clock;
  log: Logger;
}

/** Events after which one car's due-list changes (the payload names the car). */
export const DUE_VEHICLE_EVENTS = [
  'vehicle.mileageRecorded',
  'vehicle.historyRecorded',
  'vehicle.transferred',
  'serviceOrder.completed',
  'serviceOrder.paid',
  'serviceOrder.closed',
  'serviceOrder.cancelled',
  'serviceOrder.refunded',
] as const;

function asSystem<T>(deps: Deps, tenantId: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return withTenant(deps.database.db, tenantId, (tx) =>
    fn({
      tenantId,
      actor: { type: 'system', id: null },
      tx,
      clock: deps.clock,
      locale: 'zh-CN',
      requestId: null,
      log: deps.log,
    }),
  );
}

/** Subscribes the due-list to the events; returns the unsubscribe. */
export function registerDueEventHandlers(deps: Deps): () => void {
  const onCar = async (event: DomainEvent) => {
    const vehicleId = event.payload.vehicleId;
    if (typeof vehicleId !== 'string') return;
    await asSystem(deps, event.tenantId, (ctx) => recomputeVehicleDue(ctx, vehicleId));
  };
  const offs = DUE_VEHICLE_EVENTS.map((type) => onEvent(type, onCar));
  offs.push(
    onEvent('import.completed', async (event) => {
      await asSystem(deps, event.tenantId, (ctx) => refreshTenantDue(ctx));
    }),
  );
  return () => offs.forEach((off) => off());
}

/** Recomputes the tenants whose local hour is `hour`, and any not refreshed for 26 hours. */
export async function nightlyDueRefresh(deps: Deps, hour = 3): Promise<number> {
  const now = deps.clock.now();
  const tenants = await queryRows<{ tenant_id: string }>(
    deps.database.adminDb,
    sql`select t.tenant_id from tenants t
        left join due_fleet_stats s on s.tenant_id = t.tenant_id
        where extract(hour from (${now.toISOString()}::timestamptz at time zone t.timezone)) = ${hour}
           or s.computed_at is null
           or s.computed_at < ${now.toISOString()}::timestamptz - interval '26 hours'`,
  );
  for (const t of tenants) {
    const result = await asSystem(deps, t.tenant_id, (ctx) => refreshTenantDue(ctx));
    deps.log.info({ tenantId: t.tenant_id, ...result }, 'due-list refreshed');
  }
  return tenants.length;
}

export const DUE_JOBS = [
  {
    name: 'automation.due-refresh',
    cron: '5 * * * *',
    handler: async (_data: object, deps: Deps) => {
      await nightlyDueRefresh(deps);
    },
  },
];
