// Alipay (支付宝) open platform: mobile web pay (alipay.trade.wap.pay) and a QR code
// (alipay.trade.precreate), trade query, refunds, the trade bill and the asynchronous
// notifications. RSA2 (SHA256withRSA) with node:crypto: the official alipay-sdk brings a large
// dependency tree for what is one signature over sorted parameters.
import { createSign, createVerify } from 'node:crypto';
import { alipayBillTable, parseAlipayBill } from './provider-alipay-bill.ts';
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

export const ALIPAY_DEFAULT_GATEWAY = 'https://openapi.alipay.com/gateway.do';

/** The signed content: every parameter but `sign` (and `sign_type` for notifications) with a
 * value, sorted by name, `k=v` joined with `&`, values as they are (URL-decoded). */
export function alipaySignContent(params: Record<string, string>, exclude: readonly string[]) {
  return Object.keys(params)
    .filter((k) => !exclude.includes(k) && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export const alipaySign = (content: string, privateKeyPem: string) =>
  createSign('RSA-SHA256').update(content, 'utf8').sign(privateKeyPem, 'base64');

export function alipayVerify(content: string, sign: string, publicKeyPem: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKeyPem, sign, 'base64');
  } catch {
    return false;
  }
}

/** "yyyy-MM-dd HH:mm:ss" in China Standard Time, as Alipay wants its timestamps. */
const chinaTimestamp = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

function signedParams(
  creds: ProviderCredentials,
  method: string,
  biz: Record<string, unknown>,
  extra: Record<string, string> = {},
) {
  const params: Record<string, string> = {
    app_id: creds.config.appId ?? '',
    method,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: chinaTimestamp(new Date()),
    version: '1.0',
    biz_content: JSON.stringify(biz),
    ...extra,
  };
  params.sign = alipaySign(alipaySignContent(params, ['sign']), creds.secrets.privateKey ?? '');
  return params;
}

/** The raw JSON text of `key`'s value in `text` (Alipay signs the answer's object as sent). */
export function rawJsonValue(text: string, key: string): string | null {
  const at = text.indexOf(`"${key}"`);
  if (at < 0) return null;
  const start = text.indexOf('{', at + key.length + 2);
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

type Json = Record<string, unknown>;

async function call(
  creds: ProviderCredentials,
  method: string,
  biz: Record<string, unknown>,
  extra: Record<string, string> = {},
): Promise<ProviderResult<Json>> {
  const gateway = creds.config.gatewayUrl || ALIPAY_DEFAULT_GATEWAY;
  let res: Response;
  let text: string;
  try {
    res = await providerFetch(`${gateway}?charset=utf-8`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(signedParams(creds, method, biz, extra)).toString(),
    });
    text = await res.text();
  } catch (err) {
    return unreachable(err);
  }
  if (res.status >= 300) return classifyStatus(res.status, `${res.status} ${text.slice(0, 200)}`);
  const key = `${method.replace(/\./gu, '_')}_response`;
  const raw = rawJsonValue(text, key);
  const sign = /"sign"\s*:\s*"([^"]+)"/u.exec(text)?.[1];
  if (!raw || !sign || !alipayVerify(raw, sign, creds.config.alipayPublicKeyPem ?? ''))
    return { ok: false, retryable: true, error: 'answer signature does not verify' };
  const answer = JSON.parse(raw) as Json;
  if (answer.code !== '10000') {
    const sub = String(answer.sub_code ?? answer.code ?? '');
    // 20000: service unavailable (retry); 40004: business refusal (permanent).
    return {
      ok: false,
      retryable: answer.code === '20000' || sub === 'ACQ.SYSTEM_ERROR',
      error: `${String(answer.msg ?? '')} ${String(answer.sub_msg ?? '')}`.trim(),
      providerCode: sub,
    };
  }
  return { ok: true, value: answer };
}

const TRADE_STATES: Record<string, TradeState> = {
  TRADE_SUCCESS: 'paid',
  TRADE_FINISHED: 'paid',
  WAIT_BUYER_PAY: 'pending',
  TRADE_CLOSED: 'closed',
};

const tradeFacts = (t: Record<string, unknown>): TradeFacts => ({
  number: String(t.out_trade_no ?? ''),
  state: TRADE_STATES[String(t.trade_status)] ?? 'pending',
  providerTxnId: typeof t.trade_no === 'string' ? t.trade_no : null,
  amountFen: typeof t.total_amount === 'string' ? yuanToFen(t.total_amount) : null,
  paidAt:
    typeof t.gmt_payment === 'string' ? new Date(`${t.gmt_payment.replace(' ', 'T')}+08:00`) : null,
});

const refundResult = (number: string, answer: Json, state: RefundFacts['state']): RefundFacts => ({
  refundNumber: number,
  state,
  providerRefundId: typeof answer.trade_no === 'string' ? answer.trade_no : null,
  amountFen:
    typeof answer.refund_fee === 'string'
      ? yuanToFen(answer.refund_fee)
      : typeof answer.refund_amount === 'string'
        ? yuanToFen(answer.refund_amount)
        : null,
});

