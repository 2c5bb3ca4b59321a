// Launching and running: a launch either starts a run now or schedules the campaign; a run
// snapshots the segment's members as recipients in one INSERT … SELECT, each with a variant and
// a hold-out decided by hashes in SQL, under the budget.
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { couponTemplates } from '../coupons/index.ts';
import { countMembers, membersSql, segmentRow } from '../segments/index.ts';
import { getTenant } from '../tenancy/index.ts';
import { campaignRuns, campaigns } from './campaigns.tables.ts';
import type { CampaignDto } from './campaigns.schemas.ts';
import { DISPATCH_BATCH, dispatchBatch, finishRunIfDone } from './dispatch.ts';
import { campaignRow, getCampaign, type CampaignRow } from './listing.ts';
import { nextOccurrence } from './schedule.ts';

/**
 * Launches a draft: "now" snapshots the recipients and sends the first batch in this
 * transaction (the worker sends the rest); "once" and "recurring" are scheduled. Launching a
 * campaign that is no longer a draft changes nothing and answers its state (idempotent).
 */
export async function launchCampaign(ctx: Ctx, id: string): Promise<CampaignDto> {
  const row = await campaignRow(ctx, id, true);
  if (row.status !== 'draft') return getCampaign(ctx, id);
  const segment = await segmentRow(ctx, row.segmentId);
  if ((await countMembers(ctx, segment.filter)) === 0)
    throw new AppError('CAMPAIGN_SEGMENT_EMPTY', {
      field: 'segmentId',
      details: { segmentId: segment.id, segmentName: segment.name },
    });
  const now = ctx.clock.now();
  if (row.scheduleKind === 'once') {
    if (!row.sendAt || row.sendAt.getTime() <= now.getTime())
      throw new AppError('CAMPAIGN_SCHEDULE_INVALID', {
        field: 'sendAt',
        details: { reason: 'past' },
      });
    await ctx.tx
      .update(campaigns)
      .set({ status: 'scheduled', nextRunAt: row.sendAt, launchedAt: now, updatedAt: now })
      .where(eq(campaigns.id, id));
  } else if (row.scheduleKind === 'recurring') {
    const tz = (await getTenant(ctx)).timezone;
    await ctx.tx
      .update(campaigns)
      .set({
        status: 'scheduled',
        nextRunAt: nextOccurrence(now, row.recurrence!, tz),
        launchedAt: now,
        updatedAt: now,
      })
      .where(eq(campaigns.id, id));
  } else {
    await ctx.tx.update(campaigns).set({ launchedAt: now }).where(eq(campaigns.id, id));
    const runNo = await startRun(ctx, { ...row, launchedAt: now });
    await dispatchBatch(ctx, id, runNo, DISPATCH_BATCH);
  }
  await recordAudit(ctx, { action: 'campaign.launched', entityType: 'campaign', entityId: id });
  return getCampaign(ctx, id);
}

async function couponValueOf(ctx: Ctx, templateId: string | null): Promise<number> {
  if (!templateId) return 0;
  const [t] = await ctx.tx
    .select({
      amountOffFen: couponTemplates.amountOffFen,
      maxDiscountFen: couponTemplates.maxDiscountFen,
    })
    .from(couponTemplates)
    .where(eq(couponTemplates.id, templateId));
  return Number(t?.amountOffFen ?? t?.maxDiscountFen ?? 0);
}

