// Crediting a published contribution: its author gets the call's points through loyalty's ledger
// under a key per contribution (a second publication, an archived issue published again, or a
// page placed twice replays the first grant and pays nothing) and a message in the inbox.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { grantReward } from '../loyalty/index.ts';
import { sendToCustomer } from '../messaging/index.ts';
import type { IssueRow } from './magazine-read.ts';
import { creditDue } from './magazine-rules.ts';
import { MAGAZINE_CONTRIBUTION_PUBLISHED } from './magazine.messages.ts';
import { magazineCalls, magazineContributions } from './magazine.tables.ts';

/** The ledger key of a contribution's points: one grant per contribution, ever. */
export const contributionKey = (contributionId: string) =>
  `magazine-contribution:${contributionId}`;

type ContributionRow = typeof magazineContributions.$inferSelect;

/** Credits one placed contribution of a published issue; answers the points paid now. */
export async function creditContribution(
  ctx: Ctx,
  issue: IssueRow,
  c: ContributionRow,
): Promise<{ credited: boolean; points: number }> {
  if (c.status === 'placed' && c.creditedAt) {
    // Taken off a page and placed again after it was credited: published, nothing paid twice.
    await ctx.tx
      .update(magazineContributions)
      .set({ status: 'published', updatedAt: ctx.clock.now() })
      .where(
        and(eq(magazineContributions.tenantId, ctx.tenantId), eq(magazineContributions.id, c.id)),
      );
    return { credited: false, points: 0 };
  }
  if (!creditDue(c)) return { credited: false, points: 0 };
  const [call] = await ctx.tx
    .select({ points: magazineCalls.points, theme: magazineCalls.theme })
    .from(magazineCalls)
    .where(and(eq(magazineCalls.tenantId, ctx.tenantId), eq(magazineCalls.id, c.callId)));
  let points = 0;
  if (call && call.points > 0) {
    const r = await grantReward(ctx, {
      customerId: c.customerId,
      kind: 'points',
      amount: call.points,
      reason: `电子杂志投稿刊登：${issue.title}`,
      reference: { type: 'magazine_contribution', id: c.id },
      idempotencyKey: contributionKey(c.id),
    });
    points = r.replayed ? 0 : call.points;
  }
  await ctx.tx
    .update(magazineContributions)
    .set({
      status: 'published',
      creditedAt: ctx.clock.now(),
      pointsGranted: c.pointsGranted + points,
      updatedAt: ctx.clock.now(),
    })
    .where(
      and(eq(magazineContributions.tenantId, ctx.tenantId), eq(magazineContributions.id, c.id)),
    );
  await sendToCustomer(ctx, {
    customerId: c.customerId,
    templateKey: MAGAZINE_CONTRIBUTION_PUBLISHED.key,
    data: {
      issue: { id: issue.id, title: issue.title },
      contribution: {
        title: c.title || call?.theme || '读者投稿',
        points: c.pointsGranted + points,
      },
    },
    dedupeKey: `${MAGAZINE_CONTRIBUTION_PUBLISHED.key}:${c.id}`,
    priority: 'transactional',
    purpose: 'transactional',
    channels: ['inapp'],
    source: { type: 'system', id: issue.id },
  });
  return { credited: true, points };
}
