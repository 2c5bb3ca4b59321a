// The one port every delivery channel implements. The messaging pipeline (modules/messaging)
// decides whether, when and where to send; an adapter only carries one rendered message to one
// address and says how it went. Adapters never throw for a provider's answer: they classify it.
import type { Db } from '../db/database.ts';
import type { Logger } from '../kernel/logger.ts';

export const CHANNEL_NAMES = ['inapp', 'webpush', 'sms', 'email', 'wechat'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** A file an e-mail carries (a report's chart); `cid` lets the HTML show it inline. */
export interface MessageAttachment {
  filename: string;
  contentType: string;
  /** The bytes, base64. */
  contentBase64: string;
  cid?: string;
}

export interface ChannelMessage {
  tenantId: string;
  /** The intent (one business reason to tell one customer something); the dedupe unit. */
  intentId: string;
  /** This attempt on this channel; providers get it as their idempotency/reference id. */
  deliveryId: string;
  customerId: string | null;
  channel: ChannelName;
  /** Phone (E.164), e-mail address, push subscription id, WeChat openid or customer id. */
  to: string;
  purpose: 'auth' | 'transactional' | 'service' | 'marketing';
  subject?: string;
  /** Plain text (SMS, push body, in-app), as its recipient gets it. */
  text: string;
  /**
   * Present when the message carries a secret (a sign-in code, a reset link): the text with the
   * secret masked. Anything an adapter keeps or logs besides the provider call uses this.
   */
  maskedText?: string;
  /** HTML body (e-mail only), already escaped by the template renderer. */
  html?: string;
  /** Where a tap/click leads (push, in-app, WeChat). */
  url?: string;
  /** Files carried with the message (e-mail only; other channels ignore them). */
  attachments?: MessageAttachment[];
  /** Provider template id and parameters (SMS and WeChat template messages). */
  providerTemplate?: { id: string; params: Record<string, string> };
}

export type SendResult =
  | { outcome: 'sent'; providerMessageId?: string }
  | { outcome: 'delivered'; providerMessageId?: string }
  | {
      outcome: 'failed';
      /** true: retrying cannot help (4xx, bad number); false: retry with backoff (timeout, 5xx). */
      permanent: boolean;
      error: string;
      providerCode?: string;
      /** The address is gone for good (push 404/410): the pipeline forgets it. */
      addressGone?: boolean;
    };

export interface ChannelDeps {
  /** Owner connection (the worker runs across tenants); scope every query by `tenantId`. */
  adminDb: Db;
  log: Logger;
  now: () => Date;
}

export interface Channel {
  name: ChannelName;
  /** Provider name shown in the timeline ('dev-recorder', 'aliyun-sms', 'twilio', 'smtp'…). */
  provider: string;
  send(message: ChannelMessage, deps: ChannelDeps): Promise<SendResult>;
}

/**
 * For channels whose address is not on the customer row (in-app, Web Push, WeChat) the
 * pipeline passes the customer id as `to` and the adapter finds its own addresses; it answers
 * `reachable` so the pipeline can pick a channel that works and fall back otherwise.
 */
export interface AddressBook {
  reachable(tenantId: string, customerId: string, deps: ChannelDeps): Promise<boolean>;
}
