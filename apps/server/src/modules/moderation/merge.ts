// Two customer records became one: the duplicate's mutes hold the survivor, and its reports
// count as the survivor's (a piece both had reported keeps the duplicate's report, already
// weighed, under the old id: one per reporter and piece allows no second row).
import { and, eq, notExists } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../kernel/context.ts';
import { moderationMutes, moderationReports } from './moderation.tables.ts';

export async function moveModerationOnMerge(
  ctx: Ctx,
  merge: { survivorId: string; duplicateId: string },
): Promise<void> {
  await ctx.tx
    .update(moderationMutes)
    .set({ customerId: merge.survivorId })
    .where(eq(moderationMutes.customerId, merge.duplicateId));
  const survivors = alias(moderationReports, 'survivor_reports');
  await ctx.tx
    .update(moderationReports)
    .set({ reporterCustomerId: merge.survivorId })
    .where(
      and(
        eq(moderationReports.reporterCustomerId, merge.duplicateId),
        notExists(
          ctx.tx
            .select({ id: survivors.id })
            .from(survivors)
            .where(
              and(
                eq(survivors.kind, moderationReports.kind),
                eq(survivors.subjectId, moderationReports.subjectId),
                eq(survivors.reporterCustomerId, merge.survivorId),
              ),
            ),
        ),
      ),
    );
}
