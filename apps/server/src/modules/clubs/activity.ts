// Community activity for analytics: posts, comments and likes per day (the tenant's calendar
// day) in a period, across the shop's clubs. Counts every piece written, whatever became of it.
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { queryRows } from '../../db/database.ts';
import { getTenant } from '../tenancy/index.ts';

export interface ClubActivityDay {
  /** YYYY-MM-DD in the tenant's time zone. */
  day: string;
  posts: number;
  comments: number;
  likes: number;
}

/** Days with any activity in [from, to), oldest first. */
export async function clubActivity(ctx: Ctx, from: Date, to: Date): Promise<ClubActivityDay[]> {
  const { timezone } = await getTenant(ctx);
  const rows = await queryRows<{ day: string; kind: string; n: number }>(
    ctx.tx,
    sql`
    select (x.created_at at time zone ${timezone})::date::text as day, x.kind, count(*)::int as n
    from (
      select 'post' as kind, "club_posts"."created_at" from "club_posts"
        where "club_posts"."tenant_id" = ${ctx.tenantId}
          and "club_posts"."created_at" >= ${from.toISOString()}::timestamptz
          and "club_posts"."created_at" < ${to.toISOString()}::timestamptz
      union all
      select 'comment', "club_comments"."created_at" from "club_comments"
        where "club_comments"."tenant_id" = ${ctx.tenantId}
          and "club_comments"."created_at" >= ${from.toISOString()}::timestamptz
          and "club_comments"."created_at" < ${to.toISOString()}::timestamptz
      union all
      select 'like', "club_likes"."created_at" from "club_likes"
        where "club_likes"."tenant_id" = ${ctx.tenantId}
          and "club_likes"."created_at" >= ${from.toISOString()}::timestamptz
          and "club_likes"."created_at" < ${to.toISOString()}::timestamptz
    ) x
    group by 1, 2
    order by 1`,
  );
  const days = new Map<string, ClubActivityDay>();
  for (const r of rows) {
    const d = days.get(r.day) ?? { day: r.day, posts: 0, comments: 0, likes: 0 };
    if (r.kind === 'post') d.posts = Number(r.n);
    else if (r.kind === 'comment') d.comments = Number(r.n);
    else d.likes = Number(r.n);
    days.set(r.day, d);
  }
  return [...days.values()];
}
