// A moderator's decision on a piece: hide it, restore a hidden one, approve a held one. The
// owner's row changes through its handler, the queue item closes, the log keeps who and why —
// all in the request's transaction.
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import { writeLog } from './moderation-log.ts';
import type { DecisionInput } from './moderation.schemas.ts';
import { closeQueueItem } from './queue.ts';
import { handlerOf } from './subjects.ts';

/** A reason staff wrote, as plain text; required where the decision takes something away. */
export function reasonText(reason: string | null | undefined, required: boolean): string {
  const text = reason ? sanitizePlainText(reason) : '';
  if (required && !text) throw new AppError('MODERATION_REASON_REQUIRED', { field: 'reason' });
  return text;
}

export async function decide(ctx: Ctx, input: DecisionInput) {
  const handler = handlerOf(input.kind);
  const reason = reasonText(input.reason, input.action === 'hide');
  const [view] = await handler.load(ctx, [input.subjectId]);
  if (!view) throw new AppError('NOT_FOUND', { field: 'subjectId' });
  const state = input.action === 'hide' ? 'hidden' : 'visible';
  await handler.setState(ctx, [input.subjectId], state);
  const queueItemClosed = await closeQueueItem(ctx, input.kind, input.subjectId, input.action);
  await writeLog(ctx, {
    action: input.action,
    kind: input.kind,
    subjectIds: [input.subjectId],
    reason,
  });
  return {
    kind: input.kind,
    subjectId: input.subjectId,
    action: input.action,
    state,
    queueItemClosed,
  } as const;
}
