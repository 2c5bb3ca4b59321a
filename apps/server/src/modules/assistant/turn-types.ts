// The shapes one turn of the dialogue passes between its steps.
import type { Ctx } from '../../kernel/context.ts';
import type { DialogueState } from './assistant.tables.ts';
import type { Understood } from './intent-rules.ts';
import type { ReplyLang } from './replies.ts';
import type { AssistantSettings } from './settings.ts';

export interface Turn {
  ctx: Ctx;
  customerId: string;
  conversationId: string;
  text: string;
  u: Understood;
  lang: ReplyLang;
  state: DialogueState;
  settings: AssistantSettings;
  /** Today's date and the zone it is read in (the tenant's). */
  today: string;
  timeZone: string;
}

export type HandoverReason =
  'asked' | 'keyword' | 'complaint' | 'failed_turns' | 'outside_abilities';

export interface TurnResult {
  text: string;
  state: DialogueState;
  /** It could not answer (counts towards the handover after N such turns). */
  failed?: boolean;
  handover?: { reason: HandoverReason; note?: string };
}

export const EMPTY_STATE: DialogueState = { intent: null };

/** "1", "第2个", "二" → the index chosen (0-based), else null. */
export function choiceIn(text: string): number | null {
  const m =
    /^\s*(?:第|no\.?\s*)?([1-9]|[一二三四五六七八九])\s*(?:个|辆|号|项)?\s*[.。!！]?\s*$/i.exec(
      text,
    );
  if (!m) return null;
  const n = /\d/.test(m[1]!) ? Number(m[1]) : '一二三四五六七八九'.indexOf(m[1]!) + 1;
  return n - 1;
}
