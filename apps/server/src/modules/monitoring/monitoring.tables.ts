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

export const FEED_KINDS = ['competitor', 'industry', 'regulator', 'press', 'other'] as const;
export const FEED_STATUSES = ['active', 'paused'] as const;
/** What the last fetch came to: a success, or the reason it failed (recorded, never thrown). */
export const FETCH_RESULTS = [
  'ok',
  'not_modified',
  'timeout',
  'too_large',
  'not_a_feed',
  'http_status',
  'dns',
  'blocked_address',
  'too_many_redirects',
  'connection',
  'invalid_url',
] as const;
export const RULE_FIELDS = ['title', 'summary', 'author'] as const;
export const RULE_DELIVERIES = ['immediate', 'digest', 'none'] as const;

/**
 * An outside feed the shop watches (RSS 2.0 / RSS 1.0 / Atom / JSON Feed): a competitor's news,
 * the industry press, a regulator. Health is kept on the row: the last fetch and its result, the
 * validators for conditional requests, and when the fetcher tries next (backing off on failures).
 */
export const monitorFeeds = pgTable(
  'monitor_feeds',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: FEED_KINDS }).notNull(),
    url: text('url').notNull(),
    status: text('status', { enum: FEED_STATUSES }).notNull().default('active'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastFetchAt: instant('last_fetch_at'),
    lastSuccessAt: instant('last_success_at'),
    lastResult: text('last_result', { enum: FETCH_RESULTS }),
    lastError: text('last_error'),
    lastHttpStatus: integer('last_http_status'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    nextFetchAt: instant('next_fetch_at').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('monitor_feeds_url_key').on(t.tenantId, t.url),
    index('monitor_feeds_due_idx').on(t.status, t.nextFetchAt),
    check('monitor_feeds_failures', sql`${t.consecutiveFailures} >= 0`),
  ],
);

/** One entry of a watched feed, kept once per feed by its guid (else its link, else a hash). */
export const monitorItems = pgTable(
  'monitor_items',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    feedId: uuid('feed_id').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    title: text('title').notNull().default(''),
    summary: text('summary').notNull().default(''),
    author: text('author').notNull().default(''),
    link: text('link'),
    publishedAt: instant('published_at'),
    fetchedAt: instant('fetched_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('monitor_items_dedupe_key').on(t.tenantId, t.feedId, t.dedupeKey),
    foreignKey({
      columns: [t.tenantId, t.feedId],
      foreignColumns: [monitorFeeds.tenantId, monitorFeeds.id],
    }).onDelete('cascade'),
    index('monitor_items_feed_idx').on(t.tenantId, t.feedId, t.fetchedAt),
  ],
);

/**
 * A keyword rule: items whose chosen fields contain any `include` term and no `exclude` term
 * (plain words, `*` for any run of characters) match; for one feed or all (`feedId` null).
 * Matches go to the chosen staff at once, in the daily digest, or only to the console.
 */
export const monitorRules = pgTable(
  'monitor_rules',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    feedId: uuid('feed_id'),
    include: text('include').array().notNull(),
    exclude: text('exclude')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    fields: text('fields', { enum: RULE_FIELDS }).array().notNull(),
    delivery: text('delivery', { enum: RULE_DELIVERIES }).notNull().default('immediate'),
    recipientStaffIds: uuid('recipient_staff_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.feedId],
      foreignColumns: [monitorFeeds.tenantId, monitorFeeds.id],
    }).onDelete('cascade'),
  ],
);

/**
 * An item that matched a rule (`reason` `rule:<id>`) or named the business with negative words
 * (`crisis`, 舆情预警). `notifiedAt` / `digestedAt` record what staff were sent.
 */
export const monitorMatches = pgTable(
  'monitor_matches',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    itemId: uuid('item_id').notNull(),
    feedId: uuid('feed_id').notNull(),
    reason: text('reason').notNull(),
    ruleId: uuid('rule_id'),
    crisis: boolean('crisis').notNull().default(false),
    terms: text('terms').array().notNull(),
    delivery: text('delivery', { enum: RULE_DELIVERIES }).notNull(),
    notifiedAt: instant('notified_at'),
    digestedAt: instant('digested_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('monitor_matches_reason_key').on(t.tenantId, t.itemId, t.reason),
    foreignKey({
      columns: [t.tenantId, t.itemId],
      foreignColumns: [monitorItems.tenantId, monitorItems.id],
    }).onDelete('cascade'),
    index('monitor_matches_created_idx').on(t.tenantId, t.createdAt, t.id),
  ],
);

/** Per tenant: other names the business goes by, and negative words added to the built-in list. */
export const monitorSettings = pgTable(
  'monitor_settings',
  {
    tenantId: tenantId(),
    aliases: text('aliases')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    negativeWords: text('negative_words')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);
