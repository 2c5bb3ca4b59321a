// Writing in a club: posts (members, or staff as the shop), comments, likes and pins. Text is
// sanitised before anything else looks at it; a member's piece goes through moderation's screen
// with their trust level and, when held, joins the review queue in the same transaction.
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import { recordAudit } from '../audit/index.ts';
import { clubRow, openClubRow } from './clubs.service.ts';
import { COMMENT_MAX_CHARS, POST_MAX_CHARS, type PostInput } from './clubs.schemas.ts';
import { clubComments, clubLikes, clubPosts } from './clubs.tables.ts';
import { trustIn } from './facts.ts';
import { postRowFor } from './feed.ts';
import { claimPostImages } from './images.ts';
import { requireActiveMember } from './membership.ts';
import type { HoldReason } from '../moderation/index.ts';
import { queueHeld, screen } from './screen.ts';
import { commentViews, postViews } from './views.ts';

/** Who writes: a member (screened) or a staff user writing as the shop (not screened). */
export type Writer = { customerId: string } | { staffUserId: string };

function cleanText(raw: string, max: number, required: boolean): string {
  const text = sanitizePlainText(raw);
  if (text.length > max)
    throw new AppError('CLUB_TEXT_TOO_LONG', { field: 'text', details: { max } });
  if (required && !text) throw new AppError('CLUB_POST_EMPTY', { field: 'text' });
  return text;
}

/** An owner must be an active member of a club that is not archived; staff, a club not archived. */
async function writableClub(ctx: Ctx, clubId: string, by: Writer) {
  if ('customerId' in by) {
    const club = await openClubRow(ctx, clubId);
    await requireActiveMember(ctx, clubId, by.customerId);
    return club;
  }
  const club = await clubRow(ctx, clubId);
  if (club.archived) throw new AppError('CLUB_ARCHIVED', { field: 'clubId' });
  return club;
}

async function screened(
  ctx: Ctx,
  kind: 'club_post' | 'club_comment',
  clubId: string,
  by: Writer,
  text: string,
  hasImage: boolean,
) {
  if (!('customerId' in by)) return { state: 'visible' as const, reasons: [] as HoldReason[] };
  const trustLevel = await trustIn(ctx, clubId, by.customerId);
  return screen(ctx, {
    kind,
    authorCustomerId: by.customerId,
    scopeId: clubId,
    text,
    hasImage,
    trustLevel,
  });
}

const authorColumns = (by: Writer) =>
  'customerId' in by
    ? { authorCustomerId: by.customerId, authorStaffId: null }
    : { authorCustomerId: null, authorStaffId: by.staffUserId };

export async function createPost(ctx: Ctx, clubId: string, by: Writer, input: PostInput) {
  const club = await writableClub(ctx, clubId, by);
  const text = cleanText(input.text, POST_MAX_CHARS, input.imageIds.length === 0);
  await claimPostImages(ctx, input.imageIds, by, 'imageIds');
  const verdict = await screened(ctx, 'club_post', clubId, by, text, input.imageIds.length > 0);
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .insert(clubPosts)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      clubId,
      ...authorColumns(by),
      body: text,
      imageIds: input.imageIds,
      state: verdict.state,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (verdict.state === 'held')
    await queueHeld(ctx, { kind: 'club_post', subjectId: row!.id, reasons: verdict.reasons });
  const [view] = await postViews(ctx, club, [row!], {
    customerId: 'customerId' in by ? by.customerId : null,
  });
  return view!;
}

export async function createComment(
  ctx: Ctx,
  clubId: string,
  postId: string,
  by: Writer,
  input: { text: string },
) {
  const club = await writableClub(ctx, clubId, by);
  const post = await postRowFor(ctx, clubId, postId, { customerId: null });
  if (post.state !== 'visible') throw new AppError('NOT_FOUND', { field: 'postId' });
  const text = cleanText(input.text, COMMENT_MAX_CHARS, true);
  const verdict = await screened(ctx, 'club_comment', clubId, by, text, false);
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .insert(clubComments)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      postId,
      clubId,
      ...authorColumns(by),
      body: text,
      state: verdict.state,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (verdict.state === 'visible')
    await ctx.tx
      .update(clubPosts)
      .set({ commentCount: sql`${clubPosts.commentCount} + 1` })
      .where(and(eq(clubPosts.tenantId, ctx.tenantId), eq(clubPosts.id, postId)));
  else await queueHeld(ctx, { kind: 'club_comment', subjectId: row!.id, reasons: verdict.reasons });
  const [view] = await commentViews(ctx, club, [row!], {
    customerId: 'customerId' in by ? by.customerId : null,
  });
  return view!;
}

