import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { stores, tenants } from '../tenancy/index.ts';

export const GENDERS = ['male', 'female', 'unknown'] as const;
export const CHANNELS = ['sms', 'email', 'webpush', 'wechat', 'inapp'] as const;
export const CONSENT_PURPOSES = ['service', 'marketing'] as const;
export const CONSENT_METHODS = [
  'app',
  'staff',
  'import',
  'reply',
  'unsubscribe_link',
  'api',
] as const;
export const CUSTOMER_SOURCES = [
  'walk_in',
  'referral',
  'import',
  'campaign',
  'app',
  'other',
  'partner',
] as const;

export const customers = pgTable(
  'customers',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    memberNo: bigint('member_no', { mode: 'number' }).notNull().generatedByDefaultAsIdentity(),
    name: text('name'),
    /** E.164, unique per tenant. */
    phone: text('phone').notNull(),
    /** National digits of the phone, for "any 4+ digits" search. */
    phoneDigits: text('phone_digits').notNull(),
    /** Pinyin initials of the name ("张三" → "zs"), for search. */
    nameInitials: text('name_initials').notNull().default(''),
    gender: text('gender', { enum: GENDERS }).notNull().default('unknown'),
    birthday: date('birthday', { mode: 'string' }),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    source: text('source', { enum: CUSTOMER_SOURCES }).notNull().default('walk_in'),
    homeStoreId: uuid('home_store_id'),
    notes: text('notes'),
    /** Where e-mail messages go (not unique: a family may share one). */
    email: text('email'),
    preferredChannel: text('preferred_channel', { enum: CHANNELS }),
    language: text('language').notNull().default('zh-CN'),
    /** IANA timezone; null means the tenant's. */
    timezone: text('timezone'),
    /** Id in the system it was imported from (DMS, spreadsheet): the upsert key of imports. */
    externalId: text('external_id'),
    /** Set when this record was merged into another customer; it is then hidden. */
    mergedIntoId: uuid('merged_into_id'),
    /** Postal address, as the customer gave it (PIPL: correctable, erased on request). */
    address: text('address'),
    /** The customer objected to personalised marketing: segments leave them out. History in
     * `personalisation_consents`. */
    personalisedMarketingOff: boolean('personalised_marketing_off').notNull().default(false),
    /** Erased on request (PIPL): personal fields anonymised, never messaged, cannot sign in. */
    erasedAt: instant('erased_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('customers_tenant_phone_key').on(t.tenantId, t.phone),
    unique('customers_tenant_member_no_key').on(t.tenantId, t.memberNo),
    unique('customers_tenant_external_id_key').on(t.tenantId, t.externalId),
    foreignKey({
      columns: [t.tenantId, t.homeStoreId],
      foreignColumns: [stores.tenantId, stores.id],
    }),
    // The list's order, newest first, exactly as listCustomers sorts (`desc` is NULLS FIRST in
    // PostgreSQL: an index NULLS LAST does not serve that ORDER BY, and the first page sorted
    // every customer of the tenant). The filtered columns follow so that the page's ids come
    // from the index alone.
    index('customers_tenant_created_idx').on(
      t.tenantId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
      t.mergedIntoId,
      t.homeStoreId,
    ),
    index('customers_phone_digits_trgm').using('gin', t.phoneDigits.op('gin_trgm_ops')),
    index('customers_name_trgm').using('gin', t.name.op('gin_trgm_ops')),
    index('customers_name_initials_idx').on(t.tenantId, t.nameInitials.op('text_pattern_ops')),
    // Everything the customer list filters and sorts on: a search that matches many customers
    // orders them for the page without reading their rows (customers.service.ts listCustomers).
    index('customers_page_idx').on(t.tenantId, t.id, t.createdAt, t.mergedIntoId, t.homeStoreId),
    // The few customers segments must leave out (objected to personalisation, or erased).
    index('customers_marketing_excluded_idx')
      .on(t.tenantId, t.id)
      .where(sql`personalised_marketing_off or erased_at is not null`),
  ],
);

/**
 * Personalised marketing (PIPL art. 24): each objection or its withdrawal is a row, never
 * updated; the newest is in force and mirrored on `customers.personalised_marketing_off`.
 * No row: personalised marketing is allowed.
 */
export const personalisationConsents = pgTable(
  'personalisation_consents',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    granted: boolean('granted').notNull(),
    method: text('method', { enum: CONSENT_METHODS }).notNull(),
    recordedAt: instant('recorded_at').notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    index('personalisation_consents_customer_idx').on(t.tenantId, t.customerId, t.recordedAt),
  ],
);

/**
 * Phones of erased customers, as a keyed hash only: a suppression list, so the person is never
 * signed in or messaged again under the erased record (a new record made at the counter with
 * fresh consent takes precedence).
 */
export const erasedPhones = pgTable(
  'erased_phones',
  {
    tenantId: tenantId(),
    phoneHash: text('phone_hash').notNull(),
    erasedAt: instant('erased_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.phoneHash] })],
);

/**
 * Consent per channel and purpose (PIPL): every grant and withdrawal is a row, never updated;
 * the newest row per (customer, channel, purpose) is in force.
 */
export const customerConsents = pgTable(
  'customer_consents',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    granted: boolean('granted').notNull(),
    method: text('method', { enum: CONSENT_METHODS }).notNull(),
    recordedAt: instant('recorded_at').notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    index('customer_consents_customer_idx').on(
      t.tenantId,
      t.customerId,
      t.channel,
      t.purpose,
      t.recordedAt,
    ),
  ],
);
