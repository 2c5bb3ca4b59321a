// The inspection metrics (检查指标) over a time range, for the whole shop and per technician and
// per advisor: inspections per order, photos per inspection, the share sent, the owners' viewing
// time, the approval rate and amount, and the declined-work recovery rate (declined items done
// within 180 days, out of those whose 180 days are over or that were done).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { MetricsRow } from './inspections.schemas.ts';

type Key = 'technician_id' | 'advisor_id' | null;
interface Range {
  from: string;
  to: string;
}

const keyOf = (alias: string, key: Key) => (key ? sql.raw(`${alias}.${key}`) : sql`null::uuid`);

async function grouped<T extends { k: string | null }>(ctx: Ctx, q: SQL): Promise<Map<string, T>> {
  const rows = await queryRows<T>(ctx.tx, q);
  return new Map(rows.map((r) => [r.k ?? '', r]));
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

async function figures(ctx: Ctx, range: Range, key: Key) {
  const t = ctx.tenantId;
  const inRange = (col: string) =>
    sql`${sql.raw(col)} >= ${range.from}::timestamptz and ${sql.raw(col)} < ${range.to}::timestamptz`;
  const orders = await grouped<{ k: string | null; n: number }>(
    ctx,
    sql`select ${keyOf('o', key)}::text as k, count(*)::int as n from service_orders o
        where o.tenant_id = ${t} and o.status <> 'cancelled' and ${inRange('o.opened_at')}
        group by 1`,
  );
  const heads = await grouped<{
    k: string | null;
    inspections: number;
    photos: number;
    sent: number;
    viewed: number;
    view_seconds: number;
  }>(
    ctx,
    sql`select ${keyOf('i', key)}::text as k, count(*)::int as inspections,
          coalesce(sum((select coalesce(sum(cardinality(it.photo_ids)), 0) from inspection_items it
             where it.tenant_id = i.tenant_id and it.inspection_id = i.id)), 0)::int as photos,
          count(*) filter (where i.status = 'sent')::int as sent,
          count(i.first_viewed_at)::int as viewed,
          coalesce(sum(i.view_seconds) filter (where i.first_viewed_at is not null), 0)::int as view_seconds
        from inspections i where i.tenant_id = ${t} and ${inRange('i.created_at')} group by 1`,
  );
  const jobs = await grouped<{
    k: string | null;
    recommended: number;
    approved: number;
    declined: number;
    approved_fen: number;
    declined_due: number;
    recovered: number;
  }>(
    ctx,
    sql`select ${keyOf('i', key)}::text as k, count(*)::int as recommended,
          count(*) filter (where it.decision = 'approved')::int as approved,
          count(*) filter (where it.decision = 'declined')::int as declined,
          coalesce(sum(coalesce(it.labour_fen, 0) + coalesce(it.parts_fen, 0))
            filter (where it.decision = 'approved'), 0)::bigint as approved_fen,
          count(*) filter (where it.decision = 'declined' and (
            it.decided_at <= ${ctx.clock.now().toISOString()}::timestamptz - interval '180 days'
            or it.recovered_at <= it.decided_at + interval '180 days'))::int as declined_due,
          count(*) filter (where it.decision = 'declined'
            and it.recovered_at <= it.decided_at + interval '180 days')::int as recovered
        from inspection_items it
        join inspections i on i.tenant_id = it.tenant_id and i.id = it.inspection_id
        where it.tenant_id = ${t} and it.job_description is not null and ${inRange('i.created_at')}
        group by 1`,
  );
  return { orders, heads, jobs };
}

function row(f: Awaited<ReturnType<typeof figures>>, k: string): MetricsRow {
  const o = f.orders.get(k)?.n ?? 0;
  const h = f.heads.get(k);
  const j = f.jobs.get(k);
  const inspections = h?.inspections ?? 0;
  const decided = (j?.approved ?? 0) + (j?.declined ?? 0);
  return {
    orders: o,
    inspections,
    inspectionsPerOrder: ratio(inspections, o),
    photos: h?.photos ?? 0,
    photosPerInspection: ratio(h?.photos ?? 0, inspections),
    sent: h?.sent ?? 0,
    sentShare: ratio(h?.sent ?? 0, inspections),
    viewed: h?.viewed ?? 0,
    avgViewSeconds: h?.viewed ? Math.round(h.view_seconds / h.viewed) : null,
    recommended: j?.recommended ?? 0,
    approved: j?.approved ?? 0,
    declined: j?.declined ?? 0,
    approvalRate: ratio(j?.approved ?? 0, decided),
    approvedFen: Number(j?.approved_fen ?? 0),
    declinedDue: j?.declined_due ?? 0,
    recovered: j?.recovered ?? 0,
    recoveryRate: ratio(j?.recovered ?? 0, j?.declined_due ?? 0),
  };
}

async function staffNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    ctx.tx,
    sql`select s.id::text as id, s.name from staff_users s where s.tenant_id = ${ctx.tenantId}
        and s.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function byStaff(ctx: Ctx, range: Range, key: 'technician_id' | 'advisor_id') {
  const f = await figures(ctx, range, key);
  // Everyone with an inspection in the range; orders alone do not make a row.
  const keys = [...new Set([...f.heads.keys()])];
  const names = await staffNames(
    ctx,
    keys.filter((k) => k),
  );
  return keys
    .map((k) => ({ staffId: k || null, name: names.get(k) ?? null, ...row(f, k) }))
    .sort((a, b) => b.inspections - a.inspections);
}

export async function inspectionMetrics(ctx: Ctx, range: Range) {
  const total = row(await figures(ctx, range, null), '');
  return {
    total,
    byTechnician: await byStaff(ctx, range, 'technician_id'),
    byAdvisor: await byStaff(ctx, range, 'advisor_id'),
  };
}
