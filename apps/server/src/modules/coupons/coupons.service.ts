import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError, type ErrorCode } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import { pgError } from '../../kernel/pg-errors.ts';
import { normalizePhone } from '../../kernel/phone.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import {
  applyOrderDiscount,
  getServiceOrder,
  removeOrderDiscount,
  serviceOrders,
} from '../service/index.ts';
// Stores are read directly for scope checks (the tenancy module exports no store lookup).
import { stores } from '../tenancy/tenancy.tables.ts';
// Likewise partners (the partners module builds on this one, so it cannot be imported whole).
import { partners } from '../partners/partners.tables.ts';
import {
  couponWindow,
  describeTerms,
  evaluateCoupon,
  generateCode,
  normalizeCode,
  type OrderContext,
  type TemplateTerms,
} from './coupon-rules.ts';
import type {
  CouponDto,
  CouponTemplateDto,
  CreateTemplateInput,
  IssueInput,
  UpdateTemplateInput,
  ValidateInput,
} from './coupons.schemas.ts';
import type { COUPON_SOURCES } from './coupons.tables.ts';
import { couponTemplates, coupons } from './coupons.tables.ts';

type TemplateRow = typeof couponTemplates.$inferSelect;
type CouponRow = typeof coupons.$inferSelect;
type Source = (typeof COUPON_SOURCES)[number];

const validationError = (field: string, zh: string, en: string) =>
  new AppError('VALIDATION_FAILED', {
    field,
    message: { 'zh-CN': `请求内容有误：${zh}`, en: `The request is not valid: ${en}` },
  });

// ---------------------------------------------------------------------------------------------
// Templates

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
  const found = await ctx.tx
    .select({ id: stores.id })
    .from(stores)
    .where(inArray(stores.id, storeIds));
  if (found.length !== new Set(storeIds).size)
    throw new AppError('NOT_FOUND', { field: 'storeIds' });
}

async function assertPartner(ctx: Ctx, partnerId: string | null | undefined): Promise<void> {
  if (!partnerId) return;
  const [found] = await ctx.tx
    .select({ id: partners.id })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (!found) throw new AppError('NOT_FOUND', { field: 'partnerId' });
}

/** A partner template without a direction is redeemed at the partner; none without a partner. */
function withPartnerDefaults(t: TemplateRow): TemplateRow {
  if (t.partnerId && !t.partnerDirection) return { ...t, partnerDirection: 'redeem_at_partner' };
  return t;
}

const termsOf = (t: TemplateRow): TemplateTerms => t;

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

