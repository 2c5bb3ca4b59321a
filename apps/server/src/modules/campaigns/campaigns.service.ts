// Campaigns: saving (template, variables, schedule and coupon checked at save time), launching
// (recipients snapshotted set-based in one INSERT … SELECT with variant and hold-out decided in
// SQL), dispatching in batches through the messaging pipeline (idempotent by dedupe key), the
// accounting and the conversion report.
import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { couponTemplates, issueCoupon } from '../coupons/index.ts';
import {
  builtInTemplate,
  listBuiltInTemplates,
  messageDeliveries,
  messageIntents,
  sendToCustomer,
  touchedBetween,
} from '../messaging/index.ts';
import { countMembers, createSegment, membersSql, segmentRow } from '../segments/index.ts';
import { unlessRefunded, withdrawOrderCredit } from '../service/index.ts';
import { getTenant } from '../tenancy/index.ts';
import {
  campaignRecipients,
  campaignRuns,
  campaigns,
  type CampaignVariant,
  type Recurrence,
} from './campaigns.tables.ts';
import type { CampaignDto, CampaignInput } from './campaigns.schemas.ts';
import { PLAYS, type Play } from './plays.ts';
import { nextOccurrence } from './schedule.ts';

type CampaignRow = typeof campaigns.$inferSelect;

/** What a campaign always gives its template, and what a coupon adds. */
export const PROVIDED_VARIABLES = ['campaign.text'];
export const COUPON_VARIABLES = ['coupon.name', 'coupon.code', 'coupon.expiresAt'];
const ALWAYS = ['customer.name', 'tenant.name', 'unsubscribe.url'];

export const DISPATCH_BATCH = 200;

// ---------------------------------------------------------------------------------------------
// Accounting

export interface Accounting {
  targeted: number;
  heldOut: number;
  pending: number;
  sent: number;
  suppressed: number;
  failed: number;
}

const emptyAccounting = (): Accounting => ({
  targeted: 0,
  heldOut: 0,
  pending: 0,
  sent: 0,
  suppressed: 0,
  failed: 0,
});

/**
 * Where each recipient stands: held out; failed before a message existed (coupon could not be
 * issued); else the message intent's status (queued and processing are still pending).
 */
const OUTCOME = sql`case
    when r.held_out then 'held_out'
    when r.status = 'failed' then 'failed'
    when r.status = 'pending' then 'pending'
    when i.status = 'sent' then 'sent'
    when i.status = 'suppressed' then 'suppressed'
    when i.status = 'failed' then 'failed'
    else 'pending' end`;

async function accountingFor(ctx: Ctx, ids: string[]): Promise<Map<string, Accounting>> {
  const out = new Map<string, Accounting>();
  if (!ids.length) return out;
  const rows = await queryRows<{ campaign_id: string; outcome: string; n: number }>(
    ctx.tx,
    sql`select r.campaign_id, ${OUTCOME} as outcome, count(*)::int as n
        from campaign_recipients r
        left join ${messageIntents} i on i.tenant_id = r.tenant_id and i.id = r.intent_id
        where r.tenant_id = ${ctx.tenantId}::uuid
          and r.campaign_id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
        group by 1, 2`,
  );
  for (const r of rows) {
    const a = out.get(r.campaign_id) ?? emptyAccounting();
    const n = Number(r.n);
    a.targeted += n;
    if (r.outcome === 'held_out') a.heldOut += n;
    else if (r.outcome === 'sent') a.sent += n;
    else if (r.outcome === 'suppressed') a.suppressed += n;
    else if (r.outcome === 'failed') a.failed += n;
    else a.pending += n;
    out.set(r.campaign_id, a);
  }
  return out;
}

function dto(row: CampaignRow, segmentName: string | null, accounting: Accounting): CampaignDto {
  return {
    id: row.id,
    name: row.name,
    play: row.play,
    segmentId: row.segmentId,
    segmentName,
    variants: row.variants,
    splitPercent: row.splitPercent,
    couponTemplateId: row.couponTemplateId,
    holdoutPercent: row.holdoutPercent,
    budgetMaxRecipients: row.budgetMaxRecipients,
    budgetMaxCouponFen: row.budgetMaxCouponFen === null ? null : Number(row.budgetMaxCouponFen),
    attributionDays: row.attributionDays,
    channels: (row.channels as CampaignDto['channels']) ?? null,
    scheduleKind: row.scheduleKind,
    sendAt: row.sendAt?.toISOString() ?? null,
    recurrence: row.recurrence ?? null,
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    status: row.status,
    runs: row.runs,
    launchedAt: row.launchedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    accounting,
  };
}

