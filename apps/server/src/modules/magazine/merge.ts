// Two customer records became one: the duplicate's contributions and subscription become the
// survivor's.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { magazineContributions, magazineSubscribers } from './magazine.tables.ts';

export async function moveMagazineOnMerge(
  ctx: Ctx,
  { survivorId, duplicateId }: { survivorId: string; duplicateId: string },
): Promise<void> {
  await ctx.tx
    .update(magazineContributions)
    .set({ customerId: survivorId })
    .where(
      and(
        eq(magazineContributions.tenantId, ctx.tenantId),
        eq(magazineContributions.customerId, duplicateId),
      ),
    );
  const [dup] = await ctx.tx
    .delete(magazineSubscribers)
    .where(
      and(
        eq(magazineSubscribers.tenantId, ctx.tenantId),
        eq(magazineSubscribers.customerId, duplicateId),
      ),
    )
    .returning();
  if (dup)
    await ctx.tx
      .insert(magazineSubscribers)
      .values({ tenantId: ctx.tenantId, customerId: survivorId, subscribedAt: dup.subscribedAt })
      .onConflictDoNothing();
}
