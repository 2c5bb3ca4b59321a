import { pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from '../../db/columns.ts';

/** A business using Liuke. Its primary key column is named tenant_id like everywhere else. */
export const tenants = pgTable(
  'tenants',
  {
    tenantId: uuid('tenant_id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull().default('Asia/Shanghai'),
    locale: text('locale').notNull().default('zh-CN'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('tenants_slug_key').on(t.slug)],
);

export const stores = pgTable(
  'stores',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    phone: text('phone'),
    timezone: text('timezone'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('stores_tenant_code_key').on(t.tenantId, t.code),
  ],
);
