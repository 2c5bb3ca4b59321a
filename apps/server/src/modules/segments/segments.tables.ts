import { jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from '../../db/columns.ts';
import { tenants } from '../tenancy/index.ts';
import type { SegmentNode } from './fields.ts';

/** 客户分群: a saved filter of customers (the tree, checked when saved). */
export const segments = pgTable(
  'segments',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    filter: jsonb('filter').$type<SegmentNode>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('segments_tenant_name_key').on(t.tenantId, t.name),
  ],
);
