// One turn of the assistant, run by inbox's hook when the owner writes in their conversation:
// silent when the tenant has it off or a person has the conversation; otherwise it understands
// the message, answers or acts, and hands over when asked, on a keyword, on a complaint, after
// N turns it could not answer, or for anything outside its abilities.
import { and, eq, gt } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { todayIn } from '../appointments/index.ts';
import { conversationMessages, postAssistantMessage } from '../inbox/index.ts';
import { getTenant } from '../tenancy/index.ts';
import { attempt } from './acting.ts';
import { recordAction } from './actions.ts';
import {
  couponsAnswer,
  directionsAnswer,
  dueAnswer,
  faqAnswer,
  hoursAnswer,
  partPriceAnswer,
  pointsAnswer,
  storedValueAnswer,
} from './answers.ts';
import { assistantSessions } from './assistant.tables.ts';
import { bookingTurn } from './booking-flow.ts';
import { cancelTurn, rescheduleTurn } from './change-flow.ts';
import { announceHandover } from './handover.ts';
import { detectLang, understand } from './intent-rules.ts';
import { assistantPorts } from './ports.ts';
import { R, type ReplyLang } from './replies.ts';
import { loadAssistantSettings } from './settings.ts';
import { EMPTY_STATE, choiceIn, type Turn, type TurnResult } from './turn-types.ts';

type Session = typeof assistantSessions.$inferSelect;
const HOUR_MS = 3_600_000;

async function openSession(ctx: Ctx, m: { conversationId: string; customerId: string }) {
  const now = ctx.clock.now();
  await ctx.tx
    .insert(assistantSessions)
    .values({
      tenantId: ctx.tenantId,
      conversationId: m.conversationId,
      customerId: m.customerId,
      state: EMPTY_STATE,
      lastTurnAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const [row] = await ctx.tx
    .select()
    .from(assistantSessions)
    .where(eq(assistantSessions.conversationId, m.conversationId))
    .for('update');
  return row!;
}

/** Whether a person has the conversation: handed over, and neither handed back nor timed out. */
export function staffHasIt(
  s: Pick<Session, 'mode' | 'handedOverAt'>,
  silenceHours: number,
  now: Date,
) {
  return (
    s.mode === 'staff' &&
    !!s.handedOverAt &&
    now.getTime() < s.handedOverAt.getTime() + silenceHours * HOUR_MS
  );
}

async function complaintTurn(turn: Turn): Promise<TurnResult> {
  const open = assistantPorts().openComplaint;
  if (open) {
    try {
      const r = await attempt(turn.ctx, (sp) =>
        open(sp, {
          customerId: turn.customerId,
          source: 'assistant',
          severity: 'medium',
          summary: turn.text.slice(0, 500),
          conversationId: turn.conversationId,
        }),
      );
      if (r.ok) {
        await recordAction(turn.ctx, {
          conversationId: turn.conversationId,
          customerId: turn.customerId,
          kind: 'complaint',
          entityType: 'complaint',
          entityId: r.value.ticketId,
          summary: `投诉 ${r.value.number}：${turn.text.slice(0, 60)}`,
          details: { number: r.value.number },
        });
        return {
          text: R.complaintOpened(turn.lang, r.value.number),
          state: EMPTY_STATE,
          handover: { reason: 'complaint' },
        };
      }
    } catch (err) {
      turn.ctx.log.error({ err }, 'the complaint desk failed');
    }
  }
  return {
    text: R.complaintHandedOver(turn.lang),
    state: EMPTY_STATE,
    handover: { reason: 'complaint', note: 'complaint to be registered by staff' },
  };
}

const FLOWS = { book: bookingTurn, reschedule: rescheduleTurn, cancel: cancelTurn } as const;

/** Whether the message carries on the dialogue under way (an answer to its question). */
function continuesFlow(turn: Turn): boolean {
  const { u, state } = turn;
  if (!state.intent || !state.awaiting) return false;
  if (u.intent === state.intent || u.intent === 'confirm') return true;
  if (u.intent !== 'unknown') return false;
  return !!(
    u.service ||
    u.when.date ||
    u.when.minutes !== null ||
    u.when.part ||
    u.plate ||
    choiceIn(turn.text) !== null ||
    state.awaiting === 'vehicle'
  );
}

/** No rule matched: the help center's answer, else the greeting on a first message (an owner
 *  who opens with a question the FAQ knows gets the answer, not a greeting), else a failed turn. */
async function unknownTurn(turn: Turn, first: boolean): Promise<TurnResult> {
  let faq: TurnResult | null = null;
  try {
    faq = await faqAnswer(turn);
  } catch (err) {
    turn.ctx.log.error({ err }, 'the FAQ search failed');
  }
  if (faq) return faq;
  if (first) return { text: turn.settings.greeting, state: EMPTY_STATE };
  return { text: R.notUnderstood(turn.lang), state: EMPTY_STATE, failed: true };
}

export async function decide(turn: Turn, first: boolean): Promise<TurnResult> {
  const { u, state, lang } = turn;
  if (u.intent === 'human')
    return {
      text: R.handover(lang),
      state: EMPTY_STATE,
      handover: { reason: u.keyword ? 'keyword' : 'asked' },
    };
  if (u.intent === 'complaint') return complaintTurn(turn);
  if (state.intent && state.awaiting && u.intent === 'deny')
    return { text: R.dropped(lang), state: EMPTY_STATE };
  if (continuesFlow(turn)) return FLOWS[state.intent!](turn);
  switch (u.intent) {
    case 'book':
    case 'reschedule':
    case 'cancel':
      return FLOWS[u.intent]({ ...turn, state: EMPTY_STATE });
    case 'points':
      return pointsAnswer(turn);
    case 'stored_value':
      return storedValueAnswer(turn);
    case 'coupons':
      return couponsAnswer(turn);
    case 'due':
      return dueAnswer(turn);
    case 'hours':
      return hoursAnswer(turn);
    case 'directions':
      return directionsAnswer(turn);
    case 'part_price':
      return partPriceAnswer(turn);
    case 'greeting':
      return { text: turn.settings.greeting, state: EMPTY_STATE };
    case 'thanks':
      return { text: R.thanks(lang), state: EMPTY_STATE };
    case 'confirm':
    case 'deny':
      return { text: R.anythingElse(lang), state: EMPTY_STATE };
    default:
      return unknownTurn(turn, first);
  }
}

/** Whether staff wrote in the conversation after `since`. */
async function staffAnsweredSince(ctx: Ctx, conversationId: string, since: Date) {
  const [row] = await ctx.tx
    .select({ id: conversationMessages.id })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.conversationId, conversationId),
        eq(conversationMessages.authorType, 'staff'),
        gt(conversationMessages.createdAt, since),
      ),
    )
    .limit(1);
  return !!row;
}

