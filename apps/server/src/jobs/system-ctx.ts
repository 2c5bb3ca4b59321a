// Jobs act in a tenant as the system: one context shape for every scheduled step, and the
// "each tenant with due work" loop they share.
import type { SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { systemClock, type Clock } from '../kernel/clock.ts';
import type { Ctx } from '../kernel/context.ts';
import type { Logger } from '../kernel/logger.ts';
import type { DomainEvent, EventDeps } from './outbox.ts';

export interface SystemDeps {
  database: Database;
  clock: Clock;
  log: Logger;
}

/** The context of a job's step in one tenant's transaction, acting as the system. */
export const systemCtx = (deps: SystemDeps, tenantId: string, tx: Ctx['tx']): Ctx => ({
  tenantId,
  actor: { type: 'system', id: null },
  tx,
  clock: deps.clock,
  locale: 'zh-CN',
  requestId: null,
  log: deps.log,
});

/** Runs `fn` in its own transaction of the tenant, as the system. */
export function asSystemIn<T>(
  deps: SystemDeps,
  tenantId: string,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  return withTenant(deps.database.db, tenantId, (tx) => fn(systemCtx(deps, tenantId, tx)));
}

/**
 * Runs `fn` in each tenant the query names (it selects `tenant_id`, across tenants, on the admin
 * connection), one transaction per tenant, and answers the sum of what `fn` answers.
 */
export async function sumOverTenants(
  deps: SystemDeps,
  dueTenants: SQL,
  fn: (ctx: Ctx) => Promise<number>,
): Promise<number> {
  const tenants = await queryRows<{ tenant_id: string }>(deps.database.adminDb, dueTenants);
  let total = 0;
  for (const { tenant_id: tenantId } of tenants) total += await asSystemIn(deps, tenantId, fn);
  return total;
}

/**
 * Runs an outbox handler's work in the event's tenant, in its own transaction, as the system (the
 * request id names the event, so the audit log says what caused the change).
 */
export function inEventTenant<T>(
  event: DomainEvent,
  deps: EventDeps,
  log: Logger,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  return withTenant(deps.db, event.tenantId, (tx) =>
    fn({
      tenantId: event.tenantId,
      actor: { type: 'system', id: null },
      tx,
      clock: systemClock,
      locale: 'zh-CN',
      requestId: `event:${event.id}`,
      log,
    }),
  );
}
