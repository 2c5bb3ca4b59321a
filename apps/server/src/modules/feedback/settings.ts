// The tenant's feedback settings (made with defaults and the holiday list on first use), SLA
// policies per severity, holidays, and a store's business calendar for the SLA clocks.
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { pgError } from '../../kernel/pg-errors.ts';
import { storeOpeningHours } from '../appointments/index.ts';
import { recordAudit } from '../audit/index.ts';
import { stores, tenants } from '../tenancy/index.ts';
import { DEFAULT_CATEGORIES, DEFAULT_SLA } from './complaint-rules.ts';
import {
  feedbackHolidays,
  feedbackSettings,
  slaPolicies,
  SEVERITIES,
  type ReviewPage,
  type Severity,
} from './feedback.tables.ts';
import { CN_HOLIDAYS } from './holidays-cn.ts';
import {
  DEFAULT_WEEK,
  isValidTimeZone,
  type BusinessCalendar,
  type DayHours,
} from './sla-rules.ts';

export type FeedbackSettings = typeof feedbackSettings.$inferSelect;

/** The tenant's settings; the first call makes them (and seeds the public holidays). */
export async function loadSettings(ctx: Ctx): Promise<FeedbackSettings> {
  const [row] = await ctx.tx.select().from(feedbackSettings);
  if (row) return row;
  const [made] = await ctx.tx
    .insert(feedbackSettings)
    .values({
      tenantId: ctx.tenantId,
      categories: DEFAULT_CATEGORIES,
      signingKey: randomBytes(32).toString('base64url'),
    })
    .onConflictDoNothing()
    .returning();
  if (!made) {
    const [again] = await ctx.tx.select().from(feedbackSettings);
    return again!;
  }
  await ctx.tx
    .insert(feedbackHolidays)
    .values(CN_HOLIDAYS.map((h) => ({ tenantId: ctx.tenantId, ...h })))
    .onConflictDoNothing();
  return made;
}

export interface SettingsInput {
  surveyDelayMinutes?: number;
  surveyExpiryDays?: number;
  reopenDays?: number;
  recoveryTemplateId?: string | null;
  recoveryMonthlyBudget?: number;
  reviewPages?: ReviewPage[];
  categories?: string[];
  escalationReassign?: boolean;
}

export const settingsDto = (s: FeedbackSettings) => ({
  surveyDelayMinutes: s.surveyDelayMinutes,
  surveyExpiryDays: s.surveyExpiryDays,
  reopenDays: s.reopenDays,
  recoveryTemplateId: s.recoveryTemplateId,
  recoveryMonthlyBudget: s.recoveryMonthlyBudget,
  reviewPages: s.reviewPages,
  categories: s.categories,
  escalationReassign: s.escalationReassign,
});

export async function getSettings(ctx: Ctx) {
  return settingsDto(await loadSettings(ctx));
}

export async function saveSettings(ctx: Ctx, input: SettingsInput) {
  const before = settingsDto(await loadSettings(ctx));
  const [row] = await ctx.tx
    .update(feedbackSettings)
    .set({ ...input, updatedAt: ctx.clock.now() })
    .returning();
  const after = settingsDto(row!);
  await recordAudit(ctx, {
    action: 'feedback.settingsChanged',
    entityType: 'feedback_settings',
    entityId: null,
    changes: { before, after },
  });
  return after;
}

export async function slaPolicyMap(ctx: Ctx): Promise<Map<Severity, (typeof DEFAULT_SLA)['high']>> {
  const rows = await ctx.tx.select().from(slaPolicies);
  const map = new Map<Severity, (typeof DEFAULT_SLA)['high']>();
  for (const s of SEVERITIES) {
    const r = rows.find((x) => x.severity === s);
    map.set(s, r ? r : DEFAULT_SLA[s]);
  }
  return map;
}

export async function listSlaPolicies(ctx: Ctx) {
  const map = await slaPolicyMap(ctx);
  return {
    items: SEVERITIES.map((severity) => ({
      severity,
      firstResponseMinutes: map.get(severity)!.firstResponseMinutes,
      resolutionMinutes: map.get(severity)!.resolutionMinutes,
    })),
  };
}

