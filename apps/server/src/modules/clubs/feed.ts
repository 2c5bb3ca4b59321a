// Reading a club: the feed (pinned posts first, then newest first, paged), a search of the club's
// posts, and one post with its comments. Owners see visible pieces and their own held ones (审核中);
// staff see everything, held and hidden included. An approval club is read by its members only.
import { and, asc, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { clubRow, openClubRow } from './clubs.service.ts';
import type { FeedQueryInput, StaffFeedQueryInput } from './clubs.schemas.ts';
import { clubComments, clubPosts, type ContentState } from './clubs.tables.ts';
import { membershipOf } from './membership.ts';
import { commentViews, postViews, type Viewer } from './views.ts';

type ClubRow = Awaited<ReturnType<typeof clubRow>>;

/** What a reader may see of a piece: staff everything (or one state), an owner the visible and their own held. */
function visibleTo(
  viewer: Viewer,
  t: typeof clubPosts | typeof clubComments,
  state?: ContentState,
): SQL | undefined {
  if (!viewer.customerId) return state ? eq(t.state, state) : undefined;
  return or(
    eq(t.state, 'visible'),
    and(eq(t.state, 'held'), eq(t.authorCustomerId, viewer.customerId)),
  );
}

/** LIKE pattern of a literal search text (its own % _ \ escaped). */
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The club an owner may read: open clubs by any owner, approval clubs by their members only. */
export async function readableClub(ctx: Ctx, customerId: string, clubId: string) {
  const club = await openClubRow(ctx, clubId);
  if (club.joinPolicy === 'approval') {
    const m = await membershipOf(ctx, clubId, customerId);
    if (m?.status !== 'active') throw new AppError('CLUB_NOT_MEMBER', { field: 'clubId' });
  }
  return club;
}

type After = ReturnType<typeof decodeFeedCursor>;
const decodeFeedCursor = (cursor: string | undefined) => decodeCursor(cursor, ['instant', 'uuid']);

async function feedOf(
  ctx: Ctx,
  club: ClubRow,
  q: FeedQueryInput & { state?: ContentState | undefined },
  after: After,
  viewer: Viewer,
) {
  const searching = !!q.q;
  const base = and(
    eq(clubPosts.tenantId, ctx.tenantId),
    eq(clubPosts.clubId, club.id),
    visibleTo(viewer, clubPosts, q.state),
    // Sanitised text, case-blind, any substring (Chinese too). ILIKE within one club's posts:
    // the feed index narrows to the club; under row-level security a trigram index would not be
    // used for ILIKE anyway (see db/security.ts on customer search).
    searching ? ilike(clubPosts.body, containsPattern(q.q!)) : undefined,
  );
  const rows = await ctx.tx
    .select({ post: clubPosts, sortKey: sql<string>`${clubPosts.createdAt}::text` })
    .from(clubPosts)
    .where(
      and(
        base,
        searching ? undefined : isNull(clubPosts.pinnedAt),
        after
          ? sql`(${clubPosts.createdAt}, ${clubPosts.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(clubPosts.createdAt), desc(clubPosts.id))
    .limit(q.limit + 1);
  const pinned =
    searching || after
      ? []
      : await ctx.tx
          .select()
          .from(clubPosts)
          .where(and(base, isNotNull(clubPosts.pinnedAt)))
          .orderBy(desc(clubPosts.pinnedAt))
          .limit(20);
  const pageRows = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? pageRows[pageRows.length - 1] : undefined;
  const views = await postViews(ctx, club, [...pinned, ...pageRows.map((r) => r.post)], viewer);
  return {
    pinned: views.slice(0, pinned.length),
    items: views.slice(pinned.length),
    nextCursor: last ? encodeCursor([last.sortKey, last.post.id]) : null,
  };
}

export async function appFeed(ctx: Ctx, customerId: string, clubId: string, q: FeedQueryInput) {
  // A forged cursor is refused before anything is looked up.
  const after = decodeFeedCursor(q.cursor);
  const club = await readableClub(ctx, customerId, clubId);
  return feedOf(ctx, club, q, after, { customerId });
}

export async function staffFeed(ctx: Ctx, clubId: string, q: StaffFeedQueryInput) {
  const after = decodeFeedCursor(q.cursor);
  const club = await clubRow(ctx, clubId);
  return feedOf(ctx, club, q, after, { customerId: null });
}

/** One post a viewer may see, or 404. */
export async function postRowFor(ctx: Ctx, clubId: string, postId: string, viewer: Viewer) {
  const [post] = await ctx.tx
    .select()
    .from(clubPosts)
    .where(
      and(
        eq(clubPosts.tenantId, ctx.tenantId),
        eq(clubPosts.clubId, clubId),
        eq(clubPosts.id, postId),
        visibleTo(viewer, clubPosts),
      ),
    );
  if (!post) throw new AppError('NOT_FOUND', { field: 'postId' });
  return post;
}

async function postDetail(ctx: Ctx, club: ClubRow, postId: string, viewer: Viewer) {
  const post = await postRowFor(ctx, club.id, postId, viewer);
  const comments = await ctx.tx
    .select()
    .from(clubComments)
    .where(
      and(
        eq(clubComments.tenantId, ctx.tenantId),
        eq(clubComments.postId, postId),
        visibleTo(viewer, clubComments),
      ),
    )
    .orderBy(asc(clubComments.createdAt), asc(clubComments.id))
    .limit(200);
  const [view] = await postViews(ctx, club, [post], viewer);
  return { ...view!, comments: await commentViews(ctx, club, comments, viewer) };
}

export async function appPost(ctx: Ctx, customerId: string, clubId: string, postId: string) {
  const club = await readableClub(ctx, customerId, clubId);
  return postDetail(ctx, club, postId, { customerId });
}

export async function staffPost(ctx: Ctx, clubId: string, postId: string) {
  const club = await clubRow(ctx, clubId);
  return postDetail(ctx, club, postId, { customerId: null });
}