async function segmentNames(ctx: Ctx, rows: CampaignRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.segmentId))];
  if (!ids.length) return new Map();
  const found = await queryRows<{ id: string; name: string }>(
    ctx.tx,
    sql`select id, name from segments where tenant_id = ${ctx.tenantId}::uuid and id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  return new Map(found.map((s) => [s.id, s.name]));
}

export async function listCampaigns(ctx: Ctx) {
  const rows = await ctx.tx.select().from(campaigns).orderBy(desc(campaigns.createdAt));
  const acc = await accountingFor(
    ctx,
    rows.map((r) => r.id),
  );
  const names = await segmentNames(ctx, rows);
  return {
    items: rows.map((r) =>
      dto(r, names.get(r.segmentId) ?? null, acc.get(r.id) ?? emptyAccounting()),
    ),
  };
}

async function campaignRow(ctx: Ctx, id: string, lock = false): Promise<CampaignRow> {
  const q = ctx.tx.select().from(campaigns).where(eq(campaigns.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND', { details: { entity: 'campaign' } });
  return row;
}

export async function getCampaign(ctx: Ctx, id: string): Promise<CampaignDto> {
  const row = await campaignRow(ctx, id);
  const acc = await accountingFor(ctx, [id]);
  const names = await segmentNames(ctx, [row]);
  return dto(row, names.get(row.segmentId) ?? null, acc.get(id) ?? emptyAccounting());
}

// ---------------------------------------------------------------------------------------------
// Saving

/** The variables a template needs that the campaign does not give it (empty when it fits). */
export function missingVariables(templateKey: string, withCoupon: boolean): string[] | null {
  const template = builtInTemplate(templateKey);
  if (!template || template.purpose !== 'marketing') return null;
  const provided = new Set([
    ...ALWAYS,
    ...PROVIDED_VARIABLES,
    ...(withCoupon ? COUPON_VARIABLES : []),
  ]);
  return template.variables.filter((v) => !provided.has(v));
}

async function checkInput(ctx: Ctx, input: CampaignInput) {
  const segment = await segmentRow(ctx, input.segmentId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND')
      throw new AppError('NOT_FOUND', { field: 'segmentId', details: { entity: 'segment' } });
    throw err;
  });
  const keys = input.variants.map((v) => v.key);
  if (new Set(keys).size !== keys.length || keys[0] !== 'A')
    throw new AppError('VALIDATION_FAILED', {
      field: 'variants',
      message: { 'zh-CN': '方案须为 A，或 A 与 B', en: 'Variants must be A, or A and B' },
    });
  if (input.variants.length === 2 && input.splitPercent === undefined)
    throw new AppError('VALIDATION_FAILED', {
      field: 'splitPercent',
      message: {
        'zh-CN': '两个方案时须填写 A 方案的比例',
        en: 'With two variants, give the share of variant A',
      },
    });
  const withCoupon = Boolean(input.couponTemplateId);
  input.variants.forEach((v, i) => {
    const missing = missingVariables(v.templateKey, withCoupon);
    if (missing === null)
      throw new AppError('CAMPAIGN_TEMPLATE_INVALID', {
        field: `variants.${i}.templateKey`,
        details: { templateKey: v.templateKey, reason: 'not_found' },
      });
    if (missing.length)
      throw new AppError('CAMPAIGN_TEMPLATE_INVALID', {
        field: `variants.${i}.templateKey`,
        details: { templateKey: v.templateKey, reason: 'variables_missing', missing },
      });
    const template = builtInTemplate(v.templateKey)!;
    const absent = (input.channels ?? []).filter((c) => !template.channels[c]);
    if (absent.length)
      throw new AppError('CAMPAIGN_TEMPLATE_INVALID', {
        field: 'channels',
        details: {
          templateKey: v.templateKey,
          reason: 'channel_not_in_template',
          channels: absent,
        },
      });
  });
  let couponValueFen = 0;
  if (input.couponTemplateId) {
    const [t] = await ctx.tx
      .select()
      .from(couponTemplates)
      .where(eq(couponTemplates.id, input.couponTemplateId));
    if (!t) throw new AppError('NOT_FOUND', { field: 'couponTemplateId' });
    if (t.status !== 'active')
      throw new AppError('COUPON_TEMPLATE_ARCHIVED', { field: 'couponTemplateId' });
    couponValueFen = Number(t.amountOffFen ?? t.maxDiscountFen ?? 0);
  }
  if (input.budgetMaxCouponFen && !input.couponTemplateId)
    throw new AppError('VALIDATION_FAILED', {
      field: 'budgetMaxCouponFen',
      message: {
        'zh-CN': '未选择优惠券时不能设置券额预算',
        en: 'A coupon budget needs a coupon',
      },
    });
  const now = ctx.clock.now();
  if (input.scheduleKind === 'once') {
    if (!input.sendAt)
      throw new AppError('CAMPAIGN_SCHEDULE_INVALID', {
        field: 'sendAt',
        details: { reason: 'required' },
      });
    if (new Date(input.sendAt).getTime() <= now.getTime())
      throw new AppError('CAMPAIGN_SCHEDULE_INVALID', {
        field: 'sendAt',
        details: { reason: 'past' },
      });
  }
  if (input.scheduleKind === 'recurring') {
    const r = input.recurrence;
    if (!r)
      throw new AppError('CAMPAIGN_SCHEDULE_INVALID', {
        field: 'recurrence',
        details: { reason: 'required' },
      });
    if (r.frequency === 'weekly' && r.weekday === undefined)
      throw new AppError('CAMPAIGN_SCHEDULE_INVALID', {
        field: 'recurrence.weekday',
        details: { reason: 'required' },
      });
    if (r.frequency === 'monthly' && r.dayOfMonth === undefined)
      throw new AppError('CAMPAIGN_SCHEDULE_INVALID', {
        field: 'recurrence.dayOfMonth',
        details: { reason: 'required' },
      });
  }
  return { segment, couponValueFen };
}

function values(input: CampaignInput) {
  return {
    name: input.name,
    play: input.play ?? null,
    segmentId: input.segmentId,
    variants: input.variants as CampaignVariant[],
    splitPercent: input.variants.length === 2 ? (input.splitPercent ?? 50) : 100,
    couponTemplateId: input.couponTemplateId ?? null,
    holdoutPercent: input.holdoutPercent,
    budgetMaxRecipients: input.budgetMaxRecipients ?? null,
    budgetMaxCouponFen: input.budgetMaxCouponFen ?? null,
    attributionDays: input.attributionDays,
    channels: input.channels ?? null,
    scheduleKind: input.scheduleKind,
    sendAt: input.scheduleKind === 'once' && input.sendAt ? new Date(input.sendAt) : null,
    recurrence: input.scheduleKind === 'recurring' ? (input.recurrence as Recurrence) : null,
  };
}

export async function createCampaign(ctx: Ctx, input: CampaignInput): Promise<CampaignDto> {
  await checkInput(ctx, input);
  const now = ctx.clock.now();
  const id = newId();
  await ctx.tx.insert(campaigns).values({
    tenantId: ctx.tenantId,
    id,
    ...values(input),
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit(ctx, {
    action: 'campaign.created',
    entityType: 'campaign',
    entityId: id,
    changes: { name: input.name, segmentId: input.segmentId },
  });
  return getCampaign(ctx, id);
}

export async function updateCampaign(
  ctx: Ctx,
  id: string,
  input: CampaignInput,
): Promise<CampaignDto> {
  const row = await campaignRow(ctx, id, true);
  if (row.status !== 'draft')
    throw new AppError('CAMPAIGN_STATUS_CONFLICT', { details: { status: row.status } });
  await checkInput(ctx, input);
  await ctx.tx
    .update(campaigns)
    .set({ ...values(input), updatedAt: ctx.clock.now() })
    .where(eq(campaigns.id, id));
  await recordAudit(ctx, { action: 'campaign.updated', entityType: 'campaign', entityId: id });
  return getCampaign(ctx, id);
}

/** A draft campaign from a lifecycle play: its segment (made once, reused) and template. */
export async function createFromPlay(ctx: Ctx, play: Play): Promise<CampaignDto> {
  const spec = PLAYS[play];
  const lang = ctx.locale;
  const segmentName = `${spec.name[lang]}（${lang === 'en' ? 'play' : '推荐'}）`;
  const existing = await queryRows<{ id: string }>(
    ctx.tx,
    sql`select id from segments where tenant_id = ${ctx.tenantId}::uuid and name = ${segmentName}`,
  );
  let segmentId = existing[0]?.id;
  if (!segmentId) {
    segmentId = (
      await createSegment(ctx, {
        name: segmentName,
        description: spec.description[lang],
        filter: spec.filter,
      })
    ).id;
  }
  return createCampaign(ctx, {
    name: spec.name[lang],
    play,
    segmentId,
    variants: [{ key: 'A', templateKey: spec.templateKey, text: spec.text[lang] }],
    holdoutPercent: 10,
    attributionDays: spec.attributionDays,
    scheduleKind: 'now',
  });
}

export async function cancelCampaign(ctx: Ctx, id: string): Promise<CampaignDto> {
  const row = await campaignRow(ctx, id, true);
  if (row.status === 'completed' || row.status === 'cancelled')
    throw new AppError('CAMPAIGN_STATUS_CONFLICT', { details: { status: row.status } });
  const now = ctx.clock.now();
  // Recipients not yet messaged are dropped; messages already queued go out as queued.
  await ctx.tx
    .update(campaignRecipients)
    .set({ status: 'failed', reason: 'cancelled' })
    .where(and(eq(campaignRecipients.campaignId, id), eq(campaignRecipients.status, 'pending')));
  await ctx.tx
    .update(campaignRuns)
    .set({ status: 'completed', completedAt: now })
    .where(and(eq(campaignRuns.campaignId, id), eq(campaignRuns.status, 'sending')));
  await ctx.tx
    .update(campaigns)
    .set({ status: 'cancelled', nextRunAt: null, completedAt: now, updatedAt: now })
    .where(eq(campaigns.id, id));
  await recordAudit(ctx, { action: 'campaign.cancelled', entityType: 'campaign', entityId: id });
  return getCampaign(ctx, id);
}

export async function deleteCampaign(ctx: Ctx, id: string): Promise<void> {
  const row = await campaignRow(ctx, id, true);
  if (row.status !== 'draft')
    throw new AppError('CAMPAIGN_STATUS_CONFLICT', { details: { status: row.status } });
  await ctx.tx.delete(campaigns).where(eq(campaigns.id, id));
  await recordAudit(ctx, { action: 'campaign.deleted', entityType: 'campaign', entityId: id });
}

// ---------------------------------------------------------------------------------------------
// Launching and running

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

interface PendingRow {
  customer_id: string;
  variant: string;
}

/**
 * Sends one batch of a run's pending recipients (in the caller's transaction): a coupon each
 * when the campaign has one, then `sendToCustomer` with the dedupe key
 * `campaign:<id>:<run>:<customer>` — so a batch repeated after a crash queues nothing twice.
 * Returns how many recipients it handled.
 */
export async function dispatchBatch(
  ctx: Ctx,
  campaignId: string,
  runNo: number,
  batch = DISPATCH_BATCH,
): Promise<number> {
  const row = await campaignRow(ctx, campaignId);
  const pending = await queryRows<PendingRow>(
    ctx.tx,
    sql`select customer_id, variant from campaign_recipients
        where tenant_id = ${ctx.tenantId}::uuid and campaign_id = ${campaignId}::uuid
          and run_no = ${runNo}::int and status = 'pending'
        order by customer_id limit ${batch}
        for update skip locked`,
  );
  const now = ctx.clock.now();
  const results: {
    customer_id: string;
    status: 'queued' | 'failed';
    intent_id: string | null;
    coupon_id: string | null;
    reason: string | null;
  }[] = [];
  for (const p of pending) {
    const variant = row.variants.find((v) => v.key === p.variant) ?? row.variants[0]!;
    const data: Record<string, unknown> = { campaign: { text: variant.text } };
    let couponId: string | null = null;
    if (row.couponTemplateId) {
      try {
        // A savepoint: a refused coupon (limit, budget) must not abort the batch.
        const coupon = await ctx.tx.transaction(async (sp) =>
          issueCoupon(
            { ...ctx, tx: sp as unknown as Ctx['tx'] },
            {
              templateId: row.couponTemplateId!,
              customerId: p.customer_id,
              key: `campaign:${campaignId}:${runNo}`,
              source: 'campaign',
              sourceRef: campaignId,
            },
          ),
        );
        couponId = coupon.id;
        data.coupon = {
          code: coupon.code,
          name: coupon.templateName,
          expiresAt: coupon.validUntil ? coupon.validUntil.slice(0, 10) : '',
        };
      } catch (err) {
        const reason = err instanceof AppError ? err.code : 'COUPON_FAILED';
        results.push({
          customer_id: p.customer_id,
          status: 'failed',
          intent_id: null,
          coupon_id: null,
          reason,
        });
        continue;
      }
    }
    const sent = await sendToCustomer(ctx, {
      customerId: p.customer_id,
      templateKey: variant.templateKey,
      data,
      dedupeKey: `campaign:${campaignId}:${runNo}:${p.customer_id}`,
      priority: 'marketing',
      purpose: 'marketing',
      ...(row.channels?.length ? { channels: row.channels as never } : {}),
      source: { type: 'campaign', id: campaignId },
    });
    results.push({
      customer_id: p.customer_id,
      status: 'queued',
      intent_id: sent.intentId,
      coupon_id: couponId,
      reason: null,
    });
  }
  if (results.length) {
    await ctx.tx.execute(
      sql`update campaign_recipients r
          set status = x.status, intent_id = x.intent_id, coupon_id = x.coupon_id, reason = x.reason,
              touched_at = ${now.toISOString()}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(results)}::jsonb)
            as x(customer_id uuid, status text, intent_id uuid, coupon_id uuid, reason text)
          where r.tenant_id = ${ctx.tenantId}::uuid and r.campaign_id = ${campaignId}::uuid
            and r.run_no = ${runNo}::int and r.customer_id = x.customer_id`,
    );
  }
  if (pending.length < batch) await finishRunIfDone(ctx, campaignId, runNo);
  return pending.length;
}

async function finishRunIfDone(ctx: Ctx, campaignId: string, runNo: number) {
  const [left] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from campaign_recipients
        where tenant_id = ${ctx.tenantId}::uuid and campaign_id = ${campaignId}::uuid
          and run_no = ${runNo}::int and status = 'pending'`,
  );
  if (Number(left?.n ?? 0) > 0) return;
  const now = ctx.clock.now();
  await ctx.tx
    .update(campaignRuns)
    .set({ status: 'completed', completedAt: now })
    .where(
      and(
        eq(campaignRuns.campaignId, campaignId),
        eq(campaignRuns.runNo, runNo),
        eq(campaignRuns.status, 'sending'),
      ),
    );
  const row = await campaignRow(ctx, campaignId);
  if (row.status !== 'running') return;
  // A recurring campaign waits for its next occurrence; the others are done.
  const recurring = row.scheduleKind === 'recurring' && row.nextRunAt !== null;
  await ctx.tx
    .update(campaigns)
    .set(
      recurring
        ? { status: 'scheduled', updatedAt: now }
        : { status: 'completed', completedAt: now, updatedAt: now },
    )
    .where(eq(campaigns.id, campaignId));
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

