import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { staffUsers } from '../identity/index.ts';
import { stores } from '../tenancy/index.ts';

/** Who writes: the business itself (the shop's voice), a staff member (tech tips), a KOL owner. */
export const AUTHOR_KINDS = ['business', 'staff', 'kol'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

/**
 * draft → (KOL: in_review →) scheduled | published → archived. A KOL submits for review; staff
 * with the role publish or schedule; the schedule job publishes when `publishAt` comes.
 */
export const ARTICLE_STATUSES = [
  'draft',
  'in_review',
  'scheduled',
  'published',
  'archived',
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/**
 * An author's byline: one per business (kind business, no person), per staff member who writes,
 * and per owner nominated as KOL (a nomination can be withdrawn: `active` false keeps their
 * published articles, stops new drafts). The display name and bio are the author's public face.
 */
export const articleAuthors = pgTable(
  'article_authors',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: AUTHOR_KINDS }).notNull(),
    staffUserId: uuid('staff_user_id'),
    customerId: uuid('customer_id'),
    /** The store a staff author works at, shown with their role on tech tips. */
    storeId: uuid('store_id'),
    displayName: text('display_name').notNull(),
    bio: text('bio').notNull().default(''),
    /** URL-safe handle for the per-author page and feed (`/p/{tenant}/authors/{slug}`). */
    slug: text('slug').notNull(),
    active: integer('active').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('article_authors_slug_key').on(t.tenantId, t.slug),
    unique('article_authors_staff_key').on(t.tenantId, t.staffUserId),
    unique('article_authors_customer_key').on(t.tenantId, t.customerId),
    foreignKey({
      columns: [t.tenantId, t.staffUserId],
      foreignColumns: [staffUsers.tenantId, staffUsers.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    check(
      'article_authors_person',
      sql`(${t.kind} = 'business' and ${t.staffUserId} is null and ${t.customerId} is null)
        or (${t.kind} = 'staff' and ${t.staffUserId} is not null and ${t.customerId} is null)
        or (${t.kind} = 'kol' and ${t.customerId} is not null and ${t.staffUserId} is null)`,
    ),
    check('article_authors_active', sql`${t.active} in (0, 1)`),
  ],
);

/** The tenant's tags (轮胎, 保养, 新能源…): a stable slug for URLs, feeds and interest scores. */
export const contentTags = pgTable(
  'content_tags',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('content_tags_slug_key').on(t.tenantId, t.slug),
  ],
);

/**
 * An article: the current text (sanitised HTML), what readers see once published. Every save
 * also writes a revision; `version` counts them (optimistic concurrency for two editors).
 */
export const articles = pgTable(
  'articles',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** URL-safe and unique in the tenant; stable once published (the public URL and feed id). */
    slug: text('slug').notNull(),
    authorId: uuid('author_id').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Sanitised on the server (kernel/sanitize.ts) before it is stored. */
    html: text('html').notNull().default(''),
    /** A media image id (media module); its URLs are found through the media index. */
    coverImageId: uuid('cover_image_id'),
    /** Media image ids used in the body, claimed through the media port. */
    imageIds: jsonb('image_ids').$type<string[]>().notNull().default([]),
    readingMinutes: integer('reading_minutes').notNull().default(1),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
    /** When a scheduled article goes out. */
    publishAt: instant('publish_at'),
    /** First publication: the feed's published date (never moves once set). */
    publishedAt: instant('published_at'),
    /** Last change readers can see (published edit): the feed's updated date and Last-Modified. */
    contentUpdatedAt: instant('content_updated_at'),
    version: integer('version').notNull().default(1),
    /** Who sent it back, and why, when a KOL draft is returned for changes. */
    reviewNote: text('review_note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('articles_slug_key').on(t.tenantId, t.slug),
    foreignKey({
      columns: [t.tenantId, t.authorId],
      foreignColumns: [articleAuthors.tenantId, articleAuthors.id],
    }),
    index('articles_published_idx').on(t.tenantId, t.status, t.publishedAt, t.id),
    index('articles_author_idx').on(t.tenantId, t.authorId, t.publishedAt),
    index('articles_publish_at_idx').on(t.tenantId, t.publishAt),
    check('articles_reading', sql`${t.readingMinutes} >= 1`),
  ],
);

/** Tags on an article (a few per article). */
export const articleTags = pgTable(
  'article_tags',
  {
    tenantId: tenantId(),
    articleId: uuid('article_id').notNull(),
    tagId: uuid('tag_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.articleId, t.tagId] }),
    foreignKey({
      columns: [t.tenantId, t.articleId],
      foreignColumns: [articles.tenantId, articles.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.tagId],
      foreignColumns: [contentTags.tenantId, contentTags.id],
    }),
    index('article_tags_tag_idx').on(t.tenantId, t.tagId, t.articleId),
  ],
);

/** Every saved version of an article (title, summary, html, tags), newest `version` last. */
export const articleRevisions = pgTable(
  'article_revisions',
  {
    tenantId: tenantId(),
    articleId: uuid('article_id').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    html: text('html').notNull(),
    coverImageId: uuid('cover_image_id'),
    tagSlugs: jsonb('tag_slugs').$type<string[]>().notNull().default([]),
    /** A staff member or a KOL owner. */
    savedByStaffUserId: uuid('saved_by_staff_user_id'),
    savedByCustomerId: uuid('saved_by_customer_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.articleId, t.version] }),
    foreignKey({
      columns: [t.tenantId, t.articleId],
      foreignColumns: [articles.tenantId, articles.id],
    }),
  ],
);
