// Local HTTP doubles of the payment providers (node:http on port 0) for the tests. Each checks our
// request signatures with the merchant's public key made in the test, answers signed as the real
// provider does, and builds notifications signed properly — or broken on purpose.
import { createCipheriv, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import Stripe from 'stripe';
import { alipaySign, alipaySignContent, alipayVerify } from '../provider-alipay.ts';
import { parseAuthorization, requestMessage, rsaSign } from '../provider-wechat-pay-crypto.ts';
import { createVerify } from 'node:crypto';

export const rsaPair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey as KeyObject,
  };
};

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void | Promise<void>;

export interface Double {
  url: string;
  /** Requests received, with whether our signature verified. */
  requests: { method: string; path: string; body: string; signed: boolean }[];
  /** The next `n` requests are answered with this status (or dropped with 'hang'). */
  failNext(status: number | 'hang', n?: number): void;
  close(): Promise<void>;
}

async function serve(handler: Handler, check: (req: IncomingMessage, body: string) => boolean) {
  const requests: Double['requests'] = [];
  let failures: (number | 'hang')[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signed = check(req, body);
      requests.push({ method: req.method ?? '', path: req.url ?? '', body, signed });
      const fail = failures.shift();
      if (fail === 'hang') return; // never answers: the client times out
      if (fail !== undefined) {
        res.writeHead(fail, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'SYSTEM_ERROR', message: 'double failure' }));
        return;
      }
      if (!signed) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'SIGN_ERROR', message: 'signature does not verify' }));
        return;
      }
      void Promise.resolve(handler(req, body, res)).catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(status: number | 'hang', n = 1) {
      failures = [...failures, ...Array.from({ length: n }, () => status)];
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

// ---------------------------------------------------------------- WeChat Pay

export interface WechatTrade {
  number: string;
  amountFen: number;
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transactionId: string;
}

/** A platform certificate of the double (certificate mode) and the key it signs with. */
export interface PlatformCertificate {
  serial: string;
  certPem: string;
  privatePem: string;
}

export interface WechatDouble extends Double {
  merchant: ReturnType<typeof rsaPair>;
  /** Certificate mode: the certificates GET /v3/certificates serves (answers are signed with
   * `answerSigner`); empty in platform-public-key mode. */
  certificates: PlatformCertificate[];
  answerSigner: PlatformCertificate | null;
  /** The key the served certificates are encrypted with (another one forges them). */
  certificatesKey: string;
  platform: ReturnType<typeof rsaPair>;
  platformKeyId: string;
  apiV3Key: string;
  mchid: string;
  trades: Map<string, WechatTrade>;
  refunds: Map<
    string,
    { number: string; paymentNumber: string; amountFen: number; status: string }
  >;
  /** Refund answers: PROCESSING (settled later) or SUCCESS at once. */
  refundAnswer: 'PROCESSING' | 'SUCCESS';
  billCsv: string;
  pay(number: string, amountFen?: number): WechatTrade;
  /** A notification of a trade (or a refund), signed, with optional breakage. */
  notification(
    resource: Record<string, unknown>,
    opts?: NotificationBreakage & { eventType?: string },
  ): { headers: Record<string, string>; body: string };
  config(): Record<string, string>;
  secrets(): Record<string, string>;
}

export interface NotificationBreakage {
  serial?: string;
  timestampS?: number;
  signature?: string;
  tamper?: boolean;
  badTag?: boolean;
  key?: string;
  /** Signed with this certificate's key and serial instead of the platform public key. */
  signer?: PlatformCertificate;
}

export function wechatEncrypt(plain: string, key: string, breakTag = false, aad = 'transaction') {
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv(
    'aes-256-gcm',
    Buffer.from(key, 'utf8'),
    Buffer.from(nonce, 'utf8'),
  );
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  if (breakTag) data[data.length - 1] = data[data.length - 1]! ^ 0xff;
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: data.toString('base64'),
    associated_data: aad,
    nonce,
    original_type: aad,
  };
}

