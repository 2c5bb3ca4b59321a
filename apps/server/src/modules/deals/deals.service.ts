// Staff's side of deals: create and change a draft, publish it, cancel it (every hold released
// in the same transaction).
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import { recordAudit } from '../audit/index.ts';
import { couponTemplates } from '../coupons/index.ts';
import { packageProducts } from '../loyalty/index.ts';
import { stores } from '../tenancy/index.ts';
import { dealRow, getDeal } from './deal-read.ts';
import { canMove } from './deal-rules.ts';
import type { CreateDealInput, UpdateDealInput } from './deals.schemas.ts';
import { deals, dealStores } from './deals.tables.ts';
import { settleDealNow } from './settlement.ts';

type Fields = Omit<CreateDealInput, 'storeIds'>;

/** The deal's fields checked together: one reward, prices, seats, a deadline ahead. */
async function checkFields(ctx: Ctx, f: Fields) {
  const productId = f.rewardKind === 'package' ? (f.packageProductId ?? null) : null;
  const templateId = f.rewardKind === 'coupon' ? (f.couponTemplateId ?? null) : null;
  if (productId) {
    const [p] = await ctx.tx
      .select({ id: packageProducts.id })
      .from(packageProducts)
      .where(eq(packageProducts.id, productId));
    if (!p) throw new AppError('DEAL_REWARD_INVALID', { field: 'packageProductId' });
  } else if (templateId) {
    const [t] = await ctx.tx
      .select({ id: couponTemplates.id })
      .from(couponTemplates)
      .where(and(eq(couponTemplates.id, templateId), eq(couponTemplates.status, 'active')));
    if (!t) throw new AppError('DEAL_REWARD_INVALID', { field: 'couponTemplateId' });
  } else
    throw new AppError('DEAL_REWARD_INVALID', {
      field: f.rewardKind === 'package' ? 'packageProductId' : 'couponTemplateId',
    });
  if (f.originalPriceFen < f.priceFen)
    throw new AppError('VALIDATION_FAILED', {
      field: 'originalPriceFen',
      message: { 'zh-CN': '原价不能低于团购价', en: 'The original price is below the deal price' },
    });
  if (f.maxJoiners != null && f.maxJoiners < f.minJoiners)
    throw new AppError('VALIDATION_FAILED', {
      field: 'maxJoiners',
      message: { 'zh-CN': '名额上限不能少于成团人数', en: 'Seats are fewer than the minimum' },
    });
  if (new Date(f.deadlineAt).getTime() <= ctx.clock.now().getTime())
    throw new AppError('VALIDATION_FAILED', {
      field: 'deadlineAt',
      message: { 'zh-CN': '截止时间须晚于现在', en: 'The deadline must be in the future' },
    });
  return {
    title: sanitizePlainText(f.title).trim() || f.title.trim(),
    description: sanitizePlainText(f.description ?? ''),
    rewardKind: f.rewardKind,
    packageProductId: productId,
    couponTemplateId: templateId,
    priceFen: f.priceFen,
    originalPriceFen: f.originalPriceFen,
    minJoiners: f.minJoiners,
    maxJoiners: f.maxJoiners ?? null,
    deadlineAt: new Date(f.deadlineAt),
  };
}

async function setStores(ctx: Ctx, dealId: string, storeIds: readonly string[]) {
  const ids = [...new Set(storeIds)];
  if (ids.length) {
    const found = await ctx.tx
      .select({ id: stores.id })
      .from(stores)
      .where(inArray(stores.id, ids));
    if (found.length !== ids.length)
      throw new AppError('DEAL_STORE_UNKNOWN', { field: 'storeIds' });
  }
  await ctx.tx.delete(dealStores).where(eq(dealStores.dealId, dealId));
  if (ids.length)
    await ctx.tx
      .insert(dealStores)
      .values(ids.map((storeId) => ({ tenantId: ctx.tenantId, dealId, storeId })));
}

