import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantIdOfTenant } from '../../db/columns.ts';

/** Who changed what, when. Rows are only ever inserted. */
export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: tenantIdOfTenant(),
    id: uuid('id').notNull(),
    at: instant('at').notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['staff', 'customer', 'api_key', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    changes: jsonb('changes'),
    requestId: text('request_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('audit_log_entity_idx').on(t.tenantId, t.entityType, t.entityId),
    // The console's audit browser: newest first, optionally by one person.
    index('audit_log_at_idx').on(t.tenantId, t.at.desc(), t.id.desc()),
    index('audit_log_actor_idx').on(t.tenantId, t.actorId, t.at.desc()),
  ],
);
