// Stripe (for tenants outside China): Payment Intents confirmed in the owner's browser with the
// client secret, refunds, balance transactions as the statement, and webhooks checked by the SDK's
// `webhooks.constructEvent` (Stripe-Signature, 300 s tolerance). The REST calls are plain
// form-encoded requests with an Idempotency-Key, so the base URL can point at a test double.
import Stripe from 'stripe';
import {
  classifyStatus,
  NotificationRejected,
  providerFetch,
  unreachable,
  type PaymentProvider,
  type ProviderCredentials,
  type ProviderResult,
  type RefundFacts,
  type StatementLine,
  type TradeFacts,
} from './port.ts';

export const STRIPE_DEFAULT_BASE = 'https://api.stripe.com';
export const STRIPE_TOLERANCE_S = 300;

type Json = Record<string, unknown>;

/** Stripe's form encoding: nested keys as `a[b]`. */
function form(params: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(params).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}[${k}]` : k;
    if (v === undefined || v === null) return [];
    if (typeof v === 'object') return form(v as Record<string, unknown>, key);
    return [`${encodeURIComponent(key)}=${encodeURIComponent(String(v as string | number))}`];
  });
}

async function call(
  creds: ProviderCredentials,
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, unknown>,
  idempotencyKey?: string,
): Promise<ProviderResult<Json>> {
  const base = (creds.config.baseUrl || STRIPE_DEFAULT_BASE).replace(/\/+$/u, '');
  const encoded = form(params).join('&');
  let res: Response;
  let text: string;
  try {
    res = await providerFetch(
      method === 'GET' && encoded ? `${base}${path}?${encoded}` : `${base}${path}`,
      {
        method,
        headers: {
          Authorization: `Bearer ${creds.secrets.secretKey ?? ''}`,
          ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
          ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
        },
        ...(method === 'POST' ? { body: encoded } : {}),
      },
    );
    text = await res.text();
  } catch (err) {
    return unreachable(err);
  }
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    /* not JSON: the status says it all */
  }
  if (res.status >= 300) {
    const e = (json.error ?? {}) as Json;
    return classifyStatus(
      res.status,
      `${res.status} ${String(e.message ?? text.slice(0, 200))}`,
      typeof e.code === 'string' ? e.code : undefined,
    );
  }
  return { ok: true, value: json };
}

const meta = (o: Json) => (o.metadata ?? {}) as Record<string, string>;

function intentFacts(pi: Json): TradeFacts {
  const status = String(pi.status ?? '');
  return {
    number: meta(pi).number ?? '',
    state: status === 'succeeded' ? 'paid' : status === 'canceled' ? 'closed' : 'pending',
    providerTxnId: typeof pi.id === 'string' ? pi.id : null,
    amountFen:
      typeof pi.amount_received === 'number' && status === 'succeeded' ? pi.amount_received : null,
    paidAt:
      status === 'succeeded' && typeof pi.created === 'number' ? new Date(pi.created * 1000) : null,
  };
}

function refundFacts(r: Json): RefundFacts {
  const status = String(r.status ?? '');
  return {
    refundNumber: meta(r).number ?? '',
    state:
      status === 'succeeded'
        ? 'succeeded'
        : status === 'failed' || status === 'canceled'
          ? 'failed'
          : 'pending',
    providerRefundId: typeof r.id === 'string' ? r.id : null,
    amountFen: typeof r.amount === 'number' ? r.amount : null,
  };
}

export const stripeProvider: PaymentProvider = {
  name: 'stripe',
  channels: ['intent'],
  async create(req, creds) {
    const r = await call(
      creds,
      'POST',
      '/v1/payment_intents',
      {
        amount: req.amountFen,
        currency: req.currency.toLowerCase(),
        description: req.description,
        metadata: { number: req.number, tenant: creds.tenantId },
        automatic_payment_methods: { enabled: true },
      },
      `pi:${req.number}`,
    );
    if (!r.ok) return r;
    return {
      ok: true,
      value: {
        action: {
          clientSecret: String(r.value.client_secret ?? ''),
          publishableKey: creds.config.publishableKey ?? '',
        },
        providerTxnId: String(r.value.id ?? ''),
      },
    };
  },
  async query(number, txn, creds) {
    if (!txn) return { ok: false, retryable: false, error: `no intent for ${number}` };
    const r = await call(creds, 'GET', `/v1/payment_intents/${encodeURIComponent(txn)}`, {});
    return r.ok
      ? { ok: true, value: { ...intentFacts(r.value), number: meta(r.value).number ?? number } }
      : r;
  },
  async refund(req, creds) {
    const r = await call(
      creds,
      'POST',
      '/v1/refunds',
      {
        payment_intent: req.providerTxnId,
        amount: req.amountFen,
        metadata: { number: req.refundNumber, payment_number: req.paymentNumber },
      },
      `re:${req.refundNumber}`,
    );
    return r.ok
      ? { ok: true, value: { ...refundFacts(r.value), refundNumber: req.refundNumber } }
      : r;
  },
  async queryRefund(req, creds) {
    const r = await call(creds, 'GET', '/v1/refunds', {
      payment_intent: req.providerTxnId,
      limit: 100,
    });
    if (!r.ok) return r;
    const found = ((r.value.data ?? []) as Json[]).find((x) => meta(x).number === req.refundNumber);
    if (!found)
      return {
        ok: true,
        value: {
          refundNumber: req.refundNumber,
          state: 'failed',
          providerRefundId: null,
          amountFen: null,
        },
      };
    return { ok: true, value: refundFacts(found) };
  },
  async statement(_day, creds, range) {
    const lines: StatementLine[] = [];
    let after: string | undefined;
    for (let page = 0; page < 50; page++) {
      const r = await call(creds, 'GET', '/v1/balance_transactions', {
        created: {
          gte: Math.floor(range.from.getTime() / 1000),
          lt: Math.floor(range.to.getTime() / 1000),
        },
        limit: 100,
        'expand[]': 'data.source',
        ...(after ? { starting_after: after } : {}),
      });
      if (!r.ok) return r;
      const data = (r.value.data ?? []) as Json[];
      for (const bt of data) {
        const source = (bt.source ?? {}) as Json;
        const type = String(bt.type ?? '');
        if (type === 'charge' || type === 'payment')
          lines.push({
            kind: 'payment',
            paymentNumber: meta(source).number ?? '',
            refundNumber: null,
            providerTxnId: typeof source.payment_intent === 'string' ? source.payment_intent : null,
            amountFen: Number(bt.amount ?? 0),
          });
        else if (type === 'refund' || type === 'payment_refund')
          lines.push({
            kind: 'refund',
            paymentNumber: meta(source).payment_number ?? '',
            refundNumber: meta(source).number ?? null,
            providerTxnId: typeof source.payment_intent === 'string' ? source.payment_intent : null,
            amountFen: Math.abs(Number(bt.amount ?? 0)),
          });
      }
      if (!r.value.has_more || !data.length) break;
      after = String(data[data.length - 1]!.id);
    }
    return { ok: true, value: lines };
  },
  verifyNotification(raw, creds, now) {
    let event: { id: string; type: string; data: { object: unknown } };
    try {
      event = Stripe.webhooks.constructEvent(
        raw.body,
        raw.headers['stripe-signature'] ?? '',
        creds.secrets.webhookSecret ?? '',
        STRIPE_TOLERANCE_S,
        undefined,
        // The SDK takes the receiving time in milliseconds.
        now.getTime(),
      ) as unknown as typeof event;
    } catch (err) {
      throw new NotificationRejected(`Stripe-Signature: ${(err as Error).message}`);
    }
    const object = event.data.object as Json;
    if (event.type.startsWith('payment_intent.'))
      return { type: 'trade', trade: intentFacts(object), eventId: event.id };
    if (event.type.startsWith('refund.') || event.type === 'charge.refund.updated')
      return {
        type: 'refund',
        paymentNumber: meta(object).payment_number ?? '',
        refund: refundFacts(object),
        eventId: event.id,
      };
    return { type: 'ignored', eventId: event.id };
  },
};
