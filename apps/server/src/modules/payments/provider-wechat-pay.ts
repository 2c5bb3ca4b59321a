// WeChat Pay API v3 (微信支付): JSAPI inside WeChat, H5 in a phone browser, Native QR on the counter
// screen; order query, refunds, the daily trade bill and the callbacks. Every request is signed by
// the merchant's key, every answer and callback checked against the platform's key.
import { randomBytes } from 'node:crypto';
import {
  acted,
  classifyStatus,
  fenToYuan,
  NotificationRejected,
  providerFetch,
  unreachable,
  yuanToFen,
  type PaymentProvider,
  type ProviderCredentials,
  type ProviderResult,
  type RefundFacts,
  type StatementLine,
  type TradeFacts,
  type TradeState,
} from './port.ts';
import { wechatVerificationKeys } from './provider-wechat-pay-certificates.ts';
import {
  authorizationHeader,
  decryptResource,
  jsapiPayParams,
  verifyWechatSignature,
  type EncryptedResource,
} from './provider-wechat-pay-crypto.ts';
import { signedCall, signedHeaders } from './provider-wechat-pay-http.ts';

export { WECHAT_DEFAULT_BASE } from './provider-wechat-pay-http.ts';

const TRADE_STATES: Record<string, TradeState> = {
  SUCCESS: 'paid',
  REFUND: 'refunded',
  NOTPAY: 'pending',
  USERPAYING: 'pending',
  ACCEPT: 'pending',
  CLOSED: 'closed',
  REVOKED: 'closed',
  PAYERROR: 'closed',
};

type Json = Record<string, unknown>;

/** One signed call; the answer's signature is checked like a callback's. */
async function call(
  creds: ProviderCredentials,
  method: 'GET' | 'POST',
  pathWithQuery: string,
  body: Json | null,
  now: Date,
): Promise<ProviderResult<{ status: number; json: Json; text: string }>> {
  const r = await signedCall(creds, method, pathWithQuery, body, now);
  if (!r.ok) return r;
  const { status, text: answer, signed } = r.value;
  if (status >= 300) {
    const parsed = safeJson(answer);
    return classifyStatus(
      status,
      `${status} ${String(parsed?.message ?? answer.slice(0, 200))}`,
      typeof parsed?.code === 'string' ? parsed.code : undefined,
    );
  }
  try {
    verifyWechatSignature(
      signed,
      answer,
      await wechatVerificationKeys(creds, signed.serial, now),
      now,
    );
  } catch (err) {
    // An answer we cannot prove came from WeChat Pay is not believed; asking again may help.
    return { ok: false, retryable: true, error: `answer signature: ${(err as Error).message}` };
  }
  return { ok: true, value: { status, json: safeJson(answer) ?? {}, text: answer } };
}

const safeJson = (text: string): Json | null => {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Json) : null;
  } catch {
    return null;
  }
};

function tradeFacts(t: Json): TradeFacts {
  const amount = (t.amount ?? {}) as Json;
  return {
    number: String(t.out_trade_no ?? ''),
    state: TRADE_STATES[String(t.trade_state)] ?? 'pending',
    providerTxnId: typeof t.transaction_id === 'string' ? t.transaction_id : null,
    amountFen: typeof amount.total === 'number' ? amount.total : null,
    paidAt: typeof t.success_time === 'string' ? new Date(t.success_time) : null,
  };
}

function refundFacts(r: Json): RefundFacts {
  const amount = (r.amount ?? {}) as Json;
  const status = String(r.status ?? r.refund_status ?? '');
  return {
    refundNumber: String(r.out_refund_no ?? ''),
    state: status === 'SUCCESS' ? 'succeeded' : status === 'PROCESSING' ? 'pending' : 'failed',
    providerRefundId: typeof r.refund_id === 'string' ? r.refund_id : null,
    amountFen: typeof amount.refund === 'number' ? amount.refund : null,
  };
}

