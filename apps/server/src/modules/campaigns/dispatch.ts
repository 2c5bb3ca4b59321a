// Dispatching a run in batches through the messaging pipeline: a coupon each when the campaign
// has one, then the message, idempotent by its dedupe key; a run whose recipients are all
// handled is complete, and so is its campaign unless it recurs.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { issueCoupon } from '../coupons/index.ts';
import { sendToCustomer } from '../messaging/index.ts';
import { campaignRuns, campaigns } from './campaigns.tables.ts';
import { campaignRow, type CampaignRow } from './listing.ts';

export const DISPATCH_BATCH = 200;

interface PendingRow {
  customer_id: string;
  variant: string;
}

/** What became of one recipient: its message queued, or failed before one existed. */
interface Outcome {
  customer_id: string;
  status: 'queued' | 'failed';
  intent_id: string | null;
  coupon_id: string | null;
  reason: string | null;
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
  const results: Outcome[] = [];
  for (const p of pending) results.push(await dispatchOne(ctx, row, runNo, p));
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

async function dispatchOne(
  ctx: Ctx,
  row: CampaignRow,
  runNo: number,
  p: PendingRow,
): Promise<Outcome> {
  const variant = row.variants.find((v) => v.key === p.variant) ?? row.variants[0]!;
  const data: Record<string, unknown> = { campaign: { text: variant.text } };
  let couponId: string | null = null;
  if (row.couponTemplateId) {
    try {
      const coupon = await issueRecipientCoupon(ctx, row, runNo, p.customer_id);
      couponId = coupon.id;
      data.coupon = {
        code: coupon.code,
        name: coupon.templateName,
        expiresAt: coupon.validUntil ? coupon.validUntil.slice(0, 10) : '',
      };
    } catch (err) {
      const reason = err instanceof AppError ? err.code : 'COUPON_FAILED';
      return {
        customer_id: p.customer_id,
        status: 'failed',
        intent_id: null,
        coupon_id: null,
        reason,
      };
    }
  }
  const sent = await sendToCustomer(ctx, {
    customerId: p.customer_id,
    templateKey: variant.templateKey,
    data,
    dedupeKey: `campaign:${row.id}:${runNo}:${p.customer_id}`,
    priority: 'marketing',
    purpose: 'marketing',
    ...(row.channels?.length ? { channels: row.channels as never } : {}),
    source: { type: 'campaign', id: row.id },
  });
  return {
    customer_id: p.customer_id,
    status: 'queued',
    intent_id: sent.intentId,
    coupon_id: couponId,
    reason: null,
  };
}

/** A savepoint: a refused coupon (limit, budget) must not abort the batch. */
function issueRecipientCoupon(ctx: Ctx, row: CampaignRow, runNo: number, customerId: string) {
  return ctx.tx.transaction(async (sp) =>
    issueCoupon(
      { ...ctx, tx: sp as unknown as Ctx['tx'] },
      {
        templateId: row.couponTemplateId!,
        customerId,
        key: `campaign:${row.id}:${runNo}`,
        source: 'campaign',
        sourceRef: row.id,
      },
    ),
  );
}

export async function finishRunIfDone(ctx: Ctx, campaignId: string, runNo: number) {
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

/** Runs still sending (the job resumes them, also after a crash). */
export async function sendingRuns(ctx: Ctx) {
  return ctx.tx
    .select({ campaignId: campaignRuns.campaignId, runNo: campaignRuns.runNo })
    .from(campaignRuns)
    .where(eq(campaignRuns.status, 'sending'));
}