/** The statement of a downloaded bill; an unreadable bill is a failure that will not mend by retrying. */
function billLines(bytes: Uint8Array): ProviderResult<StatementLine[]> {
  try {
    return { ok: true, value: parseAlipayBill(alipayBillTable(bytes)) };
  } catch (err) {
    return { ok: false, retryable: false, error: `bill unreadable: ${(err as Error).message}` };
  }
}

export const alipayProvider: PaymentProvider = {
  name: 'alipay',
  channels: ['wap', 'qr'],
  async create(req, creds) {
    const biz = {
      out_trade_no: req.number,
      total_amount: fenToYuan(req.amountFen),
      subject: req.description.slice(0, 256),
      time_expire: chinaTimestamp(req.expiresAt),
    };
    if (req.channel === 'wap') {
      // The browser goes to the gateway with signed parameters; no server call is made.
      const params = signedParams(
        creds,
        'alipay.trade.wap.pay',
        { ...biz, product_code: 'QUICK_WAP_WAY' },
        { notify_url: req.notifyUrl, return_url: req.returnUrl },
      );
      const gateway = creds.config.gatewayUrl || ALIPAY_DEFAULT_GATEWAY;
      return acted({ redirectUrl: `${gateway}?${new URLSearchParams(params).toString()}` });
    }
    if (req.channel !== 'qr')
      return { ok: false, retryable: false, error: `channel ${req.channel} not offered` };
    const r = await call(creds, 'alipay.trade.precreate', biz, { notify_url: req.notifyUrl });
    return r.ok ? acted({ qrCode: String(r.value.qr_code ?? '') }) : r;
  },
  async query(number, _txn, creds) {
    const r = await call(creds, 'alipay.trade.query', { out_trade_no: number });
    if (!r.ok && r.providerCode === 'ACQ.TRADE_NOT_EXIST')
      // The owner has not opened the payment yet: Alipay makes the trade when they do.
      return {
        ok: true,
        value: { number, state: 'pending', providerTxnId: null, amountFen: null, paidAt: null },
      };
    return r.ok ? { ok: true, value: tradeFacts(r.value) } : r;
  },
  async refund(req, creds) {
    const r = await call(creds, 'alipay.trade.refund', {
      out_trade_no: req.paymentNumber,
      refund_amount: fenToYuan(req.amountFen),
      out_request_no: req.refundNumber,
      refund_reason: req.reason.slice(0, 256),
    });
    if (!r.ok) return r;
    return {
      ok: true,
      value: refundResult(
        req.refundNumber,
        r.value,
        r.value.fund_change === 'Y' ? 'succeeded' : 'pending',
      ),
    };
  },
  async queryRefund(req, creds) {
    const r = await call(creds, 'alipay.trade.fastpay.refund.query', {
      out_trade_no: req.paymentNumber,
      out_request_no: req.refundNumber,
    });
    if (!r.ok) return r;
    const state =
      r.value.refund_status === 'REFUND_SUCCESS'
        ? 'succeeded'
        : r.value.refund_amount
          ? 'pending'
          : 'failed';
    return { ok: true, value: refundResult(req.refundNumber, r.value, state) };
  },
  async statement(day, creds) {
    const r = await call(creds, 'alipay.data.dataservice.bill.downloadurl.query', {
      bill_type: 'trade',
      bill_date: day,
    });
    if (!r.ok) return r;
    try {
      const res = await providerFetch(String(r.value.bill_download_url ?? ''), {});
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (res.status >= 300) return classifyStatus(res.status, `bill ${res.status}`);
      return billLines(bytes);
    } catch (err) {
      return unreachable(err);
    }
  },
  verifyNotification(raw, creds) {
    const params = Object.fromEntries(new URLSearchParams(raw.body));
    if (!params.sign) throw new NotificationRejected('no sign');
    if (params.sign_type && params.sign_type !== 'RSA2')
      throw new NotificationRejected('sign_type is not RSA2');
    const content = alipaySignContent(params, ['sign', 'sign_type']);
    if (!alipayVerify(content, params.sign, creds.config.alipayPublicKeyPem ?? ''))
      throw new NotificationRejected('signature does not verify');
    if (params.app_id !== creds.config.appId) throw new NotificationRejected('another app_id');
    const eventId = params.notify_id ?? '';
    if (params.refund_fee && params.out_biz_no)
      return {
        type: 'refund',
        paymentNumber: params.out_trade_no ?? '',
        refund: {
          refundNumber: params.out_biz_no,
          state: 'succeeded',
          providerRefundId: params.trade_no ?? null,
          amountFen: null,
        },
        eventId,
      };
    return { type: 'trade', trade: tradeFacts(params), eventId };
  },
};
