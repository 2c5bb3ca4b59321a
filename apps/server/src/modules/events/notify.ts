// Telling owners about an event through messaging: one intent per sign-up and reason, its dedupe
// key built from both (and the sign-up's queue number: signing up again is a new sign-up), so a rerun (a job's next tick, a repeated cancel) sends nothing twice.
import { eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import {
  localDateTime,
  messageIntents,
  sendToCustomers,
  withdrawQueued,
  type BuiltInTemplate,
} from '../messaging/index.ts';
import { tenants } from '../tenancy/index.ts';
import type { EventRow } from './events-read.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The start as the tenant's wall clock reads it: 2026-12-12 08:30. */
export async function eventTimeText(ctx: Ctx, at: Date): Promise<string> {
  const [t] = await ctx.tx
    .select({ tz: tenants.timezone })
    .from(tenants)
    .where(eq(tenants.tenantId, ctx.tenantId));
  const local = localDateTime(at, t?.tz ?? 'Asia/Shanghai');
  return `${local.date} ${pad(Math.floor(local.minutes / 60))}:${pad(local.minutes % 60)}`;
}

/** Queues `template` to each sign-up's owner; answers how many were new (not deduplicated). */
export async function tellOwners(
  ctx: Ctx,
  e: EventRow,
  signups: readonly { id: string; customerId: string; seq: number }[],
  template: BuiltInTemplate,
  notBefore?: Date,
): Promise<number> {
  if (!signups.length) return 0;
  const data = {
    event: {
      id: e.id,
      title: e.title,
      time: await eventTimeText(ctx, e.startsAt),
      place: e.place || '—',
    },
  };
  const sent = await sendToCustomers(
    ctx,
    signups.map((s) => ({
      customerId: s.customerId,
      templateKey: template.key,
      data,
      dedupeKey: `${template.key}:${s.id}:${s.seq}`,
      priority: 'transactional' as const,
      purpose: template.purpose === 'service' ? ('service' as const) : ('transactional' as const),
      source: { type: 'system' as const, id: e.id },
      ...(notBefore ? { notBefore } : {}),
    })),
  );
  return sent.filter((r) => !r.deduplicated).length;
}

const REMINDER_KEYS = ['event.reminder.day', 'event.reminder.hours'];

/** Takes back reminders of cancelled sign-ups that are still waiting to go (quiet hours). */
export async function withdrawReminders(
  ctx: Ctx,
  signups: readonly { id: string; seq: number }[],
): Promise<number> {
  if (!signups.length) return 0;
  const keys = signups.flatMap((s) => REMINDER_KEYS.map((k) => `${k}:${s.id}:${s.seq}`));
  const intents = await ctx.tx
    .select({ id: messageIntents.id })
    .from(messageIntents)
    .where(inArray(messageIntents.dedupeKey, keys));
  const withdrawn = await withdrawQueued(
    ctx,
    intents.map((i) => i.id),
    'event_signup_cancelled',
  );
  return withdrawn.length;
}
