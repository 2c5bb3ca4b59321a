// Coupon templates (券模板): what a coupon is worth, when and where it can be used, how many may
// be issued — created, changed (the kind and the partner fields stay once coupons are out) and
// listed with how many of each were redeemed.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import { recordAudit } from '../audit/index.ts';
import { listStoresFor } from '../tenancy/index.ts';
import { describeTerms } from './coupon-rules.ts';
import type {
  CouponTemplateDto,
  CreateTemplateInput,
  UpdateTemplateInput,
} from './coupons.schemas.ts';
import { couponTemplates, coupons, type CouponTemplateRow } from './coupons.tables.ts';
import { partnerExists } from './partner-lookup.ts';
import { validationError } from './request-errors.ts';

type TemplateRow = CouponTemplateRow;

/** The cross-field rules of a template's terms (each kind needs its own fields). */
function assertTerms(t: TemplateRow): void {
  if (t.kind === 'amount_off' && !t.amountOffFen)
    throw validationError(
      'amountOffFen',
      '立减券须填写立减金额',
      'an amount_off coupon needs amountOffFen',
    );
  if (t.kind === 'percent_off' && !t.percentOff)
    throw validationError(
      'percentOff',
      '折扣券须填写折扣（1–100）',
      'a percent_off coupon needs percentOff (1–100)',
    );
  if (t.kind === 'free_item' && (!t.freeItemName || !t.freeItemCategory))
    throw validationError(
      t.freeItemName ? 'freeItemCategory' : 'freeItemName',
      '免费项目券须填写项目名称和类别',
      'a free_item coupon needs freeItemName and freeItemCategory',
    );
  if (t.kind === 'package' && (!t.packageName || !t.packageUses))
    throw validationError(
      t.packageName ? 'packageUses' : 'packageName',
      '套餐券须填写套餐名称和次数',
      'a package coupon needs packageName and packageUses',
    );
  if (t.validDays && (t.validFrom || t.validUntil))
    throw validationError(
      'validDays',
      '有效期只能二选一：固定日期或领取后天数',
      'give either fixed dates or validDays, not both',
    );
  if (t.validFrom && t.validUntil && t.validUntil <= t.validFrom)
    throw validationError(
      'validUntil',
      '结束时间须晚于开始时间',
      'validUntil must be after validFrom',
    );
  if (!t.partnerId && t.partnerDirection)
    throw validationError(
      'partnerDirection',
      '未选择合作商家时不能设置核销方向',
      'partnerDirection needs a partnerId',
    );
  if (!t.partnerId && t.settlementFen > 0)
    throw validationError(
      'settlementFen',
      '只有合作商家的券可以设置结算金额',
      'settlementFen is for partner coupons only',
    );
  if (t.budget !== null && t.issuedCount > t.budget)
    throw validationError(
      'budget',
      `发放总量不能少于已发放的 ${t.issuedCount} 张`,
      `the budget cannot be below the ${t.issuedCount} already issued`,
    );
}

async function assertStores(ctx: Ctx, storeIds: string[]): Promise<void> {
  if (!storeIds.length) return;
  const found = await listStoresFor(ctx, storeIds);
  if (found.length !== new Set(storeIds).size)
    throw new AppError('NOT_FOUND', { field: 'storeIds' });
}

async function assertPartner(ctx: Ctx, partnerId: string | null | undefined): Promise<void> {
  if (!partnerId) return;
  if (!(await partnerExists(ctx, partnerId)))
    throw new AppError('NOT_FOUND', { field: 'partnerId' });
}

/** A partner template without a direction is redeemed at the partner; none without a partner. */
function withPartnerDefaults(t: TemplateRow): TemplateRow {
  if (t.partnerId && !t.partnerDirection) return { ...t, partnerDirection: 'redeem_at_partner' };
  return t;
}

async function redeemedCounts(ctx: Ctx, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await ctx.tx
    .select({ templateId: coupons.templateId, n: sql<number>`count(*)::int` })
    .from(coupons)
    .where(and(inArray(coupons.templateId, ids), eq(coupons.status, 'redeemed')))
    .groupBy(coupons.templateId);
  return new Map(rows.map((r) => [r.templateId, Number(r.n)]));
}

