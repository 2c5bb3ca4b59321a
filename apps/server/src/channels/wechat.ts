// WeChat official-account template messages (模板消息): an access_token fetched with the
// AppID and AppSecret and kept until shortly before it expires, then
// POST /cgi-bin/message/template/send to the customer's openid. The openid comes from the
// customer's binding (wechat_bindings); the callback of the official account (signed with the
// token: sha1 of the sorted token, timestamp and nonce) reports the result and unfollows.
import { createHash } from 'node:crypto';
import type { AddressBook, Channel, ChannelDeps, ChannelMessage, SendResult } from './port.ts';
import { isFailure, isTemporaryStatus, providerFetch } from './provider-http.ts';
import type { Db } from '../db/database.ts';

export interface WechatOptions {
  appId: string;
  appSecret: string;
  defaultTemplateId?: string;
  endpoint?: string;
  timeoutMs?: number;
  /** Customers' openids (the channel settings module keeps the bindings). */
  bindings: WechatBindingStore;
}

/** The adapter's view of the stored WeChat bindings, passed in by their owner. */
export interface WechatBindingStore {
  openid(db: Db, tenantId: string, customerId: string): Promise<string | null>;
  setSubscribed(db: Db, tenantId: string, openid: string, subscribed: boolean): Promise<void>;
}

export const WECHAT_ENDPOINT = 'https://api.weixin.qq.com';

/** signature = sha1(sort([token, timestamp, nonce]).join('')), hex: the callback's proof. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join(''), 'utf8').digest('hex');
}

/** Tokens per AppID in this process; one is valid 7200 s, renewed 5 minutes early. */
const tokens = new Map<string, { token: string; expiresAt: number }>();
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
const TEMPORARY_ERRORS = new Set([-1, 45009, 45011, 45047]);
const GONE_ERRORS = new Set([43004, 40003, 43101]);
const CLEAR_MESSAGES: Record<number, string> = {
  43004: 'the customer no longer follows the official account',
  40003: 'the openid does not belong to this official account',
  40037: 'the template id is not valid',
  40013: 'the AppID is not valid',
  40125: 'the AppSecret is wrong',
  40164: 'the server’s IP address is not on the official account’s whitelist',
  45009: 'the daily API limit is reached',
  47003: 'the template data does not match the template',
};

type Failure = Extract<SendResult, { outcome: 'failed' }>;

function wechatFailure(errcode: number, errmsg: string | undefined, gone = false): Failure {
  return {
    outcome: 'failed',
    permanent: !TEMPORARY_ERRORS.has(errcode),
    error: `WeChat ${errcode}: ${CLEAR_MESSAGES[errcode] ?? errmsg ?? 'error'}`,
    providerCode: String(errcode),
    ...(gone ? { addressGone: true } : {}),
  };
}

export function resetWechatTokens(): void {
  tokens.clear();
}

