// Reading deals: staff's board and deal page (joiners with leader, hold state and fraud links),
// the car owner's list and deal, and the owner's holds. Counts are of real joiners only.
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { couponTemplates } from '../coupons/index.ts';
import { customers } from '../customers/index.ts';
import { packageProducts } from '../loyalty/index.ts';
import { countedJoiners, leaderOf } from './deal-rules.ts';
import type { DealDto } from './deals.schemas.ts';
import { dealParticipations, deals, dealStores } from './deals.tables.ts';

export type DealRow = typeof deals.$inferSelect;
export type ParticipationRow = typeof dealParticipations.$inferSelect;

/** Participations still in the deal (holding, or settled by capture). */
export const isIn = (p: Pick<ParticipationRow, 'status'>) =>
  p.status === 'holding' || p.status === 'captured';

export async function dealRow(ctx: Ctx, dealId: string, lock = false): Promise<DealRow> {
  const q = ctx.tx.select().from(deals).where(eq(deals.id, dealId));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND', { field: 'dealId' });
  return row;
}

export async function participationsOf(ctx: Ctx, dealIds: readonly string[]) {
  if (!dealIds.length) return [];
  return ctx.tx
    .select()
    .from(dealParticipations)
    .where(inArray(dealParticipations.dealId, [...dealIds]))
    .orderBy(dealParticipations.joinedAt, dealParticipations.id);
}

async function rewardNames(ctx: Ctx, rows: readonly DealRow[]) {
  const pIds = rows.flatMap((r) => (r.packageProductId ? [r.packageProductId] : []));
  const cIds = rows.flatMap((r) => (r.couponTemplateId ? [r.couponTemplateId] : []));
  const names = new Map<string, string>();
  if (pIds.length)
    for (const p of await ctx.tx
      .select({ id: packageProducts.id, name: packageProducts.name })
      .from(packageProducts)
      .where(inArray(packageProducts.id, pIds)))
      names.set(p.id, p.name);
  if (cIds.length)
    for (const c of await ctx.tx
      .select({ id: couponTemplates.id, name: couponTemplates.name })
      .from(couponTemplates)
      .where(inArray(couponTemplates.id, cIds)))
      names.set(c.id, c.name);
  return names;
}

export async function dealDtos(ctx: Ctx, rows: readonly DealRow[]): Promise<DealDto[]> {
  const ids = rows.map((r) => r.id);
  const parts = await participationsOf(ctx, ids);
  const storeRows = ids.length
    ? await ctx.tx.select().from(dealStores).where(inArray(dealStores.dealId, ids))
    : [];
  const names = await rewardNames(ctx, rows);
  return rows.map((d) => {
    // A deal that ended shows who was in at the end (given back or not), not an empty deal.
    const ended = d.status !== 'open' && d.status !== 'draft';
    const active = parts.filter(
      (p) => p.dealId === d.id && (isIn(p) || (ended && p.status === 'released')),
    );
    return {
      id: d.id,
      title: d.title,
      description: d.description,
      rewardKind: d.rewardKind,
      packageProductId: d.packageProductId,
      couponTemplateId: d.couponTemplateId,
      rewardName: names.get(d.packageProductId ?? d.couponTemplateId ?? '') ?? null,
      priceFen: d.priceFen,
      originalPriceFen: d.originalPriceFen,
      minJoiners: d.minJoiners,
      maxJoiners: d.maxJoiners,
      deadlineAt: d.deadlineAt.toISOString(),
      storeIds: storeRows.filter((s) => s.dealId === d.id).map((s) => s.storeId),
      status: d.status,
      outcome: d.outcome,
      joiners: active.length,
      counted: countedJoiners(active),
      publishedAt: d.publishedAt?.toISOString() ?? null,
      settledAt: d.settledAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
    };
  });
}

export async function listDeals(ctx: Ctx, input: { status?: DealRow['status'] | undefined }) {
  const rows = await ctx.tx
    .select()
    .from(deals)
    .where(input.status ? eq(deals.status, input.status) : undefined)
    .orderBy(desc(deals.createdAt), desc(deals.id))
    .limit(200);
  return { items: await dealDtos(ctx, rows) };
}

const tail = (phone: string | null) => (phone ? phone.replace(/\D/g, '').slice(-4) : null);