export async function startWechatDouble(
  now: () => Date,
  opts: { certificates?: PlatformCertificate[] } = {},
): Promise<WechatDouble> {
  const merchant = rsaPair();
  const platform = rsaPair();
  const platformKeyId = `PUB_KEY_ID_0114${randomBytes(8).toString('hex').toUpperCase()}`;
  const apiV3Key = randomBytes(16).toString('hex');
  const mchid = '1900000109';
  const merchantSerial = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
  const trades = new Map<string, WechatTrade>();
  const refunds: WechatDouble['refunds'] = new Map();
  const ref: { self?: WechatDouble } = {};

  const signedAnswer = (res: ServerResponse, status: number, json: unknown) => {
    const body = JSON.stringify(json);
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const signer = ref.self!.answerSigner;
    res.writeHead(status, {
      'content-type': 'application/json',
      'wechatpay-timestamp': ts,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': signer?.serial ?? platformKeyId,
      'wechatpay-signature': rsaSign(
        `${ts}\n${nonce}\n${body}\n`,
        signer?.privatePem ?? platform.privatePem,
      ),
    });
    res.end(body);
  };
  const tradeJson = (t: WechatTrade) => ({
    mchid,
    appid: 'wx8888888888888888',
    out_trade_no: t.number,
    transaction_id: t.transactionId,
    trade_type: 'MWEB',
    trade_state: t.state,
    success_time: t.state === 'SUCCESS' || t.state === 'REFUND' ? now().toISOString() : undefined,
    amount: {
      total: t.amountFen,
      payer_total: t.amountFen,
      currency: 'CNY',
      payer_currency: 'CNY',
    },
  });

  const base = await serve(
    (req, body, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname;
      if (req.method === 'POST' && path.startsWith('/v3/pay/transactions/')) {
        const j = JSON.parse(body) as { out_trade_no: string; amount: { total: number } };
        trades.set(j.out_trade_no, {
          number: j.out_trade_no,
          amountFen: j.amount.total,
          state: 'NOTPAY',
          transactionId: `4200${randomBytes(10).toString('hex')}`,
        });
        const kind = path.split('/').pop();
        return signedAnswer(
          res,
          200,
          kind === 'h5'
            ? { h5_url: `https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1` }
            : kind === 'native'
              ? { code_url: 'weixin://wxpay/bizpayurl?pr=abc' }
              : { prepay_id: 'wx201410272009395522657a690389285100' },
        );
      }
      const q = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/u.exec(path);
      if (req.method === 'GET' && q) {
        const t = trades.get(decodeURIComponent(q[1]!));
        return t
          ? signedAnswer(res, 200, tradeJson(t))
          : signedAnswer(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      }
      if (req.method === 'POST' && path === '/v3/refund/domestic/refunds') {
        const j = JSON.parse(body) as {
          out_trade_no: string;
          out_refund_no: string;
          amount: { refund: number };
        };
        const prior = refunds.get(j.out_refund_no);
        const r = prior ?? {
          number: j.out_refund_no,
          paymentNumber: j.out_trade_no,
          amountFen: j.amount.refund,
          status: ref.self!.refundAnswer,
        };
        refunds.set(r.number, r);
        return signedAnswer(res, 200, {
          refund_id: `5030${r.number}`,
          out_refund_no: r.number,
          out_trade_no: r.paymentNumber,
          status: r.status,
          amount: { refund: r.amountFen },
        });
      }
      const rq = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/u.exec(path);
      if (req.method === 'GET' && rq) {
        const r = refunds.get(decodeURIComponent(rq[1]!));
        if (!r)
          return signedAnswer(res, 404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
        return signedAnswer(res, 200, {
          refund_id: `5030${r.number}`,
          out_refund_no: r.number,
          status: r.status,
          amount: { refund: r.amountFen },
        });
      }
      if (req.method === 'GET' && path === '/v3/certificates')
        return signedAnswer(res, 200, {
          data: ref.self!.certificates.map((c) => ({
            serial_no: c.serial,
            effective_time: '2026-01-01T00:00:00+08:00',
            expire_time: '2126-01-01T00:00:00+08:00',
            encrypt_certificate: wechatEncrypt(
              c.certPem,
              ref.self!.certificatesKey,
              false,
              'certificate',
            ),
          })),
        });
      if (req.method === 'GET' && path === '/v3/bill/tradebill')
        return signedAnswer(res, 200, {
          download_url: `${ref.self!.url}/billfile?date=${url.searchParams.get('bill_date')}`,
          hash_type: 'SHA1',
          hash_value: 'x',
        });
      if (req.method === 'GET' && path === '/billfile') {
        res.writeHead(200, { 'content-type': 'text/csv' });
        return void res.end(ref.self!.billCsv);
      }
      return signedAnswer(res, 404, { code: 'NOT_FOUND', message: path });
    },
    (req, body) => {
      const auth = parseAuthorization(String(req.headers.authorization ?? ''));
      if (!auth || auth.mchid !== mchid || auth.serial_no !== merchantSerial) return false;
      const msg = requestMessage(
        req.method ?? '',
        req.url ?? '',
        auth.timestamp ?? '',
        auth.nonce_str ?? '',
        body,
      );
      return createVerify('RSA-SHA256')
        .update(msg)
        .verify(merchant.publicPem, auth.signature ?? '', 'base64');
    },
  );

  const self: WechatDouble = {
    ...base,
    merchant,
    platform,
    platformKeyId,
    apiV3Key,
    mchid,
    trades,
    refunds,
    refundAnswer: 'SUCCESS',
    billCsv: '',
    certificates: [...(opts.certificates ?? [])],
    answerSigner: opts.certificates?.[0] ?? null,
    certificatesKey: apiV3Key,
    pay(number, amountFen) {
      const t = trades.get(number);
      if (!t) throw new Error(`no trade ${number}`);
      t.state = 'SUCCESS';
      if (amountFen !== undefined) t.amountFen = amountFen;
      return t;
    },
    notification(resource, o = {}) {
      const enc = wechatEncrypt(JSON.stringify(resource), o.key ?? apiV3Key, o.badTag);
      const body = JSON.stringify({
        id: randomBytes(8).toString('hex'),
        create_time: now().toISOString(),
        resource_type: 'encrypt-resource',
        event_type: o.eventType ?? 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        resource: enc,
      });
      const ts = String(o.timestampS ?? Math.floor(now().getTime() / 1000));
      const nonce = randomBytes(8).toString('hex');
      const signature =
        o.signature ??
        rsaSign(`${ts}\n${nonce}\n${body}\n`, o.signer?.privatePem ?? platform.privatePem);
      return {
        headers: {
          'content-type': 'application/json',
          'wechatpay-timestamp': ts,
          'wechatpay-nonce': nonce,
          'wechatpay-serial': o.serial ?? o.signer?.serial ?? platformKeyId,
          'wechatpay-signature': signature,
        },
        body: o.tamper ? body.replace('"summary":"支付成功"', '"summary":"支付成功!"') : body,
      };
    },
    config() {
      return {
        mchid,
        appid: 'wx8888888888888888',
        merchantSerialNo: merchantSerial,
        // Certificate mode: no platform key configured, the certificates are downloaded.
        ...(opts.certificates
          ? {}
          : { platformPublicKeyId: platformKeyId, platformPublicKeyPem: platform.publicPem }),
        baseUrl: base.url,
      };
    },
    secrets() {
      return { privateKey: merchant.privatePem, apiV3Key };
    },
  };
  ref.self = self;
  return self;
}

/** A trade as WeChat Pay's notification resource carries it. */
export const wechatTradeResource = (t: WechatTrade, mchid: string) => ({
  mchid,
  appid: 'wx8888888888888888',
  out_trade_no: t.number,
  transaction_id: t.transactionId,
  trade_type: 'MWEB',
  trade_state: t.state,
  success_time: '2026-12-01T10:00:00+08:00',
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
  amount: { total: t.amountFen, payer_total: t.amountFen, currency: 'CNY', payer_currency: 'CNY' },
});

// ---------------------------------------------------------------- Alipay

export interface AlipayDouble extends Double {
  merchant: ReturnType<typeof rsaPair>;
  alipay: ReturnType<typeof rsaPair>;
  appId: string;
  trades: Map<string, { number: string; amountFen: number; status: string; tradeNo: string }>;
  refunds: { number: string; requestNo: string; amountFen: number }[];
  notification(params: Record<string, string>, opts?: { tamper?: boolean }): string;
  config(): Record<string, string>;
  secrets(): Record<string, string>;
}

export async function startAlipayDouble(): Promise<AlipayDouble> {
  const merchant = rsaPair();
  const alipay = rsaPair();
  const appId = '2021000000000001';
  const trades: AlipayDouble['trades'] = new Map();
  const refunds: AlipayDouble['refunds'] = [];
  const answer = (res: ServerResponse, method: string, json: Record<string, unknown>) => {
    const raw = JSON.stringify(json);
    const key = `${method.replace(/\./gu, '_')}_response`;
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
    res.end(`{"${key}":${raw},"sign":"${alipaySign(raw, alipay.privatePem)}"}`);
  };
  const base = await serve(
    (req, body, res) => {
      if (req.method === 'GET' && req.url?.startsWith('/billfile')) {
        res.writeHead(200, { 'content-type': 'application/zip' });
        return void res.end(alipayBillZip([...trades.values()], refunds));
      }
      const p = Object.fromEntries(new URLSearchParams(body));
      const biz = JSON.parse(p.biz_content ?? '{}') as Record<string, string>;
      const method = p.method ?? '';
      if (method === 'alipay.data.dataservice.bill.downloadurl.query')
        return answer(res, method, {
          code: '10000',
          msg: 'Success',
          bill_download_url: `${base.url}/billfile?bill_date=${biz.bill_date}`,
        });
      if (method === 'alipay.trade.precreate') {
        trades.set(biz.out_trade_no!, {
          number: biz.out_trade_no!,
          amountFen: Math.round(Number(biz.total_amount) * 100),
          status: 'WAIT_BUYER_PAY',
          tradeNo: `2026${randomBytes(8).toString('hex')}`,
        });
        return answer(res, method, {
          code: '10000',
          msg: 'Success',
          out_trade_no: biz.out_trade_no,
          qr_code: 'https://qr.alipay.com/bax0',
        });
      }
      if (method === 'alipay.trade.query') {
        const t = trades.get(biz.out_trade_no!);
        if (!t)
          return answer(res, method, {
            code: '40004',
            msg: 'Business Failed',
            sub_code: 'ACQ.TRADE_NOT_EXIST',
            sub_msg: '交易不存在',
          });
        return answer(res, method, {
          code: '10000',
          msg: 'Success',
          out_trade_no: t.number,
          trade_no: t.tradeNo,
          trade_status: t.status,
          total_amount: (t.amountFen / 100).toFixed(2),
        });
      }
      if (method === 'alipay.trade.refund') {
        refunds.push({
          number: biz.out_trade_no!,
          requestNo: biz.out_request_no!,
          amountFen: Math.round(Number(biz.refund_amount) * 100),
        });
        return answer(res, method, {
          code: '10000',
          msg: 'Success',
          out_trade_no: biz.out_trade_no,
          fund_change: 'Y',
          refund_fee: biz.refund_amount,
          trade_no: 'x',
        });
      }
      return answer(res, method, {
        code: '40004',
        msg: 'Business Failed',
        sub_code: 'ACQ.INVALID_PARAMETER',
      });
    },
    (req, body) => {
      // The bill's download URL is itself the credential (short-lived, unsigned), as at Alipay.
      if (req.method === 'GET' && req.url?.startsWith('/billfile')) return true;
      const p = Object.fromEntries(new URLSearchParams(body));
      return alipayVerify(alipaySignContent(p, ['sign']), p.sign ?? '', merchant.publicPem);
    },
  );
  return {
    ...base,
    merchant,
    alipay,
    appId,
    trades,
    refunds,
    notification(params, opts = {}) {
      const all: Record<string, string> = {
        app_id: appId,
        notify_id: randomBytes(8).toString('hex'),
        notify_type: 'trade_status_sync',
        charset: 'utf-8',
        version: '1.0',
        ...params,
      };
      const sign = alipaySign(alipaySignContent(all, ['sign', 'sign_type']), alipay.privatePem);
      const body = new URLSearchParams({ ...all, sign_type: 'RSA2', sign }).toString();
      return opts.tamper ? body.replace(/total_amount=[^&]+/u, 'total_amount=0.01') : body;
    },
    config() {
      return { appId, alipayPublicKeyPem: alipay.publicPem, gatewayUrl: `${base.url}/gateway.do` };
    },
    secrets() {
      return { privateKey: merchant.privatePem };
    },
  };
}

/** The bill as Alipay's download URL answers it: a ZIP of two GBK CSV files, details and summary,
 * comment lines, tab-padded values, negative refunds. */
export function alipayBillZip(
  trades: { number: string; amountFen: number; status: string; tradeNo: string }[],
  refunds: { number: string; requestNo: string; amountFen: number }[],
) {
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const line = (txn: string, number: string, type: string, fen: number, requestNo = '') =>
    [
      txn,
      number,
      type,
      '在线充值',
      '2026-12-01 09:59:00',
      '2026-12-01 10:00:00',
      '',
      '',
      '',
      '',
      'ali***@example.com',
      yuan(fen),
      yuan(fen),
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '',
      '0.00',
      '0.00',
      requestNo,
      '0.00',
      '0.00',
      '',
    ]
      .map((v) => `${v}\t`)
      .join(',');
  const details = [
    '#支付宝业务明细查询',
    '#账号：[20881234567890120156]',
    '#-----------------------------------------业务明细列表----------------------------------------',
    '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注',
    ...trades
      .filter((t) => t.status === 'TRADE_SUCCESS')
      .map((t) => line(t.tradeNo, t.number, '交易', t.amountFen)),
    ...refunds.map((r) =>
      line(
        trades.find((t) => t.number === r.number)?.tradeNo ?? '',
        r.number,
        '退款',
        -r.amountFen,
        r.requestNo,
      ),
    ),
    '#-----------------------------------------业务明细列表结束------------------------------------',
    `#交易合计：${trades.length}笔，退款合计：${refunds.length}笔`,
  ].join('\r\n');
  const summary = [
    '#支付宝业务汇总查询',
    '门店编号,门店名称,交易订单总笔数,退款订单总笔数,已收入金额（元）,实收净额（元）',
    `合计,,${trades.length},${refunds.length},0.00,0.00`,
  ].join('\r\n');
  const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));
  // The summary comes first: the product must pick the details by their header, not by order.
  return Buffer.from(
    zipSync({
      '20881234567890120156_20261201_业务明细(汇总).csv': gbk(summary),
      '20881234567890120156_20261201_业务明细.csv': gbk(details),
    }),
  );
}