async function templateRow(ctx: Ctx, id: string, lock = false): Promise<TemplateRow> {
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

// ---------------------------------------------------------------------------------------------
// Coupons: reading

const couponColumns = {
  c: coupons,
  t: couponTemplates,
  customerName: customers.name,
};

function stateOf(c: CouponRow, now: Date): CouponDto['state'] {
  if (c.status === 'redeemed') return 'redeemed';
  if (c.status === 'voided') return 'voided';
  if (now < c.validFrom) return 'not_yet_valid';
  if (c.validUntil && now >= c.validUntil) return 'expired';
  return 'valid';
}

function couponDto(
  r: { c: CouponRow; t: TemplateRow; customerName: string | null },
  ctx: Ctx,
): CouponDto {
  const { c, t } = r;
  return {
    id: c.id,
    code: c.code,
    templateId: c.templateId,
    templateName: t.name,
    kind: t.kind,
    terms: describeTerms(t, ctx.locale),
    customerId: c.customerId,
    customerName: r.customerName,
    status: c.status,
    state: stateOf(c, ctx.clock.now()),
    source: c.source,
    validFrom: c.validFrom.toISOString(),
    validUntil: isoOrNull(c.validUntil),
    issuedAt: c.issuedAt.toISOString(),
    redeemedAt: isoOrNull(c.redeemedAt),
    redeemedOrderId: c.redeemedOrderId,
    discountFen: c.discountFen,
    redemptionNote: c.redemptionNote,
    voidedAt: isoOrNull(c.voidedAt),
    voidReason: c.voidReason,
    reissuedFromId: c.reissuedFromId,
  };
}

function selectCoupons(ctx: Ctx, where: SQL | undefined) {
  return ctx.tx
    .select(couponColumns)
    .from(coupons)
    .innerJoin(
      couponTemplates,
      and(
        eq(couponTemplates.tenantId, coupons.tenantId),
        eq(couponTemplates.id, coupons.templateId),
      ),
    )
    .innerJoin(
      customers,
      and(eq(customers.tenantId, coupons.tenantId), eq(customers.id, coupons.customerId)),
    )
    .where(where);
}

export async function getCoupon(ctx: Ctx, id: string): Promise<CouponDto> {
  const [r] = await selectCoupons(ctx, eq(coupons.id, id));
  if (!r) throw new AppError('NOT_FOUND', { field: 'couponId' });
  return couponDto(r, ctx);
}

async function couponByCode(ctx: Ctx, code: string) {
  const [r] = await selectCoupons(ctx, eq(coupons.code, normalizeCode(code)));
  if (!r) throw new AppError('NOT_FOUND', { field: 'code' });
  return r;
}

export async function listCoupons(
  ctx: Ctx,
  input: {
    customerId?: string | undefined;
    templateId?: string | undefined;
    status?: CouponRow['status'] | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const keyset = newestFirst('coupons', 'issued_at', input.cursor);
  const rows = await ctx.tx
    .select({ ...couponColumns, sortKey: keyset.sortKey })
    .from(coupons)
    .innerJoin(
      couponTemplates,
      and(
        eq(couponTemplates.tenantId, coupons.tenantId),
        eq(couponTemplates.id, coupons.templateId),
      ),
    )
    .innerJoin(
      customers,
      and(eq(customers.tenantId, coupons.tenantId), eq(customers.id, coupons.customerId)),
    )
    .where(
      and(
        input.customerId ? eq(coupons.customerId, input.customerId) : undefined,
        input.templateId ? eq(coupons.templateId, input.templateId) : undefined,
        input.status ? eq(coupons.status, input.status) : undefined,
        keyset.after,
      ),
    )
    .orderBy(desc(coupons.issuedAt), desc(coupons.id))
    .limit(input.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, input.limit, (r) => [r.sortKey, r.c.id]);
  return { items: pageRows.map((r) => couponDto(r, ctx)), nextCursor };
}

/** The car owner's coupons: valid (incl. not yet valid), used, or expired/voided. */
export async function listMyCoupons(
  ctx: Ctx,
  customerId: string,
  state: 'valid' | 'used' | 'expired' | undefined,
) {
  const now = ctx.clock.now().toISOString();
  const live = sql`(${coupons.validUntil} is null or ${coupons.validUntil} > ${now}::timestamptz)`;
  const filter =
    state === 'valid'
      ? and(eq(coupons.status, 'issued'), live)
      : state === 'used'
        ? eq(coupons.status, 'redeemed')
        : state === 'expired'
          ? sql`(${coupons.status} = 'voided' or (${coupons.status} = 'issued' and not ${live}))`
          : undefined;
  const rows = await selectCoupons(ctx, and(eq(coupons.customerId, customerId), filter))
    .orderBy(desc(coupons.issuedAt), desc(coupons.id))
    .limit(200);
  return {
    items: rows.map((r) => {
      const {
        customerId: _c,
        customerName: _n,
        voidReason: _v,
        reissuedFromId: _r,
        source: _s,
        ...rest
      } = couponDto(r, ctx);
      return rest;
    }),
  };
}

/** How many coupons the customer can use now or later (for the member card). */
export async function validCouponCount(ctx: Ctx, customerId: string): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const [r] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(coupons)
    .where(
      and(
        eq(coupons.customerId, customerId),
        eq(coupons.status, 'issued'),
        sql`(${coupons.validUntil} is null or ${coupons.validUntil} > ${now}::timestamptz)`,
      ),
    );
  return Number(r?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Issuing

interface IssueTarget {
  customerId: string;
  issueKey: string;
}

/**
 * Issues one coupon of `template` to each target in one statement: the rows are inserted
 * (a key already used is skipped: idempotent) and the template's issued_count rises by the number
 * inserted in the same statement, so the CHECK issued_count ≤ budget holds or nothing is issued.
 * A code collision (one in ~10¹² per pair) retries the statement under a savepoint.
 */
async function insertCoupons(
  ctx: Ctx,
  template: TemplateRow,
  targets: IssueTarget[],
  meta: { source: Source; sourceRef: string | null; reissuedFromId?: string | null },
): Promise<string[]> {
  if (!targets.length) return [];
  const now = ctx.clock.now();
  const window = couponWindow(template, now);
  const countsAgainstBudget = meta.source !== 'reissue';
  for (let attempt = 0; ; attempt++) {
    const rows = targets.map((t) => ({
      tenant_id: ctx.tenantId,
      id: newId(),
      template_id: template.id,
      customer_id: t.customerId,
      code: generateCode(),
      status: 'issued',
      source: meta.source,
      source_ref: meta.sourceRef,
      issue_key: t.issueKey,
      valid_from: window.validFrom.toISOString(),
      valid_until: window.validUntil?.toISOString() ?? null,
      issued_at: now.toISOString(),
      issued_by: ctx.actor.type === 'staff' ? ctx.actor.id : null,
      reissued_from_id: meta.reissuedFromId ?? null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    }));
    const cols = sql.raw(
      Object.keys(rows[0]!)
        .map((k) => `"${k}"`)
        .join(', '),
    );
    try {
      const result = await ctx.tx.transaction(async (sp) =>
        queryRows<{ ids: string[] | string }>(
          sp,
          sql`with ins as (
                insert into coupons (${cols})
                select ${cols} from json_populate_recordset(null::coupons, ${JSON.stringify(rows)}::json)
                on conflict (tenant_id, template_id, issue_key) do nothing
                returning id
              ), bump as (
                update coupon_templates
                   set issued_count = issued_count + ${countsAgainstBudget ? sql`(select count(*)::int from ins)` : sql`0`},
                       updated_at = ${now.toISOString()}::timestamptz
                 where tenant_id = ${ctx.tenantId} and id = ${template.id}
                returning issued_count
              )
              select array(select id::text from ins) as ids, (select issued_count from bump) as issued_count`,
        ),
      );
      const ids = result[0]?.ids ?? [];
      return Array.isArray(ids) ? ids : parsePgArray(ids);
    } catch (err) {
      const pg = pgError(err);
      if (pg?.constraint === 'coupon_templates_budget')
        throw new AppError('COUPON_BUDGET_EXHAUSTED', {
          details: {
            budget: template.budget,
            issuedCount: template.issuedCount,
            remaining: Math.max(0, (template.budget ?? 0) - template.issuedCount),
            requested: targets.length,
          },
          cause: err,
        });
      if (pg?.constraint === 'coupons_tenant_code_key' && attempt < 3) continue;
      if (pg?.code === '23503')
        throw new AppError('NOT_FOUND', { field: 'customerIds', cause: err });
      throw err;
    }
  }
}

/** PGlite may hand back a text[] as its literal ("{a,b}"). */
function parsePgArray(v: string): string[] {
  const inner = v.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((s) => s.replace(/^"|"$/g, '')) : [];
}

/** Customers of this tenant among `ids` (merged duplicates resolve to their survivor). */
async function resolveCustomers(ctx: Ctx, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await ctx.tx
    .select({ id: customers.id, mergedIntoId: customers.mergedIntoId })
    .from(customers)
    .where(inArray(customers.id, ids));
  return new Map(rows.map((r) => [r.id, r.mergedIntoId ?? r.id]));
}

async function customersByPhone(ctx: Ctx, phones: string[]) {
  const e164ByInput = new Map<string, string>();
  for (const p of phones) {
    const n = normalizePhone(p);
    if (n.ok) e164ByInput.set(p, n.e164);
  }
  const wanted = [...new Set(e164ByInput.values())];
  const rows = wanted.length
    ? await ctx.tx
        .select({ id: customers.id, phone: customers.phone, mergedIntoId: customers.mergedIntoId })
        .from(customers)
        .where(inArray(customers.phone, wanted))
    : [];
  const byPhone = new Map(rows.map((r) => [r.phone, r.mergedIntoId ?? r.id]));
  const found: string[] = [];
  const unknown: string[] = [];
  for (const p of phones) {
    const id = byPhone.get(e164ByInput.get(p) ?? '');
    if (id) found.push(id);
    else unknown.push(p);
  }
  return { found, unknown };
}

/** How many originals (not replacements) of the template each customer holds. */
async function heldCounts(ctx: Ctx, templateId: string, customerIds: string[]) {
  if (!customerIds.length) return new Map<string, number>();
  const rows = await ctx.tx
    .select({ customerId: coupons.customerId, n: sql<number>`count(*)::int` })
    .from(coupons)
    .where(
      and(
        eq(coupons.templateId, templateId),
        inArray(coupons.customerId, customerIds),
        isNull(coupons.reissuedFromId),
      ),
    )
    .groupBy(coupons.customerId);
  return new Map(rows.map((r) => [r.customerId, Number(r.n)]));
}

/**
 * Issues a template to many customers at once (ids and/or phones). With a `batchKey`, issuing
 * the same batch again gives nobody a second coupon. Customers at the per-customer limit are
 * skipped and listed; a budget too small for the batch issues nothing (409).
 */
export async function issueCoupons(
  ctx: Ctx,
  templateId: string,
  input: IssueInput & { source?: Source; sourceRef?: string | null },
) {
  if (!input.customerIds?.length && !input.phones?.length)
    throw validationError('customerIds', '请至少指定一位客户', 'name at least one customer');
  const template = await templateRow(ctx, templateId, true);
  if (template.status !== 'active') throw new AppError('COUPON_TEMPLATE_ARCHIVED');
  const byId = await resolveCustomers(ctx, input.customerIds ?? []);
  const unknownCustomerIds = (input.customerIds ?? []).filter((id) => !byId.has(id));
  const phones = input.phones?.length
    ? await customersByPhone(ctx, input.phones)
    : { found: [], unknown: [] };
  const wanted = [...new Set([...byId.values(), ...phones.found])];
  const batchKey = input.batchKey ?? newId();
  const keyOf = (customerId: string) => `${batchKey}:${customerId}`;

  // Customers who already got this batch are not counted against their limit again.
  const already = wanted.length
    ? await ctx.tx
        .select({ customerId: coupons.customerId })
        .from(coupons)
        .where(
          and(eq(coupons.templateId, templateId), inArray(coupons.issueKey, wanted.map(keyOf))),
        )
    : [];
  const alreadySet = new Set(already.map((r) => r.customerId));
  const held = await heldCounts(ctx, templateId, wanted);
  const overLimit: string[] = [];
  const targets: IssueTarget[] = [];
  for (const customerId of wanted) {
    if (alreadySet.has(customerId)) continue;
    if (
      template.perCustomerLimit !== null &&
      (held.get(customerId) ?? 0) >= template.perCustomerLimit
    )
      overLimit.push(customerId);
    else targets.push({ customerId, issueKey: keyOf(customerId) });
  }
  // Issuing to one customer who is at the limit is an error, not an empty batch.
  if (wanted.length === 1 && overLimit.length === 1)
    throw new AppError('COUPON_CUSTOMER_LIMIT', {
      field: 'customerIds',
      details: { perCustomerLimit: template.perCustomerLimit, held: held.get(overLimit[0]!) ?? 0 },
    });
  const ids = await insertCoupons(ctx, template, targets, {
    source: input.source ?? (wanted.length > 1 ? 'bulk' : 'manual'),
    sourceRef: input.sourceRef ?? input.batchKey ?? null,
  });
  if (ids.length) {
    await recordAudit(ctx, {
      action: 'coupon.issued',
      entityType: 'coupon_template',
      entityId: templateId,
      changes: { count: ids.length, batchKey, source: input.source ?? null },
    });
    await emitEvent(ctx, {
      type: 'coupon.issued',
      aggregateId: templateId,
      payload: { templateId, count: ids.length, couponIds: ids.slice(0, 1000) },
    });
  }
  const created = ids.length
    ? await selectCoupons(ctx, inArray(coupons.id, ids.slice(0, 200))).orderBy(coupons.id)
    : [];
  return {
    issued: ids.length,
    alreadyIssued: alreadySet.size,
    overLimit,
    unknownPhones: phones.unknown,
    unknownCustomerIds,
    coupons: created.map((r) => couponDto(r, ctx)),
  };
}

/**
 * One coupon for one customer, for other modules (campaigns, referrals, tier perks): `key` makes
 * it idempotent (the same key returns the coupon issued first). Throws as the HTTP route does.
 */
export async function issueCoupon(
  ctx: Ctx,
  input: {
    templateId: string;
    customerId: string;
    key: string;
    source: Exclude<Source, 'reissue'>;
    sourceRef?: string | null;
  },
): Promise<CouponDto> {
  const result = await issueCoupons(ctx, input.templateId, {
    customerIds: [input.customerId],
    batchKey: input.key,
    source: input.source,
    sourceRef: input.sourceRef ?? input.key,
  });
  if (result.unknownCustomerIds.length) throw new AppError('NOT_FOUND', { field: 'customerId' });
  if (result.overLimit.length) throw new AppError('COUPON_CUSTOMER_LIMIT');
  const [r] = await selectCoupons(
    ctx,
    and(
      eq(coupons.templateId, input.templateId),
      eq(coupons.issueKey, `${input.key}:${input.customerId}`),
    ),
  );
  if (!r) throw new AppError('NOT_FOUND', { field: 'customerId' });
  return couponDto(r, ctx);
}

// ---------------------------------------------------------------------------------------------
// Validating and redeeming

async function orderContext(ctx: Ctx, orderId: string) {
  const order = await getServiceOrder(ctx, orderId);
  const categoryTotals: Record<string, number> = {};
  for (const i of order.items)
    categoryTotals[i.category] = (categoryTotals[i.category] ?? 0) + i.amountFen;
  const context: OrderContext = {
    storeId: order.storeId,
    customerId: order.customerId,
    totalFen: order.totalFen,
    categoryTotals,
    partnerId: null,
  };
  return { order, context };
}

async function couponOnOrder(ctx: Ctx, orderId: string) {
  const [r] = await ctx.tx
    .select({ id: coupons.id })
    .from(coupons)
    .where(and(eq(coupons.redeemedOrderId, orderId), eq(coupons.status, 'redeemed')));
  return r?.id ?? null;
}

/** Checks a code against an order (or a basket) and says what it takes off, or precisely why not. */
export async function validateCoupon(ctx: Ctx, input: ValidateInput) {
  const r = await couponByCode(ctx, input.code);
  let context: OrderContext;
  let onOrder: string | null = null;
  if (input.orderId) {
    context = (await orderContext(ctx, input.orderId)).context;
    onOrder = await couponOnOrder(ctx, input.orderId);
  } else {
    if (!input.storeId)
      throw validationError(
        'storeId',
        '未指定工单时须提供门店',
        'storeId is needed without an orderId',
      );
    const categoryTotals: Record<string, number> = {};
    for (const [k, v] of Object.entries(input.categoryTotals ?? {}))
      if (typeof v === 'number') categoryTotals[k] = v;
    const sum = Object.values(categoryTotals).reduce((a, b) => a + b, 0);
    context = {
      storeId: input.storeId,
      customerId: null,
      totalFen: input.amountFen ?? sum,
      categoryTotals,
      partnerId: null,
    };
  }
  let evaluation = evaluateCoupon(r.c, termsOf(r.t), context, ctx.clock.now());
  if (evaluation.ok && onOrder && onOrder !== r.c.id)
    evaluation = { ok: false, reason: 'COUPON_ORDER_HAS_COUPON', details: {} };
  const coupon = couponDto(r, ctx);
  if (evaluation.ok)
    return {
      valid: true,
      reason: null,
      message: null,
      details: null,
      discountFen: evaluation.discountFen,
      coupon,
    };
  const err = new AppError(evaluation.reason);
  return {
    valid: false,
    reason: evaluation.reason,
    message: err.messageFor(ctx.locale),
    details: evaluation.details,
    discountFen: 0,
    coupon,
  };
}

async function lockOrderRow(ctx: Ctx, orderId: string) {
  const [o] = await ctx.tx
    .select({ id: serviceOrders.id })
    .from(serviceOrders)
    .where(eq(serviceOrders.id, orderId))
    .for('update');
  if (!o) throw new AppError('NOT_FOUND', { field: 'orderId' });
}

/** Why a coupon that looked usable could not be claimed: somebody else was faster. */
async function claimFailure(ctx: Ctx, couponId: string): Promise<AppError> {
  const [c] = await ctx.tx
    .select({ status: coupons.status })
    .from(coupons)
    .where(eq(coupons.id, couponId));
  return new AppError(c?.status === 'voided' ? 'COUPON_VOIDED' : 'COUPON_ALREADY_REDEEMED', {
    field: 'code',
  });
}

/**
 * Redeems a coupon on an order and applies its discount, in one transaction. The claim is a
 * conditional UPDATE … WHERE status = 'issued': of two tills redeeming the same coupon at the same
 * moment, the second waits for the first and then matches no row — at most one redemption.
 */
export async function applyCouponToOrder(
  ctx: Ctx,
  orderId: string,
  input: { code?: string | undefined; couponId?: string | undefined },
) {
  if (!input.code && !input.couponId)
    throw validationError('code', '请填写券码', 'give the coupon code or couponId');
  await lockOrderRow(ctx, orderId);
  const r = input.couponId
    ? (await selectCoupons(ctx, eq(coupons.id, input.couponId)))[0]
    : await couponByCode(ctx, input.code!);
  if (!r) throw new AppError('NOT_FOUND', { field: 'couponId' });
  const { order, context } = await orderContext(ctx, orderId);
  if (order.status !== 'open' && order.status !== 'completed')
    throw new AppError('SERVICE_ORDER_STATUS_CONFLICT', {
      field: 'status',
      details: { from: order.status, to: order.status },
    });
  const evaluation = evaluateCoupon(r.c, termsOf(r.t), context, ctx.clock.now());
  if (!evaluation.ok)
    throw new AppError(evaluation.reason, { field: 'code', details: evaluation.details });
  if (await couponOnOrder(ctx, orderId))
    throw new AppError('COUPON_ORDER_HAS_COUPON', { field: 'code' });

  const now = ctx.clock.now();
  const claimed = await ctx.tx
    .update(coupons)
    .set({
      status: 'redeemed',
      redeemedAt: now,
      redeemedOrderId: orderId,
      discountFen: evaluation.discountFen,
      settlementFen: r.t.partnerId ? r.t.settlementFen : null,
      updatedAt: now,
    })
    .where(and(eq(coupons.id, r.c.id), eq(coupons.status, 'issued')))
    .returning({ id: coupons.id });
  if (!claimed.length) throw await claimFailure(ctx, r.c.id);
  await applyOrderDiscount(ctx, {
    orderId,
    source: 'coupon',
    referenceId: r.c.id,
    amountFen: evaluation.discountFen,
    label: `${r.t.name} · ${r.c.code}`,
  });
  await recordAudit(ctx, {
    action: 'coupon.redeemed',
    entityType: 'coupon',
    entityId: r.c.id,
    changes: { orderId, discountFen: evaluation.discountFen, code: r.c.code },
  });
  await emitEvent(ctx, {
    type: 'coupon.redeemed',
    aggregateId: r.c.id,
    payload: {
      couponId: r.c.id,
      templateId: r.c.templateId,
      customerId: r.c.customerId,
      orderId,
      discountFen: evaluation.discountFen,
    },
  });
  return getServiceOrder(ctx, orderId);
}

/** Takes a coupon off an order that is not paid yet; the coupon can be used again. */
export async function removeCouponFromOrder(ctx: Ctx, orderId: string, couponId: string) {
  await lockOrderRow(ctx, orderId);
  const [c] = await ctx.tx.select().from(coupons).where(eq(coupons.id, couponId)).for('update');
  if (!c) throw new AppError('NOT_FOUND', { field: 'couponId' });
  if (c.status !== 'redeemed' || c.redeemedOrderId !== orderId)
    throw new AppError('COUPON_NOT_REDEEMED', { field: 'couponId' });
  await removeOrderDiscount(ctx, { orderId, referenceId: couponId });
  await restore(ctx, c.id, 'coupon.unredeemed', { orderId });
  return getServiceOrder(ctx, orderId);
}

async function restore(
  ctx: Ctx,
  couponId: string,
  action: string,
  changes: Record<string, unknown>,
) {
  const now = ctx.clock.now();
  await ctx.tx
    .update(coupons)
    .set({
      status: 'issued',
      redeemedAt: null,
      redeemedOrderId: null,
      discountFen: null,
      settlementFen: null,
      updatedAt: now,
    })
    .where(eq(coupons.id, couponId));
  await recordAudit(ctx, { action, entityType: 'coupon', entityId: couponId, changes });
  await emitEvent(ctx, { type: action, aggregateId: couponId, payload: { couponId, ...changes } });
}

/**
 * Redeems a package coupon (no order): the package is recorded on the coupon. The loyalty module
 * has no package-granting export yet, so staff then add the package by hand; see the note.
 */
/**
 * In-transaction hooks when a package coupon is redeemed (loyalty puts the package on the card);
 * registered by the module that owns packages, so coupons does not import it.
 */
export type PackageCouponHook = (
  ctx: Ctx,
  redeemed: {
    customerId: string;
    couponId: string;
    name: string;
    uses: number;
    validDays: number | null;
  },
) => Promise<unknown>;
const packageCouponHooks: PackageCouponHook[] = [];
export const onPackageCouponRedeemed = (hook: PackageCouponHook) => packageCouponHooks.push(hook);

export async function redeemPackageCoupon(ctx: Ctx, couponId: string) {
  const [r] = await selectCoupons(ctx, eq(coupons.id, couponId));
  if (!r) throw new AppError('NOT_FOUND', { field: 'couponId' });
  if (r.t.kind !== 'package')
    throw validationError(
      'couponId',
      '只有套餐券可直接核销，其他券请在工单上使用',
      'only package coupons are redeemed without an order; apply the others to an order',
    );
  const now = ctx.clock.now();
  const e = evaluateCoupon(
    r.c,
    {
      ...termsOf(r.t),
      kind: 'amount_off',
      amountOffFen: 1,
      storeIds: [],
      categories: [],
      minSpendFen: 0,
      partnerId: null,
    },
    { storeId: '', customerId: r.c.customerId, totalFen: 1, categoryTotals: {} },
    now,
  );
  if (!e.ok) throw new AppError(e.reason, { field: 'couponId', details: e.details });
  const note = `${r.t.packageName} ×${r.t.packageUses}${r.t.packageValidDays ? ` / ${r.t.packageValidDays}d` : ''}`;
  const claimed = await ctx.tx
    .update(coupons)
    .set({ status: 'redeemed', redeemedAt: now, redemptionNote: note, updatedAt: now })
    .where(and(eq(coupons.id, couponId), eq(coupons.status, 'issued')))
    .returning({ id: coupons.id });
  if (!claimed.length) throw await claimFailure(ctx, couponId);
  for (const hook of packageCouponHooks)
    await hook(ctx, {
      customerId: r.c.customerId,
      couponId,
      name: r.t.packageName ?? r.t.name,
      uses: r.t.packageUses ?? 1,
      validDays: r.t.packageValidDays ?? null,
    });
  await recordAudit(ctx, {
    action: 'coupon.redeemed',
    entityType: 'coupon',
    entityId: couponId,
    changes: { package: note },
  });
  await emitEvent(ctx, {
    type: 'coupon.redeemed',
    aggregateId: couponId,
    payload: {
      couponId,
      templateId: r.c.templateId,
      customerId: r.c.customerId,
      orderId: null,
      package: { name: r.t.packageName, uses: r.t.packageUses, validDays: r.t.packageValidDays },
    },
  });
  return getCoupon(ctx, couponId);
}

// ---------------------------------------------------------------------------------------------
// Void and reissue

export async function voidCoupon(ctx: Ctx, couponId: string, input: { reason: string }) {
  const [c] = await ctx.tx.select().from(coupons).where(eq(coupons.id, couponId)).for('update');
  if (!c) throw new AppError('NOT_FOUND', { field: 'couponId' });
  if (c.status === 'redeemed') throw new AppError('COUPON_ALREADY_REDEEMED', { field: 'couponId' });
  if (c.status === 'voided') throw new AppError('COUPON_VOIDED', { field: 'couponId' });
  const now = ctx.clock.now();
  await ctx.tx
    .update(coupons)
    .set({ status: 'voided', voidedAt: now, voidReason: input.reason, updatedAt: now })
    .where(eq(coupons.id, couponId));
  await recordAudit(ctx, {
    action: 'coupon.voided',
    entityType: 'coupon',
    entityId: couponId,
    changes: input,
  });
  await emitEvent(ctx, {
    type: 'coupon.voided',
    aggregateId: couponId,
    payload: { couponId, reason: input.reason },
  });
  return getCoupon(ctx, couponId);
}

/**
 * Voids a coupon (if it is not already) and issues its replacement: same template and customer,
 * a new code and a fresh window. The replacement does not count against budget or limit.
 */
export async function reissueCoupon(ctx: Ctx, couponId: string, input: { reason: string }) {
  const [c] = await ctx.tx.select().from(coupons).where(eq(coupons.id, couponId)).for('update');
  if (!c) throw new AppError('NOT_FOUND', { field: 'couponId' });
  if (c.status === 'redeemed') throw new AppError('COUPON_ALREADY_REDEEMED', { field: 'couponId' });
  const template = await templateRow(ctx, c.templateId, true);
  if (c.status === 'issued') await voidCoupon(ctx, couponId, input);
  const [ids] = [
    await insertCoupons(
      ctx,
      template,
      [{ customerId: c.customerId, issueKey: `reissue:${c.id}` }],
      {
        source: 'reissue',
        sourceRef: c.id,
        reissuedFromId: c.id,
      },
    ),
  ];
  if (!ids.length)
    throw new AppError('COUPON_VOIDED', { field: 'couponId', details: { reissued: true } });
  await recordAudit(ctx, {
    action: 'coupon.reissued',
    entityType: 'coupon',
    entityId: ids[0]!,
    changes: { from: couponId, reason: input.reason },
  });
  return getCoupon(ctx, ids[0]!);
}

// ---------------------------------------------------------------------------------------------
// Reactions to other modules' events (at least once: each is idempotent by state)

/** A cancelled order gives its coupon back. */
export async function onOrderCancelled(ctx: Ctx, orderId: string): Promise<number> {
  const rows = await ctx.tx
    .select({ id: coupons.id })
    .from(coupons)
    .where(and(eq(coupons.redeemedOrderId, orderId), eq(coupons.status, 'redeemed')))
    .for('update');
  for (const r of rows)
    await restore(ctx, r.id, 'coupon.restored', { orderId, reason: 'order_cancelled' });
  return rows.length;
}

/** A refunded order voids its coupon or gives it back, as the template says. */
export async function onOrderRefunded(ctx: Ctx, orderId: string): Promise<number> {
  const rows = await ctx.tx
    .select({ c: coupons, refundRule: couponTemplates.refundRule })
    .from(coupons)
    .innerJoin(
      couponTemplates,
      and(
        eq(couponTemplates.tenantId, coupons.tenantId),
        eq(couponTemplates.id, coupons.templateId),
      ),
    )
    .where(and(eq(coupons.redeemedOrderId, orderId), eq(coupons.status, 'redeemed')))
    .for('update', { of: coupons });
  const now = ctx.clock.now();
  for (const { c, refundRule } of rows) {
    if (refundRule === 'restore')
      await restore(ctx, c.id, 'coupon.restored', { orderId, reason: 'order_refunded' });
    else {
      // Keep the redemption facts (order, amount) readable; the coupon is spent for good.
      await ctx.tx
        .update(coupons)
        .set({
          status: 'voided',
          redeemedAt: null,
          voidedAt: now,
          voidReason: 'order_refunded',
          updatedAt: now,
        })
        .where(eq(coupons.id, c.id));
      await recordAudit(ctx, {
        action: 'coupon.voided',
        entityType: 'coupon',
        entityId: c.id,
        changes: { orderId, reason: 'order_refunded' },
      });
    }
  }
  return rows.length;
}

/**
 * Coupons on upgrade: the templates the tier names (`templateIds`, from the loyalty settings)
 * and every active template whose issueOnTier is the tier reached. Idempotent by event id.
 */
export async function onTierReached(
  ctx: Ctx,
  input: { customerId: string; tierCode: string; eventId: string; templateIds?: string[] },
): Promise<number> {
  const ids = (input.templateIds ?? []).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const templates = await ctx.tx
    .select({ id: couponTemplates.id })
    .from(couponTemplates)
    .where(
      and(
        eq(couponTemplates.status, 'active'),
        ids.length
          ? sql`(${couponTemplates.issueOnTier} = ${input.tierCode} or ${inArray(couponTemplates.id, ids)})`
          : eq(couponTemplates.issueOnTier, input.tierCode),
      ),
    );
  let issued = 0;
  for (const t of templates) {
    try {
      const res = await issueCoupons(ctx, t.id, {
        customerIds: [input.customerId],
        batchKey: `tier:${input.eventId}`,
        source: 'rule',
        sourceRef: `tier:${input.tierCode}`,
      });
      issued += res.issued;
    } catch (err) {
      // An exhausted budget or a customer at the limit must not block the event for ever: the
      // coupon is not issued, which is logged.
      if (
        err instanceof AppError &&
        (['COUPON_BUDGET_EXHAUSTED', 'COUPON_CUSTOMER_LIMIT'] as ErrorCode[]).includes(err.code)
      ) {
        ctx.log.warn({ templateId: t.id, code: err.code }, 'tier coupon not issued');
        continue;
      }
      throw err;
    }
  }
  return issued;
}