export async function getDeal(ctx: Ctx, dealId: string) {
  const row = await dealRow(ctx, dealId);
  const [dto] = await dealDtos(ctx, [row]);
  const parts = await participationsOf(ctx, [dealId]);
  const who = parts.length
    ? await ctx.tx
        .select({ id: customers.id, name: customers.name, phone: customers.phone })
        .from(customers)
        .where(
          inArray(
            customers.id,
            parts.map((p) => p.customerId),
          ),
        )
    : [];
  const leader = leaderOf(parts.filter(isIn));
  return {
    ...dto!,
    participations: parts.map((p) => {
      const c = who.find((w) => w.id === p.customerId);
      return {
        id: p.id,
        customerId: p.customerId,
        customerName: c?.name ?? null,
        phoneTail: tail(c?.phone ?? null),
        status: p.status,
        leader: leader?.id === p.id,
        holdFen: p.holdFen,
        flags: p.flags,
        grantedRef: p.grantedRef,
        joinedAt: p.joinedAt.toISOString(),
        leftAt: p.leftAt?.toISOString() ?? null,
        settledAt: p.settledAt?.toISOString() ?? null,
      };
    }),
  };
}

const mask = (name: string | null, phone: string | null) => {
  const n = name?.trim();
  if (n) return `${Array.from(n)[0]}**`;
  const t = tail(phone);
  return t ? `尾号${t}` : null;
};

/** Deals a car owner can see: open ones, and every deal they joined. */
export async function appDeals(ctx: Ctx, customerId: string) {
  const rows = await ctx.tx
    .select()
    .from(deals)
    .where(
      sql`${deals.status} = 'open' or ${deals.id} in (select p.deal_id from deal_participations p
        where p.customer_id = ${customerId}::uuid)`,
    )
    .orderBy(deals.deadlineAt, deals.id)
    .limit(100);
  return { items: await appDtos(ctx, rows, customerId) };
}

export async function appDeal(ctx: Ctx, dealId: string, customerId: string) {
  const row = await dealRow(ctx, dealId);
  if (row.status === 'draft') throw new AppError('NOT_FOUND', { field: 'dealId' });
  return (await appDtos(ctx, [row], customerId))[0]!;
}

async function appDtos(ctx: Ctx, rows: readonly DealRow[], customerId: string) {
  const dtos = await dealDtos(ctx, rows);
  const parts = await participationsOf(
    ctx,
    rows.map((r) => r.id),
  );
  const leaders = rows.map((r) => leaderOf(parts.filter((p) => p.dealId === r.id && isIn(p))));
  const leaderIds = leaders.flatMap((l) => (l ? [l.customerId] : []));
  const who = leaderIds.length
    ? await ctx.tx
        .select({ id: customers.id, name: customers.name, phone: customers.phone })
        .from(customers)
        .where(inArray(customers.id, leaderIds))
    : [];
  return dtos.map(({ packageProductId: _p, couponTemplateId: _c, ...d }, i) => {
    const leader = leaders[i] ?? null;
    const lc = who.find((w) => w.id === leader?.customerId);
    const mine =
      parts.find((p) => p.dealId === d.id && p.customerId === customerId && isIn(p)) ??
      [...parts].reverse().find((p) => p.dealId === d.id && p.customerId === customerId);
    return {
      ...d,
      leaderName: lc ? mask(lc.name, lc.phone) : null,
      mine: mine
        ? {
            participationId: mine.id,
            status: mine.status,
            holdFen: mine.holdFen,
            leader: leader?.id === mine.id,
          }
        : null,
    };
  });
}

/** The owner's participations with their hold state, newest first. */
export async function myHolds(ctx: Ctx, customerId: string) {
  const rows = await ctx.tx
    .select({ p: dealParticipations, d: deals })
    .from(dealParticipations)
    .innerJoin(
      deals,
      and(eq(deals.tenantId, dealParticipations.tenantId), eq(deals.id, dealParticipations.dealId)),
    )
    .where(and(eq(dealParticipations.customerId, customerId), ne(deals.status, 'draft')))
    .orderBy(desc(dealParticipations.joinedAt))
    .limit(100);
  return {
    items: rows.map(({ p, d }) => ({
      participationId: p.id,
      dealId: d.id,
      title: d.title,
      status: p.status,
      dealStatus: d.status,
      holdFen: p.holdFen,
      deadlineAt: d.deadlineAt.toISOString(),
      joinedAt: p.joinedAt.toISOString(),
    })),
  };
}
