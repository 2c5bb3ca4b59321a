// Contributions as moderation's subjects: what a moderator sees of them (the call as the scope),
// a decision applied to their status (approve → accepted, hide → rejected and off its page), and
// an owner's visible ones (a mute may hide them). Owners cannot report them: they are never
// shown to other owners before staff place them.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import type { ModerationSubjects } from '../moderation/index.ts';
import { CONTRIBUTION_KIND } from './contributions.ts';
import { imagesOf } from './magazine-read.ts';
import { moderationStateOf, statusAfterDecision } from './magazine-rules.ts';
import { magazineCalls, magazineContributions, magazinePages } from './magazine.tables.ts';

async function load(ctx: Ctx, ids: readonly string[]) {
  if (!ids.length) return [];
  const rows = await ctx.tx
    .select({ c: magazineContributions, theme: magazineCalls.theme })
    .from(magazineContributions)
    .innerJoin(
      magazineCalls,
      and(
        eq(magazineCalls.tenantId, magazineContributions.tenantId),
        eq(magazineCalls.id, magazineContributions.callId),
      ),
    )
    .where(
      and(
        eq(magazineContributions.tenantId, ctx.tenantId),
        inArray(magazineContributions.id, [...ids]),
      ),
    );
  const images = await imagesOf(
    ctx,
    rows.flatMap((r) => r.c.imageIds),
  );
  return rows.map(({ c, theme }) => ({
    kind: CONTRIBUTION_KIND,
    id: c.id,
    authorCustomerId: c.customerId,
    scopeId: c.callId,
    scopeName: `电子杂志征稿：${theme}`,
    text: c.title ? `${c.title}\n${c.body}` : c.body,
    imageUrls: c.imageIds.flatMap((id) => {
      const img = images.get(id);
      return img ? [img.url] : [];
    }),
    state: moderationStateOf(c.status),
    createdAt: c.createdAt,
  }));
}

async function setState(ctx: Ctx, ids: readonly string[], state: 'visible' | 'hidden') {
  if (!ids.length) return;
  const rows = await ctx.tx
    .select()
    .from(magazineContributions)
    .where(
      and(
        eq(magazineContributions.tenantId, ctx.tenantId),
        inArray(magazineContributions.id, [...ids]),
      ),
    )
    .for('update');
  const now = ctx.clock.now();
  for (const c of rows) {
    const next = statusAfterDecision(c.status, state === 'visible' ? 'accept' : 'reject');
    if (!next) continue;
    if (next === 'rejected' && c.pageId)
      await ctx.tx
        .delete(magazinePages)
        .where(and(eq(magazinePages.tenantId, ctx.tenantId), eq(magazinePages.id, c.pageId)));
    await ctx.tx
      .update(magazineContributions)
      .set({
        status: next,
        ...(next === 'rejected' ? { pageId: null } : { rejectReason: null }),
        updatedAt: now,
      })
      .where(
        and(eq(magazineContributions.tenantId, ctx.tenantId), eq(magazineContributions.id, c.id)),
      );
  }
}

async function visibleByAuthor(ctx: Ctx, customerId: string, scopeId: string | null) {
  const rows = await ctx.tx
    .select({ id: magazineContributions.id })
    .from(magazineContributions)
    .where(
      and(
        eq(magazineContributions.tenantId, ctx.tenantId),
        eq(magazineContributions.customerId, customerId),
        ne(magazineContributions.status, 'pending'),
        ne(magazineContributions.status, 'rejected'),
        scopeId ? eq(magazineContributions.callId, scopeId) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

/** The subjects the magazine owns (declared to moderation in module.ts). */
export const MAGAZINE_SUBJECTS: ModerationSubjects = {
  [CONTRIBUTION_KIND]: {
    load,
    setState,
    reportWeight: async () => null,
    visibleByAuthor,
  },
};
