import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from '../../db/columns.ts';
import { tenants } from '../tenancy/index.ts';

export const PARTNER_KINDS = ['car_wash', 'insurer', 'tyre_shop', 'cafe', 'other'] as const;
export const PARTNER_STATUSES = ['active', 'suspended'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/**
 * 合作商家: a partner merchant of the tenant (异业联盟). Its portal accounts are staff users with
 * role `partner` whose `partner_id` points here (identity's table); its coupons are coupon
 * templates with `partner_id` and a direction (coupons' table).
 */
export const partners = pgTable(
  'partners',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: PARTNER_KINDS }).notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    /** Where a redemption notice goes (null: none is sent). */
    email: text('email'),
    status: text('status', { enum: PARTNER_STATUSES }).notNull().default('active'),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('partners_tenant_name_idx').on(t.tenantId, t.name),
  ],
);
