// Posts and comments as readers see them: the author (an owner's courtesy name with their
// badges in the club, or the shop for staff), photos, the viewer's like. Everything for a page
// is loaded set-based.
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { customers } from '../customers/index.ts';
import { getTenant } from '../tenancy/index.ts';
import type { CommentDto, PostDto } from './clubs.schemas.ts';
import type { clubComments, clubPosts } from './clubs.tables.ts';
import { clubLikes } from './clubs.tables.ts';
import { badgesInClub } from './facts.ts';
import { imagesOf } from './images.ts';
import type { Badge } from './trust-rules.ts';

type PostRow = typeof clubPosts.$inferSelect;
type CommentRow = typeof clubComments.$inferSelect;

/** 王先生 / 李女士 / 张车友: a courtesy name, never an owner's full name or phone. */
export function courtesyName(name: string | null, gender: string): string {
  const surname = name?.trim() ? [...name.trim()][0]! : '';
  if (!surname) return '车友';
  return surname + (gender === 'male' ? '先生' : gender === 'female' ? '女士' : '车友');
}

export interface Viewer {
  customerId: string | null;
}

async function authorsOf(
  ctx: Ctx,
  club: { id: string; make: string | null },
  rows: readonly { authorCustomerId: string | null }[],
) {
  const ids = [...new Set(rows.flatMap((r) => (r.authorCustomerId ? [r.authorCustomerId] : [])))];
  const [people, badges, shop] = await Promise.all([
    ids.length
      ? ctx.tx
          .select({ id: customers.id, name: customers.name, gender: customers.gender })
          .from(customers)
          .where(and(eq(customers.tenantId, ctx.tenantId), inArray(customers.id, ids)))
      : Promise.resolve([]),
    badgesInClub(ctx, club, ids),
    rows.some((r) => !r.authorCustomerId) ? getTenant(ctx) : Promise.resolve(null),
  ]);
  const names = new Map(people.map((p) => [p.id, courtesyName(p.name, p.gender)]));
  return (customerId: string | null) =>
    customerId
      ? {
          type: 'customer' as const,
          customerId,
          name: names.get(customerId) ?? '车友',
          badges: badges.get(customerId) ?? ([] as Badge[]),
        }
      : { type: 'shop' as const, customerId: null, name: shop?.name ?? '', badges: [] };
}

export async function postViews(
  ctx: Ctx,
  club: { id: string; make: string | null },
  rows: readonly PostRow[],
  viewer: Viewer,
): Promise<PostDto[]> {
  if (rows.length === 0) return [];
  const [author, images, liked] = await Promise.all([
    authorsOf(ctx, club, rows),
    imagesOf(
      ctx,
      rows.flatMap((r) => r.imageIds),
    ),
    viewer.customerId
      ? ctx.tx
          .select({ postId: clubLikes.postId })
          .from(clubLikes)
          .where(
            and(
              eq(clubLikes.tenantId, ctx.tenantId),
              eq(clubLikes.customerId, viewer.customerId),
              inArray(
                clubLikes.postId,
                rows.map((r) => r.id),
              ),
            ),
          )
      : Promise.resolve([]),
  ]);
  const likedIds = new Set(liked.map((l) => l.postId));
  return rows.map((r) => ({
    id: r.id,
    clubId: r.clubId,
    author: author(r.authorCustomerId),
    text: r.body,
    images: r.imageIds.flatMap((id) => {
      const img = images.get(id);
      return img ? [img] : [];
    }),
    state: r.state,
    pinned: r.pinnedAt !== null,
    likeCount: r.likeCount,
    commentCount: r.commentCount,
    likedByMe: likedIds.has(r.id),
    mine: !!viewer.customerId && r.authorCustomerId === viewer.customerId,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function commentViews(
  ctx: Ctx,
  club: { id: string; make: string | null },
  rows: readonly CommentRow[],
  viewer: Viewer,
): Promise<CommentDto[]> {
  if (rows.length === 0) return [];
  const author = await authorsOf(ctx, club, rows);
  return rows.map((r) => ({
    id: r.id,
    postId: r.postId,
    author: author(r.authorCustomerId),
    text: r.body,
    state: r.state,
    mine: !!viewer.customerId && r.authorCustomerId === viewer.customerId,
    createdAt: r.createdAt.toISOString(),
  }));
}
