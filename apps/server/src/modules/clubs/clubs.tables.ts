import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';

export const CLUB_KINDS = ['make', 'model', 'region', 'interest'] as const;
export const JOIN_POLICIES = ['open', 'approval'] as const;
export const MEMBER_ROLES = ['member', 'organiser', 'kol'] as const;
export const MEMBER_STATUSES = ['pending', 'active'] as const;
export const CONTENT_STATES = ['visible', 'held', 'hidden'] as const;

export type ClubKind = (typeof CLUB_KINDS)[number];
export type MemberRole = (typeof MEMBER_ROLES)[number];
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export type ContentState = (typeof CONTENT_STATES)[number];

/**
 * 车友会: a shop's community of owners around a make (or a model of it), a region or an interest
 * (越野, 新能源, 老爷车…). Open clubs take members at once; approval clubs wait for staff.
 */
export const clubs = pgTable(
  'clubs',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind', { enum: CLUB_KINDS }).notNull(),
    /** Make clubs and model clubs: the make (as the shop writes it on cars, compared case-blind). */
    make: text('make'),
    /** Model clubs: the model of that make. */
    model: text('model'),
    region: text('region'),
    /** An interest tag (越野, 新能源, 老爷车…). */
    interest: text('interest'),
    /** An image of the media module (no FK: media owns its table). */
    coverImageId: uuid('cover_image_id'),
    joinPolicy: text('join_policy', { enum: JOIN_POLICIES }).notNull().default('open'),
    archived: boolean('archived').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('clubs_name_key').on(t.tenantId, t.name),
    check('clubs_make', sql`${t.kind} not in ('make', 'model') or ${t.make} is not null`),
    check('clubs_model', sql`${t.kind} <> 'model' or ${t.model} is not null`),
  ],
);

/**
 * One row per club and customer: pending (an approval club's request) or active, with the role
 * staff gave (organiser, KOL 意见领袖). Leaving or being refused/removed deletes the row.
 */
export const clubMembers = pgTable(
  'club_members',
  {
    tenantId: tenantId(),
    clubId: uuid('club_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    role: text('role', { enum: MEMBER_ROLES }).notNull().default('member'),
    status: text('status', { enum: MEMBER_STATUSES }).notNull(),
    requestedAt: createdAt(),
    joinedAt: instant('joined_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.clubId, t.customerId] }),
    foreignKey({ columns: [t.tenantId, t.clubId], foreignColumns: [clubs.tenantId, clubs.id] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('club_members_customer_idx').on(t.tenantId, t.customerId),
    // Segments: the active holders of a role (organisers, KOLs are few) without reading every member.
    index('club_members_role_idx')
      .on(t.tenantId, t.role, t.customerId)
      .where(sql`status = 'active'`),
    check('club_members_joined', sql`${t.status} = 'pending' or ${t.joinedAt} is not null`),
  ],
);

/**
 * A post in a club's feed, by a member or by staff as the shop (author customer null). Held
 * posts wait for moderation and are seen by their author and staff only. Like and comment
 * counts (visible comments) are kept on the row in the transaction that changes them.
 */
export const clubPosts = pgTable(
  'club_posts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    clubId: uuid('club_id').notNull(),
    authorCustomerId: uuid('author_customer_id'),
    authorStaffId: uuid('author_staff_id'),
    /** Plain text after `sanitizePlainText`, at most 2,000 characters. */
    body: text('body').notNull(),
    imageIds: uuid('image_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    state: text('state', { enum: CONTENT_STATES }).notNull().default('visible'),
    pinnedAt: instant('pinned_at'),
    likeCount: integer('like_count').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.clubId], foreignColumns: [clubs.tenantId, clubs.id] }),
    foreignKey({
      columns: [t.tenantId, t.authorCustomerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    // The feed: pinned first, then newest first, within one club.
    index('club_posts_feed_idx').on(t.tenantId, t.clubId, t.createdAt.desc(), t.id.desc()),
    index('club_posts_author_idx').on(t.tenantId, t.authorCustomerId),
    index('club_posts_day_idx').on(t.tenantId, t.createdAt),
    check(
      'club_posts_author',
      sql`${t.authorCustomerId} is not null or ${t.authorStaffId} is not null`,
    ),
    check('club_posts_images', sql`cardinality(${t.imageIds}) <= 9`),
    check('club_posts_counts', sql`${t.likeCount} >= 0 and ${t.commentCount} >= 0`),
  ],
);

/** A comment on a post (≤ 500 characters, sanitised), by a member or staff. */
export const clubComments = pgTable(
  'club_comments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    postId: uuid('post_id').notNull(),
    clubId: uuid('club_id').notNull(),
    authorCustomerId: uuid('author_customer_id'),
    authorStaffId: uuid('author_staff_id'),
    body: text('body').notNull(),
    state: text('state', { enum: CONTENT_STATES }).notNull().default('visible'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.postId],
      foreignColumns: [clubPosts.tenantId, clubPosts.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.authorCustomerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('club_comments_post_idx').on(t.tenantId, t.postId, t.createdAt),
    index('club_comments_author_idx').on(t.tenantId, t.authorCustomerId),
    index('club_comments_day_idx').on(t.tenantId, t.createdAt),
    check(
      'club_comments_author',
      sql`${t.authorCustomerId} is not null or ${t.authorStaffId} is not null`,
    ),
  ],
);

/** One like per customer and post: liking twice changes nothing, nor does unliking twice. */
export const clubLikes = pgTable(
  'club_likes',
  {
    tenantId: tenantId(),
    postId: uuid('post_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.postId, t.customerId] }),
    foreignKey({
      columns: [t.tenantId, t.postId],
      foreignColumns: [clubPosts.tenantId, clubPosts.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('club_likes_customer_idx').on(t.tenantId, t.customerId),
    index('club_likes_day_idx').on(t.tenantId, t.createdAt),
  ],
);
