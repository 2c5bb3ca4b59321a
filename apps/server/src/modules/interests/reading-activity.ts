// Reading for the dashboards: per month of the tenant's calendar, how many owners read the shop's
// articles and magazine in the app or on its public pages, how many reads they opened and how
// many they read to the end. An owner who switched personalisation off records nothing, so
// their reading is not here either.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';

export async function readingByMonth(
  ctx: Ctx,
  input: { from: Date; to: Date; timeZone: string },
): Promise<{ month: string; readers: number; opened: number; finished: number }[]> {
  const rows = await queryRows<{
    month: string;
    readers: number;
    opened: number;
    finished: number;
  }>(
    ctx.tx,
    sql`select to_char(r.occurred_at at time zone ${input.timeZone}, 'YYYY-MM') as month,
               count(distinct r.customer_id)::int as readers,
               count(*) filter (where r.event = 'opened')::int as opened,
               count(*) filter (where r.event = 'finished')::int as finished
        from reading_events r
        where r.tenant_id = ${ctx.tenantId}::uuid
          and r.occurred_at >= ${input.from.toISOString()}::timestamptz
          and r.occurred_at < ${input.to.toISOString()}::timestamptz
        group by 1 order by 1`,
  );
  return rows.map((r) => ({
    month: r.month,
    readers: Number(r.readers),
    opened: Number(r.opened),
    finished: Number(r.finished),
  }));
}
