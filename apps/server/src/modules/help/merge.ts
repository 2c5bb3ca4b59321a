// Two customer records merged into one: the duplicate's votes on help answers become the
// survivor's, except on an answer the survivor has voted on already (the survivor's vote stands).
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';

export async function mergeHelpVotes(
  ctx: Ctx,
  merge: { survivorId: string; duplicateId: string },
): Promise<void> {
  await ctx.tx.execute(sql`delete from help_votes d
    where d.tenant_id = ${ctx.tenantId}::uuid and d.customer_id = ${merge.duplicateId}::uuid
      and exists (select 1 from help_votes s where s.tenant_id = d.tenant_id
                    and s.entry_id = d.entry_id and s.customer_id = ${merge.survivorId}::uuid)`);
  await ctx.tx.execute(sql`update help_votes set customer_id = ${merge.survivorId}::uuid
    where tenant_id = ${ctx.tenantId}::uuid and customer_id = ${merge.duplicateId}::uuid`);
}