/** The trade bill's CSV: every value starts with a backquote; summary lines follow the rows. */
export function parseTradeBill(csv: string): StatementLine[] {
  const lines = csv.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  const header = (lines[0] ?? '').split(',');
  const col = (name: string) => header.indexOf(name);
  const [txn, number, state, total, refundNo, refundFee] = [
    col('微信订单号'),
    col('商户订单号'),
    col('交易状态'),
    col('应结订单金额'),
    col('商户退款单号'),
    col('退款金额'),
  ];
  const out: StatementLine[] = [];
  for (const line of lines.slice(1)) {
    if (!line.startsWith('`')) break;
    const v = line.split(',').map((s) => s.replace(/^`/u, ''));
    const base = { paymentNumber: v[number] ?? '', providerTxnId: v[txn] ?? null };
    if (v[state] === 'SUCCESS')
      out.push({
        kind: 'payment',
        ...base,
        refundNumber: null,
        amountFen: yuanToFen(v[total] ?? '') ?? 0,
      });
    else if (v[state] === 'REFUND')
      out.push({
        kind: 'refund',
        ...base,
        refundNumber: v[refundNo] ?? null,
        amountFen: yuanToFen(v[refundFee] ?? '') ?? 0,
      });
  }
  return out;
}

const notifyPaths = { jsapi: 'jsapi', h5: 'h5', native: 'native' } as const;

export const wechatPayProvider: PaymentProvider = {
  name: 'wechat',
  channels: ['jsapi', 'h5', 'native'],
  async create(req, creds) {
    const path = notifyPaths[req.channel as keyof typeof notifyPaths];
    if (!path) return { ok: false, retryable: false, error: `channel ${req.channel} not offered` };
    const body: Json = {
      appid: creds.config.appid,
      mchid: creds.config.mchid,
      description: req.description.slice(0, 127),
      out_trade_no: req.number,
      time_expire: req.expiresAt.toISOString().replace(/\.\d{3}Z$/u, '+00:00'),
      notify_url: req.notifyUrl,
      amount: { total: req.amountFen, currency: 'CNY' },
      ...(req.channel === 'jsapi' ? { payer: { openid: req.openid ?? '' } } : {}),
      ...(req.channel === 'h5'
        ? { scene_info: { payer_client_ip: req.clientIp ?? '127.0.0.1', h5_info: { type: 'Wap' } } }
        : {}),
    };
    const r = await call(creds, 'POST', `/v3/pay/transactions/${path}`, body, new Date());
    if (!r.ok) return r;
    const j = r.value.json;
    if (req.channel === 'jsapi') {
      // Everything WeixinJSBridge's getBrandWCPayRequest takes, signed here: the merchant key
      // never leaves the server.
      const prepayId = String(j.prepay_id ?? '');
      const bridge = jsapiPayParams(
        creds.config.appid ?? '',
        prepayId,
        creds.secrets.privateKey ?? '',
        new Date(),
      );
      return acted({ prepayId, ...bridge });
    }
    if (req.channel === 'h5')
      return acted({
        redirectUrl: `${String(j.h5_url ?? '')}&redirect_url=${encodeURIComponent(req.returnUrl)}`,
      });
    return acted({ qrCode: String(j.code_url ?? '') });
  },
  async query(number, _txn, creds) {
    const r = await call(
      creds,
      'GET',
      `/v3/pay/transactions/out-trade-no/${encodeURIComponent(number)}?mchid=${encodeURIComponent(creds.config.mchid ?? '')}`,
      null,
      new Date(),
    );
    return r.ok ? { ok: true, value: tradeFacts(r.value.json) } : r;
  },
  async refund(req, creds) {
    const r = await call(
      creds,
      'POST',
      '/v3/refund/domestic/refunds',
      {
        out_trade_no: req.paymentNumber,
        out_refund_no: req.refundNumber,
        reason: req.reason.slice(0, 80),
        notify_url: req.notifyUrl,
        amount: { refund: req.amountFen, total: req.totalFen, currency: 'CNY' },
      },
      new Date(),
    );
    return r.ok ? { ok: true, value: refundFacts(r.value.json) } : r;
  },
  async queryRefund(req, creds) {
    const r = await call(
      creds,
      'GET',
      `/v3/refund/domestic/refunds/${encodeURIComponent(req.refundNumber)}`,
      null,
      new Date(),
    );
    return r.ok ? { ok: true, value: refundFacts(r.value.json) } : r;
  },
  async statement(day, creds) {
    const r = await call(
      creds,
      'GET',
      `/v3/bill/tradebill?bill_date=${day}&bill_type=ALL`,
      null,
      new Date(),
    );
    if (!r.ok) return r;
    const url = new URL(String(r.value.json.download_url ?? ''));
    // The bill file itself is signed like any request, but its answer carries no signature: its
    // SHA1 hash came in the signed answer above.
    try {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(16).toString('hex');
      const res = await providerFetch(url.toString(), {
        headers: {
          Authorization: authorizationHeader(
            {
              mchid: creds.config.mchid ?? '',
              serialNo: creds.config.merchantSerialNo ?? '',
              privateKeyPem: creds.secrets.privateKey ?? '',
            },
            'GET',
            `${url.pathname}${url.search}`,
            '',
            timestamp,
            nonce,
          ),
        },
      });
      const text = await res.text();
      if (res.status >= 300) return classifyStatus(res.status, `bill ${res.status}`);
      return { ok: true, value: parseTradeBill(text) };
    } catch (err) {
      return unreachable(err);
    }
  },
  async verifyNotification(raw, creds, now) {
    const signed = signedHeaders((n) => raw.headers[n]);
    verifyWechatSignature(
      signed,
      raw.body,
      await wechatVerificationKeys(creds, signed.serial, now),
      now,
    );
    const body = safeJson(raw.body);
    if (!body || typeof body.resource !== 'object' || !body.resource)
      throw new NotificationRejected('no resource');
    const plain = safeJson(
      decryptResource(body.resource as EncryptedResource, creds.secrets.apiV3Key ?? ''),
    );
    if (!plain) throw new NotificationRejected('resource is not JSON');
    if (plain.mchid !== undefined && plain.mchid !== creds.config.mchid)
      throw new NotificationRejected('another merchant');
    const eventId = String(body.id ?? '');
    const type = String(body.event_type ?? '');
    if (type.startsWith('TRANSACTION.'))
      return { type: 'trade', trade: tradeFacts(plain), eventId };
    if (type.startsWith('REFUND.'))
      return {
        type: 'refund',
        paymentNumber: String(plain.out_trade_no ?? ''),
        refund: refundFacts(plain),
        eventId,
      };
    return { type: 'ignored', eventId };
  },
};

export { fenToYuan };