/** How many more customers may be messaged under the budget (null: no budget). */
async function treatmentLimit(ctx: Ctx, row: CampaignRow): Promise<number | null> {
  let limit: number | null = null;
  const [done] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from campaign_recipients
        where tenant_id = ${ctx.tenantId}::uuid and campaign_id = ${row.id}::uuid and not held_out`,
  );
  const already = Number(done?.n ?? 0);
  if (row.budgetMaxRecipients !== null) limit = Math.max(0, row.budgetMaxRecipients - already);
  if (row.budgetMaxCouponFen !== null && row.couponTemplateId) {
    const each = await couponValueOf(ctx, row.couponTemplateId);
    if (each > 0) {
      const byValue = Math.max(0, Math.floor(Number(row.budgetMaxCouponFen) / each) - already);
      limit = limit === null ? byValue : Math.min(limit, byValue);
    }
  }
  return limit;
}

/** A bucket 0–99 from md5 of the text: the same in SQL and in `bucketOf` (tests, support). */
const bucketSql = (text: ReturnType<typeof sql>) =>
  sql`(('x' || substr(md5(${text}), 1, 8))::bit(32)::bigint % 100)::int`;

/**
 * Starts run n+1: one INSERT … SELECT snapshots the segment's members with their variant and
 * hold-out (deterministic hashes of campaign id + customer id), under the budget.
 */
export async function startRun(ctx: Ctx, row: CampaignRow): Promise<number> {
  const runNo = row.runs + 1;
  const now = ctx.clock.now();
  await ctx.tx.insert(campaignRuns).values({
    tenantId: ctx.tenantId,
    campaignId: row.id,
    runNo,
    status: 'sending',
    startedAt: now,
  });
  const segment = await segmentRow(ctx, row.segmentId);
  const members = await membersSql(ctx, segment.filter);
  const limit = await treatmentLimit(ctx, row);
  const hp = row.holdoutPercent;
  const holdLimit = limit === null ? null : hp > 0 ? Math.ceil((limit * hp) / (100 - hp)) : 0;
  const key = sql`${row.id}::text || ':' || m.customer_id::text`;
  const capped =
    limit === null
      ? sql``
      : sql`where (not s.held_out and s.rn <= ${limit}) or (s.held_out and s.rn <= ${holdLimit})`;
  const inserted = await queryRows<{ n: number }>(
    ctx.tx,
    sql`with ins as (
      insert into campaign_recipients
        (tenant_id, campaign_id, run_no, customer_id, variant, held_out, status, touched_at)
      select ${ctx.tenantId}::uuid, ${row.id}::uuid, ${runNo}::int, s.customer_id,
             case when s.vb < ${row.splitPercent}::int then 'A' else 'B' end,
             s.held_out,
             case when s.held_out then 'held_out' else 'pending' end,
             ${now.toISOString()}::timestamptz
      from (
        select h.*, row_number() over (partition by h.held_out order by h.ord, h.customer_id) as rn
        from (
          select m.customer_id,
                 ${bucketSql(key)} < ${hp}::int as held_out,
                 ${bucketSql(sql`${key} || ':variant'`)} as vb,
                 md5(${key} || ':order') as ord
          from (${members}) m
        ) h
      ) s
      ${capped}
      on conflict do nothing
      returning 1)
    select count(*)::int as n from ins`,
  );
  const targeted = Number(inserted[0]?.n ?? 0);
  await ctx.tx
    .update(campaignRuns)
    .set({
      targeted,
      ...(targeted === 0 ? { status: 'completed' as const, completedAt: now } : {}),
    })
    .where(and(eq(campaignRuns.campaignId, row.id), eq(campaignRuns.runNo, runNo)));
  await ctx.tx
    .update(campaigns)
    .set({ runs: runNo, status: 'running', updatedAt: now })
    .where(eq(campaigns.id, row.id));
  if (targeted === 0) await finishRunIfDone(ctx, row.id, runNo);
  return runNo;
}

/** Variant and hold-out of a customer as the SQL computes them. */
export function bucketOf(text: string): number {
  const hex = createHash('md5').update(text).digest('hex').slice(0, 8);
  return parseInt(hex, 16) % 100;
}

/** Starts a due scheduled campaign's run (the job calls it per campaign in its tenant). */
export async function startDueRun(ctx: Ctx, campaignId: string): Promise<number | null> {
  const row = await campaignRow(ctx, campaignId, true);
  const now = ctx.clock.now();
  if (row.status !== 'scheduled' || !row.nextRunAt || row.nextRunAt.getTime() > now.getTime())
    return null;
  const next =
    row.scheduleKind === 'recurring' && row.recurrence
      ? nextOccurrence(now, row.recurrence, (await getTenant(ctx)).timezone)
      : null;
  await ctx.tx.update(campaigns).set({ nextRunAt: next }).where(eq(campaigns.id, campaignId));
  return startRun(ctx, { ...row, nextRunAt: next });
}