/** The hook inbox runs when the owner writes (in the message's transaction, in a savepoint). */
export async function answerOwnerMessage(
  ctx: Ctx,
  m: { conversationId: string; customerId: string; messageId: string; body: string },
): Promise<void> {
  const settings = await loadAssistantSettings(ctx);
  if (!settings.enabled) return;
  const session = await openSession(ctx, m);
  const now = ctx.clock.now();
  if (staffHasIt(session, settings.silenceHours, now)) return;
  // A person who answered in the conversation has it too, for the same hours.
  if (
    await staffAnsweredSince(
      ctx,
      m.conversationId,
      new Date(now.getTime() - settings.silenceHours * HOUR_MS),
    )
  )
    return;
  const tenant = await getTenant(ctx);
  const timeZone = tenant.timezone || 'Asia/Shanghai';
  const today = todayIn(now, timeZone);
  const u = understand(m.body, { today, handoverKeywords: settings.handoverKeywords });
  const detected = detectLang(m.body);
  const lang: ReplyLang =
    detected === 'en' ? 'en' : detected === 'zh-CN' ? 'zh-CN' : (session.state.lang ?? 'zh-CN');
  const state = session.mode === 'staff' ? EMPTY_STATE : session.state;
  const turn: Turn = { ctx, ...m, text: m.body, u, lang, state, settings, today, timeZone };
  let result: TurnResult =
    detected === 'other'
      ? { text: R.otherLanguage(), state: EMPTY_STATE, failed: true }
      : await decide(turn, session.turns === 0);
  const failures = result.failed ? session.failures + 1 : 0;
  if (failures >= settings.maxFailures && !result.handover)
    result = {
      text: R.handoverAfterFailures(lang),
      state: EMPTY_STATE,
      handover: { reason: 'failed_turns' },
    };
  await postAssistantMessage(ctx, m.customerId, result.text);
  await saveTurn(ctx, session, result, { failures, now, lang });
  if (result.handover)
    await announceHandover(ctx, {
      customerId: m.customerId,
      conversationId: m.conversationId,
      reason: result.handover.reason,
      ...(result.handover.note ? { note: result.handover.note } : {}),
      handoverNo: session.handovers + 1,
      text: m.body,
    });
}

async function saveTurn(
  ctx: Ctx,
  session: Session,
  result: TurnResult,
  t: { failures: number; now: Date; lang: ReplyLang },
) {
  await ctx.tx
    .update(assistantSessions)
    .set({
      state: { ...result.state, lang: t.lang },
      failures: result.handover ? 0 : t.failures,
      turns: session.turns + 1,
      lastTurnAt: t.now,
      updatedAt: t.now,
      ...(result.handover
        ? {
            mode: 'staff' as const,
            handedOverAt: t.now,
            handoverReason: result.handover.reason,
            handovers: session.handovers + 1,
          }
        : { mode: 'assistant' as const }),
    })
    .where(eq(assistantSessions.conversationId, session.conversationId));
}
