// Audit: owns the append-only log of who changed what. Other modules call `recordAudit` in the
// same transaction as their change.
import { bulkInsert } from '../../db/bulk.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { auditLog } from './audit.tables.ts';

export async function recordAudit(
  ctx: Ctx,
  entry: {
    action: string;
    entityType: string;
    entityId: string | null;
    changes?: Record<string, unknown>;
  },
): Promise<void> {
  await ctx.tx.insert(auditLog).values({
    tenantId: ctx.tenantId,
    id: newId(),
    at: ctx.clock.now(),
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: entry.changes ?? null,
    requestId: ctx.requestId,
  });
}

/** Many entries at once (bulk imports): one statement per chunk, same rows as `recordAudit`. */
export async function recordAudits(
  ctx: Ctx,
  entries: {
    action: string;
    entityType: string;
    entityId: string | null;
    changes?: Record<string, unknown>;
  }[],
): Promise<void> {
  const at = ctx.clock.now();
  await bulkInsert(
    ctx.tx,
    auditLog,
    entries.map((entry) => ({
      tenantId: ctx.tenantId,
      id: newId(),
      at,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      changes: entry.changes ?? null,
      requestId: ctx.requestId,
    })),
  );
}
