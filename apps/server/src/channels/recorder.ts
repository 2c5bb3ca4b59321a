// The development recorder: the default adapter of every channel nobody configured. It keeps
// what it "sent" in `recorded_messages` (the console's dev outbox) and the log. Idempotent by
// delivery id: a worker that crashed after recording and retries the same delivery records
// nothing new.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { pgArray } from '../db/arrays.ts';
import { newId } from '../kernel/ids.ts';
import { open, seal } from '../kernel/secret-box.ts';
import { maskPhoneForLog, type Logger } from '../kernel/logger.ts';
import type {
  AddressBook,
  Channel,
  ChannelDeps,
  ChannelMessage,
  ChannelName,
  SendResult,
} from './port.ts';
import { setFallbackChannel } from './registry.ts';

export const RECORDER_PROVIDER = 'dev-recorder';

type RecordedInput = Pick<
  ChannelMessage,
  | 'tenantId'
  | 'intentId'
  | 'deliveryId'
  | 'customerId'
  | 'channel'
  | 'to'
  | 'purpose'
  | 'text'
  | 'maskedText'
  | 'subject'
  | 'attachments'
>;

// A message carrying a secret is kept masked, with the whole text sealed beside it: only the
// operator's view of the development outbox opens it (`listRecordedMessages`).
const sealedAad = (tenantId: string) => `recorded-message:${tenantId}`;
export const openRecordedBody = (tenantId: string, sealed: string): string =>
  open(sealed, sealedAad(tenantId));

/** Records many messages in one statement; a delivery already recorded is skipped. */
export async function recordMany(db: Db, messages: RecordedInput[], at: Date): Promise<void> {
  if (!messages.length) return;
  const rows = messages.map((m) => ({
    tenant_id: m.tenantId,
    id: newId(),
    channel: m.channel,
    recipient: m.to,
    subject: m.subject ?? null,
    body: m.maskedText ?? m.text,
    sealed_body: m.maskedText === undefined ? null : seal(m.text, sealedAad(m.tenantId)),
    purpose: m.purpose,
    intent_id: m.intentId,
    delivery_id: m.deliveryId,
    attachments: m.attachments?.length ? m.attachments : null,
    created_at: at.toISOString(),
  }));
  await db.execute(
    sql`insert into recorded_messages (tenant_id, id, channel, recipient, subject, body, sealed_body, purpose, intent_id, delivery_id, attachments, created_at)
        select tenant_id, id, channel, recipient, subject, body, sealed_body, purpose, intent_id, delivery_id, attachments, created_at
        from json_populate_recordset(null::recorded_messages, ${JSON.stringify(rows)}::json)
        on conflict (tenant_id, delivery_id) do nothing`,
  );
}

/** Records one message inside the caller's transaction (sign-in codes arrive with the response). */
export async function recordInTx(db: Db, m: RecordedInput, at: Date, log: Logger): Promise<void> {
  await recordMany(db, [m], at);
  log.info(
    {
      devOutbox: {
        id: m.deliveryId,
        channel: m.channel,
        to: maskPhoneForLog(m.to),
        text: m.maskedText ?? m.text,
      },
    },
    'dev recorder: message recorded',
  );
}

/** Erasure: the dev outbox keeps nothing addressed to these phones or e-mail addresses. */
export async function forgetRecordedRecipients(db: Db, addresses: string[]): Promise<number> {
  const list = addresses.filter(Boolean);
  if (!list.length) return 0;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with d as (delete from recorded_messages where recipient = any(${pgArray(list)}::text[]) returning 1)
        select count(*)::int as n from d`,
  );
  return Number(row?.n ?? 0);
}

export interface RecorderChannel extends Channel, AddressBook {
  recorder: true;
  /** Carries a whole batch in one statement (the pipeline uses it when present). */
  sendMany(messages: ChannelMessage[], deps: ChannelDeps): Promise<SendResult[]>;
}

function recorderFor(name: ChannelName): RecorderChannel {
  return {
    name,
    provider: RECORDER_PROVIDER,
    recorder: true,
    async send(message, deps) {
      await recordMany(deps.adminDb, [message], deps.now());
      deps.log.info(
        {
          devOutbox: {
            id: message.deliveryId,
            channel: name,
            to: maskPhoneForLog(message.to),
            text: message.maskedText ?? message.text,
          },
        },
        'dev recorder: message recorded',
      );
      return { outcome: 'delivered', providerMessageId: message.deliveryId };
    },
    async sendMany(messages, deps) {
      await recordMany(deps.adminDb, messages, deps.now());
      deps.log.debug(
        { devOutbox: { channel: name, count: messages.length } },
        'dev recorder: batch',
      );
      return messages.map((m) => ({ outcome: 'delivered', providerMessageId: m.deliveryId }));
    },
    // Every customer is "reachable" in development: the recorder shows what would have gone.
    async reachable() {
      return true;
    },
  };
}

const recorders = new Map<ChannelName, RecorderChannel>();

export function recorderChannel(name: ChannelName): RecorderChannel {
  let r = recorders.get(name);
  if (!r) recorders.set(name, (r = recorderFor(name)));
  return r;
}

export function isRecorder(channel: unknown): channel is RecorderChannel {
  return (channel as { recorder?: unknown } | null)?.recorder === true;
}

setFallbackChannel(recorderChannel);
