// The trail of what the assistant did for an owner: a row staff read beside the transcript and
// an audit entry (actor: the owner, through the assistant), written with the change itself.
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { assistantActions, type ActionKind } from './assistant.tables.ts';

export async function recordAction(
  ctx: Ctx,
  a: {
    conversationId: string;
    customerId: string;
    kind: ActionKind;
    entityType?: string | null;
    entityId?: string | null;
    summary: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const id = newId();
  await ctx.tx.insert(assistantActions).values({
    tenantId: ctx.tenantId,
    id,
    conversationId: a.conversationId,
    customerId: a.customerId,
    kind: a.kind,
    entityType: a.entityType ?? null,
    entityId: a.entityId ?? null,
    summary: a.summary,
    details: a.details ?? null,
    createdAt: ctx.clock.now(),
  });
  await recordAudit(ctx, {
    action: `assistant.${a.kind}`,
    entityType: a.entityType ?? 'conversation',
    entityId: a.entityId ?? a.conversationId,
    changes: {
      via: 'assistant',
      onBehalfOf: a.customerId,
      actionId: id,
      summary: a.summary,
      ...(a.details ?? {}),
    },
  });
}