export async function saveSlaPolicies(
  ctx: Ctx,
  input: {
    items: { severity: Severity; firstResponseMinutes: number; resolutionMinutes: number }[];
  },
) {
  for (const [i, p] of input.items.entries())
    if (p.resolutionMinutes < p.firstResponseMinutes)
      throw new AppError('VALIDATION_FAILED', {
        field: `items.${i}.resolutionMinutes`,
        details: { reason: 'resolution before first response' },
      });
  const before = await listSlaPolicies(ctx);
  for (const p of input.items)
    await ctx.tx
      .insert(slaPolicies)
      .values({ tenantId: ctx.tenantId, ...p })
      .onConflictDoUpdate({
        target: [slaPolicies.tenantId, slaPolicies.severity],
        set: {
          firstResponseMinutes: p.firstResponseMinutes,
          resolutionMinutes: p.resolutionMinutes,
        },
      });
  const after = await listSlaPolicies(ctx);
  await recordAudit(ctx, {
    action: 'feedback.slaPoliciesChanged',
    entityType: 'sla_policies',
    entityId: null,
    changes: { before: before.items, after: after.items },
  });
  return after;
}

export async function listHolidays(ctx: Ctx) {
  await loadSettings(ctx);
  const rows = await ctx.tx.select().from(feedbackHolidays).orderBy(asc(feedbackHolidays.day));
  return { items: rows.map((r) => ({ day: r.day, name: r.name })) };
}

export async function addHoliday(ctx: Ctx, input: { day: string; name: string }) {
  await loadSettings(ctx);
  try {
    await ctx.tx.transaction(async (tx) => {
      await tx.insert(feedbackHolidays).values({ tenantId: ctx.tenantId, ...input });
    });
  } catch (err) {
    if (pgError(err)?.code === '23505') throw new AppError('HOLIDAY_EXISTS', { field: 'day' });
    throw err;
  }
  await recordAudit(ctx, {
    action: 'feedback.holidayAdded',
    entityType: 'feedback_holiday',
    entityId: null,
    changes: input,
  });
  return input;
}

export async function removeHoliday(ctx: Ctx, day: string) {
  const gone = await ctx.tx
    .delete(feedbackHolidays)
    .where(eq(feedbackHolidays.day, day))
    .returning();
  if (!gone.length) throw new AppError('NOT_FOUND', { field: 'day' });
  await recordAudit(ctx, {
    action: 'feedback.holidayRemoved',
    entityType: 'feedback_holiday',
    entityId: null,
    changes: { day },
  });
}

const minutesOfTime = (t: string) => {
  const [h, m] = t.split(':');
  return Number(h) * 60 + Number(m);
};

/**
 * The business calendar of a store: appointments' opening hours in the store's (else the
 * tenant's) time zone, Monday–Friday 09:00–18:00 for a store without hours, minus the holidays.
 */
export async function storeCalendar(ctx: Ctx, storeId: string | null): Promise<BusinessCalendar> {
  await loadSettings(ctx);
  const [tenant] = await ctx.tx.select({ tz: tenants.timezone }).from(tenants);
  let timeZone = tenant?.tz ?? 'Asia/Shanghai';
  let week: Map<number, DayHours> = new Map();
  if (storeId) {
    const [store] = await ctx.tx
      .select({ tz: stores.timezone })
      .from(stores)
      .where(eq(stores.id, storeId));
    if (store?.tz) timeZone = store.tz;
    const hours = await ctx.tx
      .select()
      .from(storeOpeningHours)
      .where(eq(storeOpeningHours.storeId, storeId));
    for (const h of hours)
      week.set(h.weekday, { opens: minutesOfTime(h.opensAt), closes: minutesOfTime(h.closesAt) });
  }
  if (!week.size) week = new Map(DEFAULT_WEEK);
  if (!isValidTimeZone(timeZone)) timeZone = 'Asia/Shanghai';
  const days = await ctx.tx.select({ day: feedbackHolidays.day }).from(feedbackHolidays);
  return { timeZone, week, holidays: new Set(days.map((d) => d.day)) };
}