export async function createDeal(ctx: Ctx, input: CreateDealInput) {
  const fields = await checkFields(ctx, input);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx.insert(deals).values({
    tenantId: ctx.tenantId,
    id,
    ...fields,
    status: 'draft',
    createdBy: ctx.actor.type === 'staff' ? ctx.actor.id : null,
    createdAt: now,
    updatedAt: now,
  });
  await setStores(ctx, id, input.storeIds);
  await recordAudit(ctx, {
    action: 'deal.created',
    entityType: 'deal',
    entityId: id,
    changes: { ...fields, deadlineAt: input.deadlineAt },
  });
  return getDeal(ctx, id);
}

export async function updateDeal(ctx: Ctx, dealId: string, input: UpdateDealInput) {
  const row = await dealRow(ctx, dealId, true);
  if (row.status !== 'draft')
    throw new AppError('DEAL_STATUS_INVALID', { details: { status: row.status } });
  const fields = await checkFields(ctx, {
    title: input.title ?? row.title,
    description: input.description ?? row.description,
    rewardKind: input.rewardKind ?? row.rewardKind,
    packageProductId:
      input.packageProductId !== undefined ? input.packageProductId : row.packageProductId,
    couponTemplateId:
      input.couponTemplateId !== undefined ? input.couponTemplateId : row.couponTemplateId,
    priceFen: input.priceFen ?? row.priceFen,
    originalPriceFen: input.originalPriceFen ?? row.originalPriceFen,
    minJoiners: input.minJoiners ?? row.minJoiners,
    maxJoiners: input.maxJoiners !== undefined ? input.maxJoiners : row.maxJoiners,
    deadlineAt: input.deadlineAt ?? row.deadlineAt.toISOString(),
  });
  await ctx.tx
    .update(deals)
    .set({ ...fields, updatedAt: ctx.clock.now() })
    .where(eq(deals.id, dealId));
  if (input.storeIds) await setStores(ctx, dealId, input.storeIds);
  await recordAudit(ctx, {
    action: 'deal.updated',
    entityType: 'deal',
    entityId: dealId,
    changes: input,
  });
  return getDeal(ctx, dealId);
}

export async function publishDeal(ctx: Ctx, dealId: string) {
  const row = await dealRow(ctx, dealId, true);
  if (!canMove(row.status, 'open'))
    throw new AppError('DEAL_STATUS_INVALID', { details: { status: row.status } });
  if (row.deadlineAt.getTime() <= ctx.clock.now().getTime())
    throw new AppError('VALIDATION_FAILED', {
      field: 'deadlineAt',
      message: {
        'zh-CN': '截止时间已过，请先修改',
        en: 'The deadline has passed; change it first',
      },
    });
  const now = ctx.clock.now();
  await ctx.tx
    .update(deals)
    .set({ status: 'open', publishedAt: now, updatedAt: now })
    .where(eq(deals.id, dealId));
  await recordAudit(ctx, { action: 'deal.published', entityType: 'deal', entityId: dealId });
  return getDeal(ctx, dealId);
}

/** A draft is simply cancelled; an open deal releases every hold and tells its joiners. */
export async function cancelDeal(ctx: Ctx, dealId: string) {
  const row = await dealRow(ctx, dealId, true);
  const now = ctx.clock.now();
  if (row.status === 'draft')
    await ctx.tx
      .update(deals)
      .set({ status: 'cancelled', outcome: 'cancelled', settledAt: now, updatedAt: now })
      .where(eq(deals.id, dealId));
  else if (row.status === 'open') await settleDealNow(ctx, dealId, 'cancelled');
  else throw new AppError('DEAL_STATUS_INVALID', { details: { status: row.status } });
  await recordAudit(ctx, { action: 'deal.cancelled', entityType: 'deal', entityId: dealId });
  return getDeal(ctx, dealId);
}
