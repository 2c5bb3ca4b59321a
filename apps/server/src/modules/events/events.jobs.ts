// Reminders: every quarter hour one query (owner connection) finds the published events starting
// within a day, across tenants; in each tenant's scope the confirmed sign-ups get the reminder due
// (a day before, or two hours before), each under a dedupe key per sign-up and reminder, so the
// next tick sends nothing twice. Messaging applies consent and quiet hours on the way out.
import { and, eq, gt, lte } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { sumOverTenants } from '../../jobs/system-ctx.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Logger } from '../../kernel/logger.ts';
import { DAY_MS, reminderDue } from './events-rules.ts';
import { communityEvents, eventSignups } from './events.tables.ts';
import { EVENT_REMINDER_DAY, EVENT_REMINDER_HOURS } from './events.messages.ts';
import { tellOwners } from './notify.ts';

export interface EventJobDeps {
  database: Database;
  clock: Clock;
  log: Logger;
}

/** The tenant's due reminders, now; answers how many new intents were written. */
export async function sendDueEventReminders(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const events = await ctx.tx
    .select()
    .from(communityEvents)
    .where(
      and(
        eq(communityEvents.status, 'published'),
        gt(communityEvents.startsAt, now),
        lte(communityEvents.startsAt, new Date(now.getTime() + DAY_MS)),
      ),
    );
  let sent = 0;
  for (const e of events) {
    const due = reminderDue(e.startsAt, now);
    if (!due) continue;
    const signups = await ctx.tx
      .select({ id: eventSignups.id, customerId: eventSignups.customerId, seq: eventSignups.seq })
      .from(eventSignups)
      .where(and(eq(eventSignups.eventId, e.id), eq(eventSignups.status, 'confirmed')));
    sent += await tellOwners(
      ctx,
      e,
      signups,
      due === 'day' ? EVENT_REMINDER_DAY : EVENT_REMINDER_HOURS,
    );
  }
  return sent;
}

export async function eventReminderTick(deps: EventJobDeps): Promise<number> {
  const now = deps.clock.now();
  const sent = await sumOverTenants(
    deps,
    sql`select distinct tenant_id from community_events
        where status = 'published' and starts_at > ${now.toISOString()}::timestamptz
          and starts_at <= ${new Date(now.getTime() + DAY_MS).toISOString()}::timestamptz`,
    sendDueEventReminders,
  );
  if (sent) deps.log.info({ sent }, 'event reminders queued');
  return sent;
}

export const EVENT_JOBS = [
  {
    name: 'events.reminders',
    cron: '*/15 * * * *',
    handler: (_d: object, deps: EventJobDeps) => eventReminderTick(deps).then(() => {}),
  },
];
