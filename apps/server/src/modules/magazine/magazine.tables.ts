import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';

export const ISSUE_STATUSES = ['draft', 'published', 'archived'] as const;
export const PAGE_LAYOUTS = ['cover', 'photo_story', 'text', 'gallery'] as const;
export const CALL_STATUSES = ['open', 'closed'] as const;
/** pending: in moderation's queue; accepted: ready to place; placed: a page of an issue;
 *  published: its issue is out and the author credited; rejected: with a reason. */
export const CONTRIBUTION_STATUSES = [
  'pending',
  'accepted',
  'placed',
  'published',
  'rejected',
] as const;

const uuids = (name: string) =>
  uuid(name)
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`);

/** 期: one issue of the e-magazine (电子杂志), drafted by staff, then published (then archived). */
export const magazineIssues = pgTable(
  'magazine_issues',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    /** Plain text: the issue's standfirst under the title. */
    summary: text('summary').notNull().default(''),
    coverImageId: uuid('cover_image_id'),
    status: text('status', { enum: ISSUE_STATUSES }).notNull().default('draft'),
    /** The first publication (kept when archived and published again). */
    publishedAt: instant('published_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('magazine_issues_published_idx').on(t.tenantId, t.status, t.publishedAt),
  ],
);

/** 栏目: a section of an issue, in order. */
export const magazineSections = pgTable(
  'magazine_sections',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    issueId: uuid('issue_id').notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.issueId],
      foreignColumns: [magazineIssues.tenantId, magazineIssues.id],
    }),
    index('magazine_sections_issue_idx').on(t.tenantId, t.issueId, t.position),
  ],
);

/** 页: a page of a section, with sanitised rich text, photos and a layout; a reader's
 *  contribution placed as a page names it (the page credits its author). */
export const magazinePages = pgTable(
  'magazine_pages',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    issueId: uuid('issue_id').notNull(),
    sectionId: uuid('section_id').notNull(),
    title: text('title').notNull(),
    /** HTML after `sanitizeRichHtml`. */
    bodyHtml: text('body_html').notNull().default(''),
    imageIds: uuids('image_ids'),
    layout: text('layout', { enum: PAGE_LAYOUTS }).notNull().default('text'),
    position: integer('position').notNull(),
    contributionId: uuid('contribution_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.sectionId],
      foreignColumns: [magazineSections.tenantId, magazineSections.id],
    }),
    index('magazine_pages_section_idx').on(t.tenantId, t.sectionId, t.position),
    index('magazine_pages_issue_idx').on(t.tenantId, t.issueId),
    check('magazine_pages_images', sql`cardinality(${t.imageIds}) <= 20`),
  ],
);

/** 征稿: a themed page open for readers' contributions, feeding one section of an issue. */
export const magazineCalls = pgTable(
  'magazine_calls',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    theme: text('theme').notNull(),
    description: text('description').notNull().default(''),
    deadline: instant('deadline').notNull(),
    issueId: uuid('issue_id').notNull(),
    sectionId: uuid('section_id').notNull(),
    /** Points for a contribution once it is published. */
    points: integer('points').notNull().default(0),
    status: text('status', { enum: CALL_STATUSES }).notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.sectionId],
      foreignColumns: [magazineSections.tenantId, magazineSections.id],
    }),
    check('magazine_calls_points', sql`${t.points} between 0 and 100000`),
  ],
);

/** 投稿: a car owner's contribution to a call (plain text ≤ 2,000 characters, ≤ 9 photos). */
export const magazineContributions = pgTable(
  'magazine_contributions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    callId: uuid('call_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    title: text('title').notNull().default(''),
    body: text('body').notNull(),
    imageIds: uuids('image_ids'),
    status: text('status', { enum: CONTRIBUTION_STATUSES }).notNull().default('pending'),
    rejectReason: text('reject_reason'),
    pageId: uuid('page_id'),
    pointsGranted: integer('points_granted').notNull().default(0),
    creditedAt: instant('credited_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.callId],
      foreignColumns: [magazineCalls.tenantId, magazineCalls.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('magazine_contributions_call_idx').on(t.tenantId, t.callId, t.createdAt),
    index('magazine_contributions_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    check('magazine_contributions_images', sql`cardinality(${t.imageIds}) <= 9`),
  ],
);

/** 订阅: owners who tapped 订阅 in the app and hear of each new issue (marketing consent applies). */
export const magazineSubscribers = pgTable(
  'magazine_subscribers',
  {
    tenantId: tenantId(),
    customerId: uuid('customer_id').notNull(),
    subscribedAt: instant('subscribed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
  ],
);
