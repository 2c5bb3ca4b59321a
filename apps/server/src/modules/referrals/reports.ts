// The fission view (裂变): the referral tree under a customer, the top referrers of a period, and
// the headline referral share of revenue and of new customers per store and month. Rejected
// referrals are not edges. Months and days are the tenant's local calendar.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { getTenant } from '../tenancy/index.ts';
import type { ReferralNode, Share } from './referrals.schemas.ts';

export const MAX_DEPTH = 10;
const num = (v: unknown) => Number(v ?? 0);
const ratio = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;

/**
 * Paid revenue: orders paid or closed (a refunded order was refunded in full: it counts 0). A
 * closed order without a payment record (imported or demo history) counts as paid at its close,
 * for the amount due.
 */
const PAID_AT = sql.raw(`coalesce(o.paid_at, o.closed_at)`);
const PAID_FEN = sql.raw(`coalesce(o.paid_fen, o.total_fen - o.discount_fen)`);
const PAID = sql.raw(
  `o.status in ('paid', 'closed') and coalesce(o.paid_at, o.closed_at) is not null`,
);

export async function referralTree(ctx: Ctx, customerId: string) {
  const rows = await queryRows<{
    customer_id: string;
    parent_id: string | null;
    depth: number;
    status: string | null;
    name: string | null;
    joined_at: string | Date;
    revenue: string | number;
  }>(
    ctx.tx,
    sql`with recursive t(customer_id, parent_id, depth, status, path, joined) as (
          select c.id, null::uuid, 0, null::text, array[c.id], c.created_at
            from customers c where c.id = ${customerId}::uuid and c.merged_into_id is null
          union all
          select f.referee_id, f.referrer_id, t.depth + 1, f.status, t.path || f.referee_id, f.created_at
          from t join referrals f on f.referrer_id = t.customer_id
          where t.depth < ${MAX_DEPTH} and f.status <> 'rejected' and not f.referee_id = any(t.path))
        select t.customer_id, t.parent_id, t.depth, t.status, c.name, t.joined as joined_at,
          coalesce((select sum(${PAID_FEN}) from service_orders o
                    where o.customer_id = t.customer_id and ${PAID}), 0) as revenue
        from t join customers c on c.id = t.customer_id
        order by t.depth, t.joined`,
  );
  if (!rows.length) throw new AppError('NOT_FOUND', { field: 'customerId' });
  const nodes = new Map<string, ReferralNode>();
  let root: ReferralNode | null = null;
  let depth = 0;
  for (const r of rows) {
    const node: ReferralNode = {
      customerId: r.customer_id,
      name: r.name,
      joinedAt: new Date(r.joined_at).toISOString(),
      status: r.status,
      revenueFen: num(r.revenue),
      children: [],
    };
    nodes.set(r.customer_id, node);
    depth = Math.max(depth, num(r.depth));
    if (!r.parent_id) root = node;
    else nodes.get(r.parent_id)?.children.push(node);
  }
  return { root: root!, depth, size: rows.length - 1 };
}

/** Local-midnight instants of the tenant for `YYYY-MM-DD` days (to inclusive). */
async function dayRange(ctx: Ctx, from: string, to: string) {
  if (from > to) throw new AppError('VALIDATION_FAILED', { field: 'to' });
  const tz = (await getTenant(ctx)).timezone;
  return { tz, from, to };
}

export async function topReferrers(ctx: Ctx, input: { from: string; to: string; limit: number }) {
  const { tz } = await dayRange(ctx, input.from, input.to);
  const lo = sql`(${input.from}::date)::timestamp at time zone ${tz}`;
  const hi = sql`(${input.to}::date + 1)::timestamp at time zone ${tz}`;
  const rows = await queryRows<{
    customer_id: string;
    name: string | null;
    direct: string | number;
    total: string | number;
    depth: string | number;
    revenue: string | number;
  }>(
    ctx.tx,
    sql`with recursive sub(root, node, depth, created, path) as (
          select f.referrer_id, f.referee_id, 1, f.created_at, array[f.referrer_id, f.referee_id]
            from referrals f where f.status <> 'rejected'
          union all
          select s.root, f.referee_id, s.depth + 1, f.created_at, s.path || f.referee_id
          from sub s join referrals f on f.referrer_id = s.node
          where s.depth < ${MAX_DEPTH} and f.status <> 'rejected' and not f.referee_id = any(s.path)),
        rev as (
          select o.customer_id, sum(${PAID_FEN}) as fen from service_orders o
          where ${PAID} and ${PAID_AT} >= ${lo} and ${PAID_AT} < ${hi} group by o.customer_id)
        select s.root as customer_id, c.name,
          count(*) filter (where s.depth = 1 and s.created >= ${lo} and s.created < ${hi}) as direct,
          count(*) filter (where s.created >= ${lo} and s.created < ${hi}) as total,
          max(s.depth) as depth,
          coalesce(sum(rev.fen), 0) as revenue
        from sub s join customers c on c.id = s.root
        left join rev on rev.customer_id = s.node
        group by s.root, c.name
        having count(*) filter (where s.created >= ${lo} and s.created < ${hi}) > 0
          or coalesce(sum(rev.fen), 0) > 0
        order by total desc, revenue desc, s.root
        limit ${input.limit}`,
  );
  return {
    items: rows.map((r) => ({
      customerId: r.customer_id,
      name: r.name,
      direct: num(r.direct),
      total: num(r.total),
      depth: num(r.depth),
      revenueFen: num(r.revenue),
    })),
  };
}