export function createWechatChannel(options: WechatOptions): Channel & AddressBook {
  const base = (options.endpoint ?? WECHAT_ENDPOINT).replace(/\/+$/u, '');
  const key = `${base}|${options.appId}`;
  const timeoutMs = options.timeoutMs ? { timeoutMs: options.timeoutMs } : {};

  async function accessToken(now: number, fresh: boolean): Promise<string | Failure> {
    const cached = tokens.get(key);
    if (!fresh && cached && cached.expiresAt > now) return cached.token;
    const url = `${base}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(options.appId)}&secret=${encodeURIComponent(options.appSecret)}`;
    const res = await providerFetch(url, { method: 'GET', ...timeoutMs });
    if (isFailure(res)) return res;
    const json = (res.json ?? {}) as {
      access_token?: string;
      expires_in?: number;
      errcode?: number;
      errmsg?: string;
    };
    if (json.access_token) {
      const ttl = Math.max(60, (json.expires_in ?? 7200) - 300) * 1000;
      tokens.set(key, { token: json.access_token, expiresAt: now + ttl });
      return json.access_token;
    }
    if (isTemporaryStatus(res.status))
      return {
        outcome: 'failed',
        permanent: false,
        error: `WeChat token: HTTP ${res.status}`,
        providerCode: `HTTP_${res.status}`,
      };
    return wechatFailure(json.errcode ?? res.status, json.errmsg);
  }

  return {
    name: 'wechat',
    provider: 'wechat',
    async reachable(tenantId: string, customerId: string, deps: ChannelDeps) {
      return (await options.bindings.openid(deps.adminDb, tenantId, customerId)) !== null;
    },
    async send(message: ChannelMessage, deps: ChannelDeps): Promise<SendResult> {
      const customerId = message.customerId ?? message.to;
      const openid = await options.bindings.openid(deps.adminDb, message.tenantId, customerId);
      if (!openid)
        return {
          outcome: 'failed',
          permanent: true,
          addressGone: true,
          error: 'the customer has no WeChat binding (or unfollowed)',
          providerCode: 'NO_OPENID',
        };
      const template =
        message.providerTemplate ??
        (options.defaultTemplateId
          ? { id: options.defaultTemplateId, params: { content: message.text } }
          : null);
      if (!template)
        return {
          outcome: 'failed',
          permanent: true,
          error:
            'WeChat template messages need a template id: set a default template in the channel settings',
          providerCode: 'NO_TEMPLATE',
        };
      const body = JSON.stringify({
        touser: openid,
        template_id: template.id,
        ...(message.url ? { url: message.url } : {}),
        data: Object.fromEntries(
          Object.entries(template.params).map(([k, v]) => [k, { value: v }]),
        ),
      });
      const now = deps.now().getTime();
      for (let attempt = 0; attempt < 2; attempt++) {
        const token = await accessToken(now, attempt > 0);
        if (typeof token !== 'string') return token;
        const res = await providerFetch(
          `${base}/cgi-bin/message/template/send?access_token=${encodeURIComponent(token)}`,
          { method: 'POST', headers: { 'content-type': 'application/json' }, body, ...timeoutMs },
        );
        if (isFailure(res)) return res;
        if (isTemporaryStatus(res.status))
          return {
            outcome: 'failed',
            permanent: false,
            error: `WeChat HTTP ${res.status}`,
            providerCode: `HTTP_${res.status}`,
          };
        const json = (res.json ?? {}) as {
          errcode?: number;
          errmsg?: string;
          msgid?: number | string;
        };
        const errcode = json.errcode ?? (res.status === 200 ? 0 : res.status);
        if (errcode === 0)
          return {
            outcome: 'sent',
            providerMessageId: String(json.msgid ?? '') || undefined,
          } as SendResult;
        // An access_token another process renewed (or that expired early): fetch anew once.
        if (TOKEN_ERRORS.has(errcode) && attempt === 0) {
          tokens.delete(key);
          continue;
        }
        if (GONE_ERRORS.has(errcode)) {
          await options.bindings.setSubscribed(deps.adminDb, message.tenantId, openid, false);
          return wechatFailure(errcode, json.errmsg, true);
        }
        return wechatFailure(errcode, json.errmsg);
      }
      return {
        outcome: 'failed',
        permanent: false,
        error: 'WeChat access_token rejected twice',
        providerCode: '40001',
      };
    },
  };
}

/**
 * The openid of the WeChat user who just authorised the app inside WeChat (snsapi_base):
 * GET /sns/oauth2/access_token with the code. A bad or used code → 'invalid'.
 */
export async function exchangeWechatOauthCode(
  options: Pick<WechatOptions, 'appId' | 'appSecret' | 'endpoint' | 'timeoutMs'>,
  code: string,
): Promise<{ openid: string } | 'invalid' | 'unavailable'> {
  const base = (options.endpoint ?? WECHAT_ENDPOINT).replace(/\/+$/u, '');
  const url = `${base}/sns/oauth2/access_token?appid=${encodeURIComponent(options.appId)}&secret=${encodeURIComponent(options.appSecret)}&code=${encodeURIComponent(code)}&grant_type=authorization_code`;
  const res = await providerFetch(url, {
    method: 'GET',
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (isFailure(res) || isTemporaryStatus(res.status)) return 'unavailable';
  const json = (res.json ?? {}) as { openid?: string; errcode?: number };
  if (json.openid && /^[A-Za-z0-9_-]{10,64}$/u.test(json.openid)) return { openid: json.openid };
  return json.errcode !== undefined && TEMPORARY_ERRORS.has(json.errcode)
    ? 'unavailable'
    : 'invalid';
}