// ---------------------------------------------------------------- Stripe

export interface StripeDouble extends Double {
  secretKey: string;
  webhookSecret: string;
  intents: Map<
    string,
    { id: string; amount: number; status: string; metadata: Record<string, string> }
  >;
  event(
    type: string,
    object: unknown,
    opts?: { timestampS?: number; secret?: string },
  ): { headers: Record<string, string>; body: string };
  config(): Record<string, string>;
  secrets(): Record<string, string>;
}

export async function startStripeDouble(): Promise<StripeDouble> {
  const secretKey = `sk_test_${randomBytes(8).toString('hex')}`;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const intents: StripeDouble['intents'] = new Map();
  const base = await serve(
    (req, body, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (status: number, j: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(j));
      };
      if (req.method === 'POST' && url.pathname === '/v1/payment_intents') {
        const p = new URLSearchParams(body);
        const id = `pi_${randomBytes(8).toString('hex')}`;
        const pi = {
          id,
          amount: Number(p.get('amount')),
          status: 'requires_payment_method',
          metadata: { number: p.get('metadata[number]') ?? '' },
        };
        intents.set(id, pi);
        return json(200, { ...pi, client_secret: `${id}_secret_x`, object: 'payment_intent' });
      }
      const m = /^\/v1\/payment_intents\/([^/]+)$/u.exec(url.pathname);
      if (req.method === 'GET' && m) {
        const pi = intents.get(m[1]!);
        if (!pi)
          return json(404, {
            error: { code: 'resource_missing', message: 'No such payment_intent' },
          });
        return json(200, {
          ...pi,
          amount_received: pi.status === 'succeeded' ? pi.amount : 0,
          created: Math.floor(Date.now() / 1000),
        });
      }
      return json(404, { error: { code: 'resource_missing', message: url.pathname } });
    },
    (req) => req.headers.authorization === `Bearer ${secretKey}`,
  );
  return {
    ...base,
    secretKey,
    webhookSecret,
    intents,
    event(type, object, opts = {}) {
      const body = JSON.stringify({
        id: `evt_${randomBytes(8).toString('hex')}`,
        object: 'event',
        type,
        data: { object },
      });
      const header = Stripe.webhooks.generateTestHeaderString({
        payload: body,
        secret: opts.secret ?? webhookSecret,
        ...(opts.timestampS ? { timestamp: opts.timestampS } : {}),
      });
      return { headers: { 'content-type': 'application/json', 'stripe-signature': header }, body };
    },
    config() {
      return { publishableKey: 'pk_test_x', currency: 'USD', baseUrl: base.url };
    },
    secrets() {
      return { secretKey, webhookSecret };
    },
  };
}