/** Runs still sending (the job resumes them, also after a crash). */
export async function sendingRuns(ctx: Ctx) {
  return ctx.tx
    .select({ campaignId: campaignRuns.campaignId, runNo: campaignRuns.runNo })
    .from(campaignRuns)
    .where(eq(campaignRuns.status, 'sending'));
}

// ---------------------------------------------------------------------------------------------
// Attribution

/**
 * Credits a booking or paid order to the campaign that touched the customer last within that
 * campaign's window (a message that was not suppressed or failed, or — for the control group —
 * being held out). Idempotent: one attribution per (kind, reference), first writer wins.
 */
export async function attributeConversion(
  ctx: Ctx,
  input: {
    kind: 'order' | 'booking';
    referenceId: string;
    customerId: string;
    revenueFen: number;
    at: Date;
    eventId: string | null;
  },
): Promise<boolean> {
  const at = input.at.toISOString();
  const rows = await queryRows<{ id: string }>(
    ctx.tx,
    sql`insert into campaign_attributions
          (tenant_id, id, campaign_id, run_no, customer_id, held_out, variant, kind, reference_id,
           revenue_fen, converted_at, event_id)
        select r.tenant_id, ${newId()}::uuid, r.campaign_id, r.run_no, r.customer_id, r.held_out,
               r.variant, ${input.kind}, ${input.referenceId}::uuid, ${input.revenueFen}::bigint,
               ${at}::timestamptz, ${input.eventId}::uuid
        from campaign_recipients r
        join campaigns c on c.tenant_id = r.tenant_id and c.id = r.campaign_id
        left join ${messageIntents} i on i.tenant_id = r.tenant_id and i.id = r.intent_id
        where r.tenant_id = ${ctx.tenantId}::uuid and r.customer_id = ${input.customerId}::uuid
          and r.touched_at <= ${at}::timestamptz
          and r.touched_at >= ${at}::timestamptz - make_interval(days => c.attribution_days)
          and (r.held_out or (r.status = 'queued' and i.status not in ('failed', 'suppressed')))
          and not ${touchedBetween({
            tenantId: sql`r.tenant_id`,
            customerId: sql`r.customer_id`,
            sourceType: 'rule',
            after: sql`r.touched_at`,
            until: sql`${at}::timestamptz`,
          })}
          ${unlessRefunded(input)}
        order by r.touched_at desc, r.campaign_id desc
        limit 1
        on conflict (tenant_id, kind, reference_id) do nothing
        returning id`,
  );
  return rows.length > 0;
}

