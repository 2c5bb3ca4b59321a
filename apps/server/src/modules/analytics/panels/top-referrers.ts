// The customers who brought the most new customers in the period, with what those spent.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/database.ts';
import { L, type PanelDef } from '../panel.ts';

export const TOP_REFERRERS = 20;

export const topReferrersPanel: PanelDef = {
  id: 'top-referrers',
  dashboard: 'marketing',
  title: L('推荐达人', 'Top referrers'),
  definition: L(
    `期间内推荐来的客户（未被驳回）最多的前 ${TOP_REFERRERS} 位客户：推荐人数、其中已首单达标的人数，及被推荐客户在期间内已付款工单的实收。`,
    `The ${TOP_REFERRERS} customers who referred the most customers in the period (not rejected): referees, of them qualified by a first paid order, and what the referees’ paid orders took in the period.`,
  ),
  filters: ['period'],
  async query(ctx, q) {
    const rows = await queryRows<{
      name: string | null;
      member_no: number;
      referees: number;
      qualified: number;
      revenue: number;
    }>(
      ctx.tx,
      sql`with r as (
            select r.referrer_id, r.referee_id, r.status from referrals r
            join tenants t on t.tenant_id = r.tenant_id
            where r.tenant_id = ${ctx.tenantId}::uuid and r.status <> 'rejected'
              and (r.created_at at time zone t.timezone)::date between ${q.from}::date and ${q.to}::date
          ), top as (
            select r.referrer_id, count(*)::int as referees,
              count(*) filter (where r.status in ('qualified', 'rewarded'))::int as qualified
            from r group by 1 order by 2 desc, 1 limit ${TOP_REFERRERS}
          )
          select c.name, c.member_no, top.referees, top.qualified,
            coalesce((select sum(o.paid_fen) from service_orders o join r on r.referee_id = o.customer_id
              join tenants t on t.tenant_id = o.tenant_id
              where o.tenant_id = ${ctx.tenantId}::uuid and r.referrer_id = top.referrer_id
                and o.status in ('paid', 'closed')
                and (coalesce(o.paid_at, o.closed_at, o.opened_at) at time zone t.timezone)::date
                  between ${q.from}::date and ${q.to}::date), 0)::bigint as revenue
          from top join customers c on c.tenant_id = ${ctx.tenantId}::uuid and c.id = top.referrer_id
          order by top.referees desc, c.member_no`,
    );
    const out = rows.map((r) => ({
      referrer: `${r.name ?? '—'} #${r.member_no}`,
      referees: Number(r.referees),
      qualified: Number(r.qualified),
      revenueFen: Number(r.revenue),
    }));
    return {
      chart: {
        type: 'bar',
        categories: out.map((r) => r.referrer),
        format: 'int',
        series: [
          { key: 'referees', name: L('推荐人数', 'Referees'), data: out.map((r) => r.referees) },
          { key: 'qualified', name: L('首单达标', 'Qualified'), data: out.map((r) => r.qualified) },
        ],
      },
      columns: [
        { key: 'referrer', title: L('推荐人（会员号）', 'Referrer (member no.)'), format: 'text' },
        { key: 'referees', title: L('推荐人数', 'Referees'), format: 'int' },
        { key: 'qualified', title: L('首单达标', 'Qualified'), format: 'int' },
        { key: 'revenueFen', title: L('被推荐客户实收', 'Referees’ revenue'), format: 'fen' },
      ],
      rows: out,
    };
  },
};
