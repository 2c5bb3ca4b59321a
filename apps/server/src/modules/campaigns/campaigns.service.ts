// Campaigns: saving (checked at save time: campaign-input.ts), cancelling and deleting, drafts
// from lifecycle plays, the options the console offers, and the hooks of merges and segments.
// Launching and runs (recipients snapshotted set-based in one INSERT … SELECT with variant and
// hold-out decided in SQL) are in launch.ts, dispatching through the messaging pipeline in
// dispatch.ts, conversion attribution in attribution.ts, the report in report.ts; the
// module's index takes them from here.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { listBuiltInTemplates } from '../messaging/index.ts';
import { createSegment } from '../segments/index.ts';
import {
  ALWAYS,
  checkInput,
  COUPON_VARIABLES,
  PROVIDED_VARIABLES,
  values,
} from './campaign-input.ts';
import type { CampaignDto, CampaignInput } from './campaigns.schemas.ts';
import { campaignRecipients, campaignRuns, campaigns } from './campaigns.tables.ts';
import { campaignRow, getCampaign } from './listing.ts';
import { PLAYS, type Play } from './plays.ts';

export { attributeConversion } from './attribution.ts';
export { dispatchBatch } from './dispatch.ts';
export { bucketOf, launchCampaign, startRun } from './launch.ts';
export { getCampaign } from './listing.ts';
export { campaignReport } from './report.ts';

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

export function campaignOptions(ctx: Ctx) {
  return {
    templates: listBuiltInTemplates()
      .filter((t) => t.purpose === 'marketing')
      .map((t) => ({
        key: t.key,
        name: t.name[ctx.locale],
        variables: t.variables,
        channels: Object.keys(t.channels),
      })),
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