/** A refunded order is no conversion: its credit to a campaign is taken back. Answers rows removed. */
export const withdrawOrderConversion = (ctx: Ctx, orderId: string): Promise<number> =>
  withdrawOrderCredit(ctx, 'campaign_attributions', orderId);

// ---------------------------------------------------------------------------------------------
// Report

const rate = (n: number, d: number) => (d > 0 ? n / d : null);

export async function campaignReport(ctx: Ctx, id: string) {
  const row = await campaignRow(ctx, id);
  const accounting = (await accountingFor(ctx, [id])).get(id) ?? emptyAccounting();
  const groups = await queryRows<{
    grp: string;
    targeted: number;
    sent: number;
    opened: number;
  }>(
    ctx.tx,
    sql`select case when r.held_out then 'holdout' else r.variant end as grp,
          count(*)::int as targeted,
          count(*) filter (where not r.held_out and i.status = 'sent')::int as sent,
          count(*) filter (where exists (
            select 1 from ${messageDeliveries} d
            where d.tenant_id = r.tenant_id and d.intent_id = r.intent_id
              and d.status in ('opened', 'clicked')))::int as opened
        from campaign_recipients r
        left join ${messageIntents} i on i.tenant_id = r.tenant_id and i.id = r.intent_id
        where r.tenant_id = ${ctx.tenantId}::uuid and r.campaign_id = ${id}::uuid
        group by 1 order by 1`,
  );
  const conv = await queryRows<{ grp: string; converted: number; revenue: number }>(
    ctx.tx,
    sql`select case when a.held_out then 'holdout' else a.variant end as grp,
          count(distinct (a.run_no, a.customer_id))::int as converted,
          coalesce(sum(a.revenue_fen), 0)::bigint as revenue
        from campaign_attributions a
        where a.tenant_id = ${ctx.tenantId}::uuid and a.campaign_id = ${id}::uuid
        group by 1`,
  );
  const convBy = new Map(conv.map((c) => [c.grp, c]));
  const tz = (await getTenant(ctx)).timezone;
  const daily = await queryRows<{ day: string; converted: number; holdout: number }>(
    ctx.tx,
    sql`select to_char((a.converted_at at time zone ${tz})::date, 'YYYY-MM-DD') as day,
          count(*) filter (where not a.held_out)::int as converted,
          count(*) filter (where a.held_out)::int as holdout
        from campaign_attributions a
        where a.tenant_id = ${ctx.tenantId}::uuid and a.campaign_id = ${id}::uuid
        group by 1 order by 1`,
  );
  const runs = await ctx.tx
    .select()
    .from(campaignRuns)
    .where(eq(campaignRuns.campaignId, id))
    .orderBy(campaignRuns.runNo);

  const groupRows = groups.map((g) => {
    const c = convBy.get(g.grp);
    const converted = Number(c?.converted ?? 0);
    const denominator = g.grp === 'holdout' ? Number(g.targeted) : Number(g.sent);
    return {
      group: g.grp,
      targeted: Number(g.targeted),
      sent: Number(g.sent),
      opened: Number(g.opened),
      converted,
      revenueFen: Number(c?.revenue ?? 0),
      conversionRate: rate(converted, denominator),
    };
  });
  const treated = groupRows.filter((g) => g.group !== 'holdout');
  const holdout = groupRows.find((g) => g.group === 'holdout');
  const converted = treated.reduce((s, g) => s + g.converted, 0);
  const sent = treated.reduce((s, g) => s + g.sent, 0);
  const conversionRate = rate(converted, sent);
  const holdoutConversionRate = holdout ? holdout.conversionRate : null;
  return {
    campaignId: row.id,
    accounting,
    opened: treated.reduce((s, g) => s + g.opened, 0),
    converted,
    revenueFen: treated.reduce((s, g) => s + g.revenueFen, 0),
    conversionRate,
    holdoutConverted: holdout?.converted ?? 0,
    holdoutConversionRate,
    lift:
      conversionRate !== null && holdoutConversionRate !== null
        ? conversionRate - holdoutConversionRate
        : null,
    groups: groupRows,
    daily: daily.map((d) => ({
      day: d.day,
      converted: Number(d.converted),
      holdoutConverted: Number(d.holdout),
    })),
    runs: runs.map((r) => ({
      runNo: r.runNo,
      status: r.status,
      targeted: r.targeted,
      startedAt: r.startedAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
    })),
  };
}

