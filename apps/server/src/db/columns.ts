// Column helpers shared by every table definition.
import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every tenant table starts with this column; it leads every key. */
export const tenantId = () => uuid('tenant_id').notNull();
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The `tenants` table seen only as a foreign-key target, by tables that sit below the tenancy
 * module which owns and writes it (the outbox, idempotency records, the channel recorder, the
 * audit log): its name and key, never queried.
 */
const tenantsKey = pgTable('tenants', { tenantId: uuid('tenant_id').primaryKey() });
/** `tenant_id` referencing `tenants`, for the tables below the tenancy module. */
export const tenantIdOfTenant = () => tenantId().references(() => tenantsKey.tenantId);
