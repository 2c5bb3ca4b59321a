// Two customer records became one: the duplicate's memberships, posts, comments and likes move
// to the survivor. In a club both belonged to, the survivor keeps one row: active if either was,
// with the higher role; a post both liked keeps one like (its count one lower).
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';

export async function moveClubsOnMerge(
  ctx: Ctx,
  { survivorId, duplicateId }: { survivorId: string; duplicateId: string },
): Promise<void> {
  const t = ctx.tenantId;
  await ctx.tx.execute(sql`
    update club_members s set
      status = case when s.status = 'active' or d.status = 'active' then 'active' else 'pending' end,
      joined_at = coalesce(least(s.joined_at, d.joined_at), s.joined_at, d.joined_at),
      role = case when s.role <> 'member' then s.role else d.role end,
      updated_at = now()
    from club_members d
    where s.tenant_id = ${t} and d.tenant_id = ${t} and s.club_id = d.club_id
      and s.customer_id = ${survivorId} and d.customer_id = ${duplicateId}`);
  await ctx.tx.execute(sql`
    delete from club_members d where d.tenant_id = ${t} and d.customer_id = ${duplicateId}
      and exists (select 1 from club_members s where s.tenant_id = ${t}
        and s.club_id = d.club_id and s.customer_id = ${survivorId})`);
  await ctx.tx.execute(sql`
    update club_members set customer_id = ${survivorId}
    where tenant_id = ${t} and customer_id = ${duplicateId}`);
  await ctx.tx.execute(sql`
    with both_liked as (
      delete from club_likes d where d.tenant_id = ${t} and d.customer_id = ${duplicateId}
        and exists (select 1 from club_likes s where s.tenant_id = ${t}
          and s.post_id = d.post_id and s.customer_id = ${survivorId})
      returning d.post_id)
    update club_posts p set like_count = p.like_count - 1
    from both_liked b where p.tenant_id = ${t} and p.id = b.post_id`);
  await ctx.tx.execute(sql`
    update club_likes set customer_id = ${survivorId}
    where tenant_id = ${t} and customer_id = ${duplicateId}`);
  await ctx.tx.execute(sql`
    update club_posts set author_customer_id = ${survivorId}
    where tenant_id = ${t} and author_customer_id = ${duplicateId}`);
  await ctx.tx.execute(sql`
    update club_comments set author_customer_id = ${survivorId}
    where tenant_id = ${t} and author_customer_id = ${duplicateId}`);
}
