// Club posts and comments as moderation's subjects: what a moderator sees of them, applying a
// decision to their rows (comment counts follow), how much a member's report weighs (organisers
// and KOLs more), and a member's visible pieces (a mute may hide them).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import type { ModerationSubjectHandler, ModerationSubjects } from '../moderation/index.ts';
import { clubComments, clubMembers, clubPosts, clubs } from './clubs.tables.ts';
import { imagesOf } from './images.ts';

/** A member's report; an organiser's or a KOL's weighs more. */
export const REPORT_WEIGHT = { member: 1, organiser: 3, kol: 3 } as const;

type Table = typeof clubPosts | typeof clubComments;

/** Photos of posts by id (comments have none). */
async function postImageIds(ctx: Ctx, ids: readonly string[]) {
  const rows = await ctx.tx
    .select({ id: clubPosts.id, imageIds: clubPosts.imageIds })
    .from(clubPosts)
    .where(and(eq(clubPosts.tenantId, ctx.tenantId), inArray(clubPosts.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r.imageIds]));
}

async function loadOf(ctx: Ctx, kind: 'club_post' | 'club_comment', ids: readonly string[]) {
  if (ids.length === 0) return [];
  const t: Table = kind === 'club_post' ? clubPosts : clubComments;
  const [rows, imageIds] = await Promise.all([
    ctx.tx
      .select({
        id: t.id,
        authorCustomerId: t.authorCustomerId,
        clubId: t.clubId,
        clubName: clubs.name,
        body: t.body,
        state: t.state,
        createdAt: t.createdAt,
      })
      .from(t)
      .innerJoin(clubs, and(eq(clubs.tenantId, t.tenantId), eq(clubs.id, t.clubId)))
      .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, [...ids]))),
    kind === 'club_post' ? postImageIds(ctx, ids) : Promise.resolve(new Map<string, string[]>()),
  ]);
  const images = await imagesOf(ctx, [...imageIds.values()].flat());
  return rows.map((r) => ({
    kind,
    id: r.id,
    authorCustomerId: r.authorCustomerId,
    scopeId: r.clubId,
    scopeName: r.clubName,
    text: r.body,
    imageUrls: (imageIds.get(r.id) ?? []).flatMap((id) => {
      const img = images.get(id);
      return img ? [img.url] : [];
    }),
    state: r.state,
    createdAt: r.createdAt,
  }));
}

/** Recounts the visible comments of these posts (after comments changed state). */
async function recountComments(ctx: Ctx, postIds: readonly string[]) {
  if (postIds.length === 0) return;
  await ctx.tx
    .update(clubPosts)
    .set({
      // Qualified by hand: a bare "id" would bind to the comment's own id.
      commentCount: sql`(select count(*)::int from ${clubComments} c
        where c.tenant_id = "club_posts"."tenant_id" and c.post_id = "club_posts"."id"
          and c.state = 'visible')`,
    })
    .where(and(eq(clubPosts.tenantId, ctx.tenantId), inArray(clubPosts.id, [...postIds])));
}

async function setStateOf(
  ctx: Ctx,
  kind: 'club_post' | 'club_comment',
  ids: readonly string[],
  state: 'visible' | 'hidden',
) {
  if (ids.length === 0) return;
  const now = ctx.clock.now();
  if (kind === 'club_post') {
    await ctx.tx
      .update(clubPosts)
      // A hidden post leaves the top of the feed too.
      .set(
        state === 'hidden' ? { state, pinnedAt: null, updatedAt: now } : { state, updatedAt: now },
      )
      .where(and(eq(clubPosts.tenantId, ctx.tenantId), inArray(clubPosts.id, [...ids])));
    return;
  }
  const changed = await ctx.tx
    .update(clubComments)
    .set({ state, updatedAt: now })
    .where(and(eq(clubComments.tenantId, ctx.tenantId), inArray(clubComments.id, [...ids])))
    .returning({ postId: clubComments.postId });
  await recountComments(ctx, [...new Set(changed.map((c) => c.postId))]);
}

/** Null when the reporter cannot see the piece: not visible, or not an active member of the club. */
async function reportWeightOf(
  ctx: Ctx,
  kind: 'club_post' | 'club_comment',
  subjectId: string,
  customerId: string,
): Promise<number | null> {
  const t: Table = kind === 'club_post' ? clubPosts : clubComments;
  const [row] = await ctx.tx
    .select({ state: t.state, role: clubMembers.role, status: clubMembers.status })
    .from(t)
    .leftJoin(
      clubMembers,
      and(
        eq(clubMembers.tenantId, t.tenantId),
        eq(clubMembers.clubId, t.clubId),
        eq(clubMembers.customerId, customerId),
      ),
    )
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, subjectId)));
  if (!row || row.state !== 'visible' || row.status !== 'active' || !row.role) return null;
  return REPORT_WEIGHT[row.role];
}

async function visibleByAuthorOf(
  ctx: Ctx,
  kind: 'club_post' | 'club_comment',
  customerId: string,
  scopeId: string | null,
): Promise<string[]> {
  const t: Table = kind === 'club_post' ? clubPosts : clubComments;
  const rows = await ctx.tx
    .select({ id: t.id })
    .from(t)
    .where(
      and(
        eq(t.tenantId, ctx.tenantId),
        eq(t.authorCustomerId, customerId),
        eq(t.state, 'visible'),
        scopeId ? eq(t.clubId, scopeId) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

function handlerFor(kind: 'club_post' | 'club_comment'): ModerationSubjectHandler {
  return {
    load: (ctx: Ctx, ids: readonly string[]) => loadOf(ctx, kind, ids),
    setState: (ctx: Ctx, ids: readonly string[], state: 'visible' | 'hidden') =>
      setStateOf(ctx, kind, ids, state),
    reportWeight: (ctx: Ctx, subjectId: string, customerId: string) =>
      reportWeightOf(ctx, kind, subjectId, customerId),
    visibleByAuthor: (ctx: Ctx, customerId: string, scopeId: string | null) =>
      visibleByAuthorOf(ctx, kind, customerId, scopeId),
  };
}

/** The subjects clubs owns, by kind (declared to moderation in module.ts). */
export const CLUB_SUBJECTS: ModerationSubjects = {
  club_post: handlerFor('club_post'),
  club_comment: handlerFor('club_comment'),
};
