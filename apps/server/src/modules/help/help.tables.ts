// Help center (帮助中心): the tenant's FAQ — ordered categories, entries with a zh-CN and an English
// text, owners' "was this helpful" votes — and the synonym groups search folds together.
import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { createdAt, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';

export const HELP_ENTRY_STATUSES = ['draft', 'published'] as const;
export type HelpEntryStatus = (typeof HELP_ENTRY_STATUSES)[number];

/** A category (分类) of the FAQ, shown to owners in `position` order; names unique per tenant. */
export const helpCategories = pgTable(
  'help_categories',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('help_categories_name_key').on(t.tenantId, t.nameZh),
  ],
);

/**
 * One question with its answer in both languages: the zh-CN text always, the English text when
 * the shop wrote one (English search and the English app see only entries that have it).
 * A category cannot be deleted while entries sit in it, so `category_id` never dangles.
 */
export const helpEntries = pgTable(
  'help_entries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    categoryId: uuid('category_id'),
    questionZh: text('question_zh').notNull(),
    answerZh: text('answer_zh').notNull(),
    questionEn: text('question_en').notNull().default(''),
    answerEn: text('answer_en').notNull().default(''),
    status: text('status', { enum: HELP_ENTRY_STATUSES }).notNull().default('draft'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.categoryId],
      foreignColumns: [helpCategories.tenantId, helpCategories.id],
    }),
    index('help_entries_category_idx').on(t.tenantId, t.categoryId),
  ],
);

/** An owner's answer to "was this helpful?" on an entry: one per owner, changeable. */
export const helpVotes = pgTable(
  'help_votes',
  {
    tenantId: tenantId(),
    entryId: uuid('entry_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    helpful: boolean('helpful').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.entryId, t.customerId] }),
    foreignKey({
      columns: [t.tenantId, t.entryId],
      foreignColumns: [helpEntries.tenantId, helpEntries.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
  ],
);

/** Words search treats as one (保养 = 维护): the first term is the group's canonical form. */
export const helpSynonyms = pgTable(
  'help_synonyms',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    terms: jsonb('terms').$type<string[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check('help_synonyms_terms_check', sql`jsonb_array_length(${t.terms}) >= 2`),
  ],
);
