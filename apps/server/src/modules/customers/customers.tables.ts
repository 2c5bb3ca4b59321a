import {
  bigint,
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
import { createdAt, tenantId, updatedAt } from '../../db/columns.ts';
import { stores, tenants } from '../tenancy/tenancy.tables.ts';

export const GENDERS = ['male', 'female', 'unknown'] as const;
export const CUSTOMER_SOURCES = [
  'walk_in',
  'referral',
  'import',
  'campaign',
  'app',
  'other',
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('customers_tenant_phone_key').on(t.tenantId, t.phone),
    unique('customers_tenant_member_no_key').on(t.tenantId, t.memberNo),
    foreignKey({
      columns: [t.tenantId, t.homeStoreId],
      foreignColumns: [stores.tenantId, stores.id],
    }),
    index('customers_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('customers_phone_digits_trgm').using('gin', t.phoneDigits.op('gin_trgm_ops')),
    index('customers_name_trgm').using('gin', t.name.op('gin_trgm_ops')),
    index('customers_name_initials_idx').on(t.tenantId, t.nameInitials.op('text_pattern_ops')),
  ],
);
