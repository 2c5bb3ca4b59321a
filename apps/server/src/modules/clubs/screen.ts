// What the community's moderation says of a new piece before it is stored, and the review queue
// a held piece joins: moderation's screen (mutes, the keyword list, links and photos from members
// the shop cannot vouch for yet) given the member's trust level in the club.
import type { Ctx } from '../../kernel/context.ts';
import { enqueueHeld, screenSubmission, type HoldReason } from '../moderation/index.ts';

export type SubjectKind = 'club_post' | 'club_comment';

export function screen(
  ctx: Ctx,
  input: {
    kind: SubjectKind;
    authorCustomerId: string;
    scopeId: string;
    text: string;
    hasImage: boolean;
    trustLevel: number;
  },
): Promise<{ state: 'visible' | 'held'; reasons: HoldReason[] }> {
  return screenSubmission(ctx, input);
}

export function queueHeld(
  ctx: Ctx,
  input: { kind: SubjectKind; subjectId: string; reasons: HoldReason[] },
): Promise<void> {
  return enqueueHeld(ctx, input);
}