function templateDto(t: TemplateRow, redeemed: number, ctx: Ctx): CouponTemplateDto {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    kind: t.kind,
    terms: describeTerms(t, ctx.locale),
    amountOffFen: t.amountOffFen,
    percentOff: t.percentOff,
    maxDiscountFen: t.maxDiscountFen,
    freeItemName: t.freeItemName,
    freeItemCategory: t.freeItemCategory,
    packageName: t.packageName,
    packageUses: t.packageUses,
    packageValidDays: t.packageValidDays,
    validFrom: isoOrNull(t.validFrom),
    validUntil: isoOrNull(t.validUntil),
    validDays: t.validDays,
    minSpendFen: t.minSpendFen,
    storeIds: t.storeIds,
    categories: t.categories,
    partnerId: t.partnerId,
    partnerDirection: t.partnerDirection,
    settlementFen: t.settlementFen,
    perCustomerLimit: t.perCustomerLimit,
    budget: t.budget,
    issuedCount: t.issuedCount,
    redeemedCount: redeemed,
    issueOnTier: t.issueOnTier,
    refundRule: t.refundRule,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

function templateValues(input: Partial<CreateTemplateInput>) {
  const out: Partial<typeof couponTemplates.$inferInsert> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (k === 'validFrom' || k === 'validUntil')
      (out as Record<string, unknown>)[k] = v === null ? null : new Date(v as string);
    else (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The template row (locked for update when `lock`); 404 on `templateId` when there is none. */
export async function templateRow(ctx: Ctx, id: string, lock = false): Promise<TemplateRow> {
  const q = ctx.tx.select().from(couponTemplates).where(eq(couponTemplates.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND', { field: 'templateId' });
  return row;
}

export async function getTemplate(ctx: Ctx, id: string): Promise<CouponTemplateDto> {
  const t = await templateRow(ctx, id);
  return templateDto(t, (await redeemedCounts(ctx, [id])).get(id) ?? 0, ctx);
}

export async function createTemplate(
  ctx: Ctx,
  input: CreateTemplateInput,
): Promise<CouponTemplateDto> {
  const now = ctx.clock.now();
  const row = withPartnerDefaults({
    tenantId: ctx.tenantId,
    id: newId(),
    description: null,
    amountOffFen: null,
    percentOff: null,
    maxDiscountFen: null,
    freeItemName: null,
    freeItemCategory: null,
    packageName: null,
    packageUses: null,
    packageValidDays: null,
    validFrom: null,
    validUntil: null,
    validDays: null,
    minSpendFen: 0,
    storeIds: [] as string[],
    categories: [] as string[],
    partnerId: null,
    partnerDirection: null,
    settlementFen: 0,
    perCustomerLimit: null,
    budget: null,
    issuedCount: 0,
    issueOnTier: null,
    refundRule: 'void' as const,
    status: 'active' as const,
    createdAt: now,
    updatedAt: now,
    ...templateValues(input),
  } as TemplateRow);
  assertTerms(row);
  await assertStores(ctx, row.storeIds);
  await assertPartner(ctx, row.partnerId);
  await ctx.tx.insert(couponTemplates).values(row);
  await recordAudit(ctx, {
    action: 'couponTemplate.created',
    entityType: 'coupon_template',
    entityId: row.id,
    changes: input,
  });
  return getTemplate(ctx, row.id);
}

export async function updateTemplate(
  ctx: Ctx,
  id: string,
  input: UpdateTemplateInput,
): Promise<CouponTemplateDto> {
  const current = await templateRow(ctx, id, true);
  const changes = templateValues(input);
  // Taking the partner away takes its direction with it; naming one defaults the direction.
  if (input.partnerId === null && input.partnerDirection === undefined)
    changes.partnerDirection = null;
  const merged = withPartnerDefaults({ ...current, ...changes } as TemplateRow);
  if (merged.partnerDirection !== current.partnerDirection)
    changes.partnerDirection = merged.partnerDirection;
  if (
    current.issuedCount > 0 &&
    (merged.partnerId !== current.partnerId || merged.partnerDirection !== current.partnerDirection)
  )
    throw new AppError('PARTNER_FIELDS_LOCKED', {
      field: merged.partnerId !== current.partnerId ? 'partnerId' : 'partnerDirection',
    });
  if (input.kind && input.kind !== current.kind && current.issuedCount > 0)
    throw validationError(
      'kind',
      '已发放的券模板不能更改类型',
      'the kind cannot change once coupons are issued',
    );
  assertTerms(merged);
  if (input.storeIds) await assertStores(ctx, input.storeIds);
  if (input.partnerId) await assertPartner(ctx, input.partnerId);
  if (Object.keys(changes).length)
    await ctx.tx
      .update(couponTemplates)
      .set({ ...changes, updatedAt: ctx.clock.now() })
      .where(eq(couponTemplates.id, id));
  await recordAudit(ctx, {
    action: 'couponTemplate.updated',
    entityType: 'coupon_template',
    entityId: id,
    changes: input,
  });
  return getTemplate(ctx, id);
}

export async function listTemplates(
  ctx: Ctx,
  input: { status?: 'active' | 'archived' | undefined; limit: number; cursor?: string | undefined },
) {
  const keyset = newestFirst('coupon_templates', 'created_at', input.cursor);
  const rows = await ctx.tx
    .select({ t: couponTemplates, sortKey: keyset.sortKey })
    .from(couponTemplates)
    .where(and(input.status ? eq(couponTemplates.status, input.status) : undefined, keyset.after))
    .orderBy(desc(couponTemplates.createdAt), desc(couponTemplates.id))
    .limit(input.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, input.limit, (r) => [r.sortKey, r.t.id]);
  const counts = await redeemedCounts(
    ctx,
    pageRows.map((r) => r.t.id),
  );
  return {
    items: pageRows.map((r) => templateDto(r.t, counts.get(r.t.id) ?? 0, ctx)),
    nextCursor,
  };
}
