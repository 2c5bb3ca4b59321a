// Web Push (RFC 8030) to the installed PWA: the payload is encrypted for each subscription
// (RFC 8291, aes128gcm) and the request signed with the tenant's VAPID key (RFC 8292), both by
// the web-push library. A customer may have several subscriptions (phone, tablet): one success
// is a send; a subscription the push service calls gone (404/410) is deleted at once.
import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { AddressBook, Channel, ChannelDeps, ChannelMessage, SendResult } from './port.ts';
import type { Db } from '../db/database.ts';
import { PROVIDER_TIMEOUT_MS } from './provider-http.ts';

export interface WebPushOptions {
  subject: string;
  publicKey: string;
  privateKey: string;
  /** TLS agent for the push service (tests trust their own certificate with it). */
  agent?: Agent;
  timeoutMs?: number;
  /** Where the customers' subscriptions are kept (the channel settings module keeps them). */
  subscriptions: PushSubscriptionStore;
}

/** The adapter's view of the stored push subscriptions, passed in by their owner. */
export interface PushSubscriptionStore {
  list(
    db: Db,
    tenantId: string,
    customerId: string,
  ): Promise<{ id: string; endpoint: string; p256dh: string; auth: string }[]>;
  remove(db: Db, tenantId: string, ids: string[]): Promise<void>;
  markSuccess(db: Db, tenantId: string, ids: string[], at: Date): Promise<void>;
}

/** The notification the service worker shows (apps/app/src/sw push handler reads it). */
export interface PushPayload {
  title: string;
  body: string;
  url: string | null;
  tag: string;
  deliveryId: string;
}

const MAX_BODY_CHARS = 1000;

function payloadOf(message: ChannelMessage): string {
  const body: PushPayload = {
    title: message.subject ?? '',
    body:
      message.text.length > MAX_BODY_CHARS
        ? `${message.text.slice(0, MAX_BODY_CHARS - 1)}…`
        : message.text,
    url: message.url ?? null,
    tag: message.intentId,
    deliveryId: message.deliveryId,
  };
  return JSON.stringify(body);
}

type Attempt =
  | { kind: 'ok'; id: string }
  | { kind: 'gone'; id: string; status: number }
  | { kind: 'temporary'; error: string; code: string }
  | { kind: 'permanent'; error: string; code: string };

function classify(id: string, err: unknown): Attempt {
  const e = err as { statusCode?: number; body?: string; message?: string; code?: string };
  if (typeof e.statusCode === 'number') {
    const status = e.statusCode;
    const detail = `push service answered ${status}${e.body ? `: ${String(e.body).slice(0, 200)}` : ''}`;
    if (status === 404 || status === 410) return { kind: 'gone', id, status };
    if (status >= 500 || status === 429 || status === 408)
      return { kind: 'temporary', error: detail, code: String(status) };
    return { kind: 'permanent', error: detail, code: String(status) };
  }
  return {
    kind: 'temporary',
    error: `push service unreachable: ${e.message ?? String(err)}`,
    code: e.code ?? (e.message === 'Socket timeout' ? 'TIMEOUT' : 'NETWORK'),
  };
}

export function createWebPushChannel(options: WebPushOptions): Channel & AddressBook {
  const vapidDetails = {
    subject: options.subject,
    publicKey: options.publicKey,
    privateKey: options.privateKey,
  };
  return {
    name: 'webpush',
    provider: 'webpush',
    async reachable(tenantId: string, customerId: string, deps: ChannelDeps) {
      return (await options.subscriptions.list(deps.adminDb, tenantId, customerId)).length > 0;
    },
    async send(message: ChannelMessage, deps: ChannelDeps): Promise<SendResult> {
      const customerId = message.customerId ?? message.to;
      const subs = await options.subscriptions.list(deps.adminDb, message.tenantId, customerId);
      if (!subs.length)
        return {
          outcome: 'failed',
          permanent: true,
          addressGone: true,
          error: 'the customer has no push subscription',
          providerCode: 'NO_SUBSCRIPTION',
        };
      const payload = payloadOf(message);
      const attempts = await Promise.all(
        subs.map(async (s): Promise<Attempt> => {
          try {
            await webpush.sendNotification(
              { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } },
              payload,
              {
                vapidDetails,
                TTL: 24 * 60 * 60,
                urgency: message.purpose === 'marketing' ? 'low' : 'normal',
                timeout: options.timeoutMs ?? PROVIDER_TIMEOUT_MS,
                ...(options.agent ? { agent: options.agent } : {}),
              },
            );
            return { kind: 'ok', id: s.id };
          } catch (err) {
            return classify(s.id, err);
          }
        }),
      );
      const gone = attempts.filter((a) => a.kind === 'gone');
      if (gone.length) {
        await options.subscriptions.remove(
          deps.adminDb,
          message.tenantId,
          gone.map((g) => g.id),
        );
        deps.log.info(
          { tenantId: message.tenantId, customerId, removed: gone.length },
          'web push: expired subscriptions removed',
        );
      }
      const ok = attempts.filter((a) => a.kind === 'ok');
      if (ok.length) {
        await options.subscriptions.markSuccess(
          deps.adminDb,
          message.tenantId,
          ok.map((a) => a.id),
          deps.now(),
        );
        return { outcome: 'sent' };
      }
      const temporary = attempts.find((a) => a.kind === 'temporary');
      if (temporary)
        return {
          outcome: 'failed',
          permanent: false,
          error: temporary.error,
          providerCode: temporary.code,
        };
      const permanent = attempts.find((a) => a.kind === 'permanent');
      if (permanent)
        return {
          outcome: 'failed',
          permanent: true,
          error: permanent.error,
          providerCode: permanent.code,
        };
      return {
        outcome: 'failed',
        permanent: true,
        addressGone: true,
        error: `push subscription expired (${gone.map((g) => g.status).join(', ')}): removed`,
        providerCode: String(gone[0]!.status),
      };
    },
  };
}
