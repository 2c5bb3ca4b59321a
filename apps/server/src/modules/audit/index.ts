// Audit: owns the append-only log of who changed what. Other modules call `recordAudit` in the
// same transaction as their change.
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
