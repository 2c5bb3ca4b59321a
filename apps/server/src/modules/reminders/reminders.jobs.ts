// The reminder rules at work: a daily run per tenant at 09:00 its local time (a pg-boss job whose
// id is derived from tenant + local date, so two schedulers cannot double it; the run itself is
// resumable), and the incremental path — one car or customer re-evaluated when an event says its
// situation changed, stop conditions withdrawing reminders not yet delivered, attribution.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { queryRows, type Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import { onEvent, type DomainEvent } from '../../jobs/outbox.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Logger } from '../../kernel/logger.ts';
import { ensureVehicleDueFresh, localDate } from '../automation/index.ts';
import {
  attributeToRule,
  evaluateSubject,
  runTenantDay,
  withdrawOnStop,
  withdrawRuleConversion,
  type RunHooks,
} from './reminders.service.ts';

export interface ReminderDeps {
  database: Database;
  clock: Clock;
  log: Logger;
  boss?: PgBoss;
}

/** Local hour from which a tenant's daily run starts. */
export const SEND_HOUR = 9;
export const TENANT_DAY_JOB = 'reminders.tenant-day';

function asSystem<T>(
  deps: ReminderDeps,
  tenantId: string,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
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

/** One tenant's daily run, each step its own transaction (resumable). */
export function runTenant(deps: ReminderDeps, tenantId: string, hooks?: RunHooks) {
  return runTenantDay((fn) => asSystem(deps, tenantId, fn), hooks);
}

/** The job id of a tenant's run on a local day: the same for every scheduler that computes it. */
export function tenantDayJobId(tenantId: string, runDate: string): string {
  const h = createHash('sha256').update(`reminders|${tenantId}|${runDate}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Tenants whose local time is past SEND_HOUR and whose run of their local day has not completed. */
export async function tenantsDue(
  deps: ReminderDeps,
): Promise<{ tenantId: string; runDate: string }[]> {
  const now = deps.clock.now().toISOString();
  const rows = await queryRows<{ tenant_id: string; timezone: string }>(
    deps.database.adminDb,
    sql`select t.tenant_id, t.timezone from tenants t
        where extract(hour from (${now}::timestamptz at time zone t.timezone)) >= ${SEND_HOUR}
          and not exists (
            select 1 from reminder_runs r where r.tenant_id = t.tenant_id and r.status = 'completed'
              and r.run_date = (${now}::timestamptz at time zone t.timezone)::date)`,
  );
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    runDate: localDate(deps.clock.now(), r.timezone),
  }));
}

/** The scheduler tick: one job per due tenant (deterministic id), or inline without a queue. */
export async function reminderTick(deps: ReminderDeps): Promise<number> {
  const due = await tenantsDue(deps);
  for (const d of due) {
    if (deps.boss)
      await deps.boss.send(TENANT_DAY_JOB, d, { id: tenantDayJobId(d.tenantId, d.runDate) });
    else await runTenant(deps, d.tenantId);
  }
  return due.length;
}

export const REMINDER_JOBS = [
  {
    name: 'reminders.tick',
    cron: '*/15 * * * *',
    handler: async (_data: object, deps: ReminderDeps) => {
      await reminderTick(deps);
    },
  },
  {
    name: TENANT_DAY_JOB,
    handler: async (data: object, deps: ReminderDeps) => {
      const { tenantId } = data as { tenantId?: string };
      if (typeof tenantId !== 'string') return;
      const result = await runTenant(deps, tenantId);
      deps.log.info({ tenantId, ...result }, 'reminders evaluated');
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Events

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** What the handlers do with an event (exported for tests that skip the outbox). */
export async function handleReminderEvent(deps: ReminderDeps, event: DomainEvent): Promise<void> {
  const p = event.payload;
  const vehicleId = str(p.vehicleId);
  const customerId = str(p.customerId);
  await asSystem(deps, event.tenantId, async (ctx) => {
    switch (event.type) {
      case 'vehicle.mileageRecorded': {
        if (!vehicleId) return;
        await ensureVehicleDueFresh(ctx, vehicleId);
        await evaluateSubject(ctx, { vehicleId });
        return;
      }
      case 'serviceOrder.paid':
      case 'serviceOrder.closed': {
        if (!customerId) return;
        if (vehicleId) await ensureVehicleDueFresh(ctx, vehicleId);
        await withdrawOnStop(ctx, { stop: 'serviced', customerId, vehicleId });
        if (event.type === 'serviceOrder.paid') {
          const orderId = str(p.orderId) ?? event.aggregateId;
          if (orderId)
            await attributeToRule(ctx, {
              kind: 'order',
              referenceId: orderId,
              customerId,
              revenueFen: typeof p.paidFen === 'number' ? p.paidFen : 0,
              at: new Date(event.occurredAt),
              eventId: event.id,
            });
        }
        await evaluateSubject(ctx, { vehicleId, customerId });
        return;
      }
      case 'serviceOrder.refunded': {
        const orderId = str(p.orderId) ?? event.aggregateId;
        if (orderId) await withdrawRuleConversion(ctx, orderId);
        return;
      }
      case 'appointment.booked': {
        if (!customerId) return;
        await withdrawOnStop(ctx, { stop: 'booked', customerId, vehicleId });
        const appointmentId = str(p.appointmentId) ?? event.aggregateId;
        if (appointmentId)
          await attributeToRule(ctx, {
            kind: 'booking',
            referenceId: appointmentId,
            customerId,
            revenueFen: 0,
            at: new Date(event.occurredAt),
            eventId: event.id,
          });
        return;
      }
      case 'coupon.issued': {
        const ids = Array.isArray(p.couponIds)
          ? p.couponIds.filter((x) => typeof x === 'string')
          : [];
        if (!ids.length) return;
        const owners = await queryRows<{ customer_id: string }>(
          ctx.tx,
          sql`select distinct customer_id from coupons where tenant_id = ${ctx.tenantId}::uuid
              and id = any(${`{${ids.join(',')}}`}::uuid[])`,
        );
        for (const o of owners) await evaluateSubject(ctx, { customerId: o.customer_id });
        return;
      }
    }
  });
}

export const REMINDER_EVENTS = [
  'vehicle.mileageRecorded',
  'serviceOrder.paid',
  'serviceOrder.closed',
  'serviceOrder.refunded',
  'appointment.booked',
  'coupon.issued',
] as const;

/** Subscribes the reminder rules to the events; returns the unsubscribe. */
export function registerReminderEventHandlers(deps: ReminderDeps): () => void {
  const offs = REMINDER_EVENTS.map((type) =>
    onEvent(type, (event) => handleReminderEvent(deps, event)),
  );
  return () => offs.forEach((off) => off());
}