export async function campaignReportCsv(ctx: Ctx, id: string): Promise<string> {
  const report = await campaignReport(ctx, id);
  const zh = ctx.locale !== 'en';
  const header = zh
    ? ['分组', '目标人数', '已发送', '已打开', '转化人数', '转化收入（元）', '转化率']
    : ['Group', 'Targeted', 'Sent', 'Opened', 'Converted', 'Revenue (CNY)', 'Conversion rate'];
  const name = (g: string) =>
    g === 'holdout'
      ? zh
        ? '对照组（不发送）'
        : 'Hold-out (not sent)'
      : zh
        ? `方案 ${g}`
        : `Variant ${g}`;
  const rows = report.groups.map((g) => [
    name(g.group),
    g.targeted,
    g.sent,
    g.opened,
    g.converted,
    (g.revenueFen / 100).toFixed(2),
    g.conversionRate === null ? '' : `${(g.conversionRate * 100).toFixed(2)}%`,
  ]);
  return `\uFEFF${stringify([header, ...rows])}`;
}

export function campaignOptions(ctx: Ctx) {
  return {
    templates: listBuiltInTemplates()
      .filter((t) => t.purpose === 'marketing')
      .map((t) => ({ key: t.key, variables: t.variables, channels: Object.keys(t.channels) })),
    plays: (Object.keys(PLAYS) as Play[]).map((play) => ({
      play,
      name: PLAYS[play].name[ctx.locale],
      description: PLAYS[play].description[ctx.locale],
      templateKey: PLAYS[play].templateKey,
      text: PLAYS[play].text[ctx.locale],
      attributionDays: PLAYS[play].attributionDays,
    })),
    providedVariables: [...ALWAYS, ...PROVIDED_VARIABLES],
    couponVariables: COUPON_VARIABLES,
  };
}

/** Merge: a run that targeted both customers keeps the survivor's row. */
export async function onMergeCampaigns(
  ctx: Ctx,
  merge: { survivorId: string; duplicateId: string },
): Promise<void> {
  await ctx.tx.execute(
    sql`delete from campaign_recipients d
        where d.tenant_id = ${ctx.tenantId}::uuid and d.customer_id = ${merge.duplicateId}::uuid
          and exists (select 1 from campaign_recipients s
                      where s.tenant_id = d.tenant_id and s.campaign_id = d.campaign_id
                        and s.run_no = d.run_no and s.customer_id = ${merge.survivorId}::uuid)`,
  );
}

export async function segmentInUse(ctx: Ctx, segmentId: string): Promise<boolean> {
  const rows = await ctx.tx
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(eq(campaigns.segmentId, segmentId))
    .limit(1);
  return rows.length > 0;
}
