// What the community's moderation says of a new piece before it is stored, and the review queue
// a held piece joins (the moderation module's screen: mutes, keywords, links and images from
// members the shop cannot vouch for yet).
import type { Ctx } from '../../kernel/context.ts';

export type SubjectKind = 'club_post' | 'club_comment';

export async function screen(
  _ctx: Ctx,
  _input: {
    kind: SubjectKind;
    authorCustomerId: string;
    scopeId: string;
    text: string;
    hasImage: boolean;
    trustLevel: number;
  },
): Promise<{ state: 'visible' | 'held'; reasons: string[] }> {
  return { state: 'visible', reasons: [] };
}

export async function queueHeld(
  _ctx: Ctx,
  _input: { kind: SubjectKind; subjectId: string; reasons: string[] },
): Promise<void> {}