const monthsBetween = (from: string, to: string) => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
};

/**
 * Revenue: paid service orders (net of refunds: a refunded order counts 0) by the month of
 * payment and the order's store; referred when the order's customer came by a referral that was
 * not rejected. New customers: created that month, at their home store (else the store of their
 * first order; else no store yet).
 */
export async function referralShare(
  ctx: Ctx,
  input: { from: string; to: string; storeId?: string | undefined },
): Promise<Share> {
  if (input.from > input.to) throw new AppError('VALIDATION_FAILED', { field: 'to' });
  const months = monthsBetween(input.from, input.to);
  if (months.length > 60) throw new AppError('VALIDATION_FAILED', { field: 'from' });
  const tz = (await getTenant(ctx)).timezone;
  const lo = sql`(${`${input.from}-01`}::date)::timestamp at time zone ${tz}`;
  const hi = sql`((${`${input.to}-01`}::date) + interval '1 month')::timestamp at time zone ${tz}`;
  const store = input.storeId ? sql`and x.store_id = ${input.storeId}::uuid` : sql``;
  const rows = await queryRows<{
    month: string;
    store_id: string | null;
    revenue: string | number;
    referred_revenue: string | number;
    new_customers: string | number;
    referred_new: string | number;
  }>(
    ctx.tx,
    sql`with referred as (
          select f.referee_id as id from referrals f where f.status <> 'rejected'),
        rev as (
          select to_char(${PAID_AT} at time zone ${tz}, 'YYYY-MM') as month, o.store_id,
            sum(${PAID_FEN}) as revenue,
            coalesce(sum(${PAID_FEN}) filter (where o.customer_id in (select id from referred)), 0)
              as referred_revenue
          from service_orders o where ${PAID} and ${PAID_AT} >= ${lo} and ${PAID_AT} < ${hi}
          group by 1, 2),
        nc as (
          select to_char(c.created_at at time zone ${tz}, 'YYYY-MM') as month,
            coalesce(c.home_store_id, (select o.store_id from service_orders o
              where o.customer_id = c.id order by o.opened_at limit 1)) as store_id,
            count(*) as n,
            count(*) filter (where c.id in (select id from referred)) as referred
          from customers c where c.merged_into_id is null
            and c.created_at >= ${lo} and c.created_at < ${hi}
          group by 1, 2),
        x as (
          select coalesce(rev.month, nc.month) as month, coalesce(rev.store_id, nc.store_id) as store_id,
            coalesce(rev.revenue, 0) as revenue, coalesce(rev.referred_revenue, 0) as referred_revenue,
            coalesce(nc.n, 0) as new_customers, coalesce(nc.referred, 0) as referred_new
          from rev full join nc on nc.month = rev.month
            and nc.store_id is not distinct from rev.store_id)
        select x.* from x where true ${store}`,
  );
  const stores = await queryRows<{ id: string; name: string }>(
    ctx.tx,
    sql`select s.id, s.name from stores s order by s.code`,
  );
  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  const storeIds: (string | null)[] = input.storeId
    ? [input.storeId]
    : [...stores.map((s) => s.id), ...(rows.some((r) => !r.store_id) ? [null] : [])];
  const key = (m: string, s: string | null) => `${m}|${s ?? ''}`;
  const byKey = new Map(rows.map((r) => [key(r.month, r.store_id), r]));
  const out: Share['rows'] = [];
  const total = { revenueFen: 0, referredRevenueFen: 0, newCustomers: 0, referredNewCustomers: 0 };
  for (const month of months)
    for (const storeId of storeIds) {
      const r = byKey.get(key(month, storeId));
      const f = {
        revenueFen: num(r?.revenue),
        referredRevenueFen: num(r?.referred_revenue),
        newCustomers: num(r?.new_customers),
        referredNewCustomers: num(r?.referred_new),
      };
      total.revenueFen += f.revenueFen;
      total.referredRevenueFen += f.referredRevenueFen;
      total.newCustomers += f.newCustomers;
      total.referredNewCustomers += f.referredNewCustomers;
      out.push({
        month,
        storeId,
        storeName: storeId ? (storeName.get(storeId) ?? '') : '未分配门店',
        ...f,
        revenueShare: ratio(f.referredRevenueFen, f.revenueFen),
        newCustomerShare: ratio(f.referredNewCustomers, f.newCustomers),
      });
    }
  return {
    rows: out,
    total: {
      ...total,
      revenueShare: ratio(total.referredRevenueFen, total.revenueFen),
      newCustomerShare: ratio(total.referredNewCustomers, total.newCustomers),
    },
  };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const yuan = (fen: number) => (fen / 100).toFixed(2);
const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

export function shareCsv(share: Share): string {
  const head = [
    '月份',
    '门店',
    '营收(元)',
    '推荐客户营收(元)',
    '营收占比',
    '新客数',
    '推荐新客数',
    '新客占比',
  ];
  const lines = share.rows.map((r) =>
    [
      r.month,
      r.storeName,
      yuan(r.revenueFen),
      yuan(r.referredRevenueFen),
      pct(r.revenueShare),
      r.newCustomers,
      r.referredNewCustomers,
      pct(r.newCustomerShare),
    ]
      .map(csvCell)
      .join(','),
  );
  const t = share.total;
  lines.push(
    [
      '合计',
      '',
      yuan(t.revenueFen),
      yuan(t.referredRevenueFen),
      pct(t.revenueShare),
      t.newCustomers,
      t.referredNewCustomers,
      pct(t.newCustomerShare),
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}