/** A visible post a member may like (its club's member, the club not archived). */
async function likeablePost(ctx: Ctx, clubId: string, postId: string, customerId: string) {
  await writableClub(ctx, clubId, { customerId });
  const post = await postRowFor(ctx, clubId, postId, { customerId: null });
  if (post.state !== 'visible') throw new AppError('NOT_FOUND', { field: 'postId' });
}

const bumpLikes = async (ctx: Ctx, postId: string, by: number) => {
  const [p] = await ctx.tx
    .update(clubPosts)
    .set({ likeCount: sql`${clubPosts.likeCount} + ${by}` })
    .where(and(eq(clubPosts.tenantId, ctx.tenantId), eq(clubPosts.id, postId)))
    .returning({ likeCount: clubPosts.likeCount });
  return p!.likeCount;
};

async function likeCountOf(ctx: Ctx, postId: string) {
  const [p] = await ctx.tx
    .select({ likeCount: clubPosts.likeCount })
    .from(clubPosts)
    .where(and(eq(clubPosts.tenantId, ctx.tenantId), eq(clubPosts.id, postId)));
  return p!.likeCount;
}

/** Liking twice is one like: the second changes nothing and answers the same. */
export async function likePost(ctx: Ctx, clubId: string, postId: string, customerId: string) {
  await likeablePost(ctx, clubId, postId, customerId);
  const added = await ctx.tx
    .insert(clubLikes)
    .values({ tenantId: ctx.tenantId, postId, customerId, createdAt: ctx.clock.now() })
    .onConflictDoNothing()
    .returning({ postId: clubLikes.postId });
  const likeCount = added.length ? await bumpLikes(ctx, postId, 1) : await likeCountOf(ctx, postId);
  return { liked: true, likeCount };
}

export async function unlikePost(ctx: Ctx, clubId: string, postId: string, customerId: string) {
  await likeablePost(ctx, clubId, postId, customerId);
  const gone = await ctx.tx
    .delete(clubLikes)
    .where(
      and(
        eq(clubLikes.tenantId, ctx.tenantId),
        eq(clubLikes.postId, postId),
        eq(clubLikes.customerId, customerId),
      ),
    )
    .returning({ postId: clubLikes.postId });
  const likeCount = gone.length ? await bumpLikes(ctx, postId, -1) : await likeCountOf(ctx, postId);
  return { liked: false, likeCount };
}

/** At most this many posts stay pinned in a club: a new pin takes the oldest down. */
export const MAX_PINNED = 3;

async function keepNewestPins(ctx: Ctx, clubId: string) {
  await ctx.tx.execute(sql`
    update club_posts set pinned_at = null
    where tenant_id = ${ctx.tenantId} and club_id = ${clubId} and pinned_at is not null
      and id not in (
        select p.id from club_posts p
        where p.tenant_id = ${ctx.tenantId} and p.club_id = ${clubId} and p.pinned_at is not null
        order by p.pinned_at desc, p.id desc limit ${MAX_PINNED})`);
}

/**
 * Staff pin a visible post to the top of the feed (newest pin first; beyond three, the oldest pin
 * goes back to its place) or take it down.
 */
export async function setPinned(ctx: Ctx, clubId: string, postId: string, pinned: boolean) {
  const club = await clubRow(ctx, clubId);
  const post = await postRowFor(ctx, clubId, postId, { customerId: null });
  if (pinned && post.state !== 'visible') throw new AppError('CLUB_POST_NOT_VISIBLE');
  const [row] = await ctx.tx
    .update(clubPosts)
    .set({ pinnedAt: pinned ? ctx.clock.now() : null, updatedAt: ctx.clock.now() })
    .where(and(eq(clubPosts.tenantId, ctx.tenantId), eq(clubPosts.id, postId)))
    .returning();
  if (pinned) await keepNewestPins(ctx, clubId);
  await recordAudit(ctx, {
    action: pinned ? 'clubs.postPinned' : 'clubs.postUnpinned',
    entityType: 'club_post',
    entityId: postId,
  });
  const [view] = await postViews(ctx, club, [row!], { customerId: null });
  return view!;
}
