// The one port every payment provider implements (WeChat Pay v3, Alipay, Stripe, development).
// The payments service decides what is paid and when it is credited; an adapter only talks to its
// provider and says how it went. Adapters never throw for a provider's answer: they classify it
// (retryable: a timeout, a 5xx, a network error — retry, then query; permanent: a 4xx, a refusal
// — fail clearly). Notifications are the exception: a notification that does not verify throws
// NotificationRejected, and nothing in it is believed.
import type { PaymentChannel, PaymentProviderName } from './payments.tables.ts';

export interface ProviderCredentials {
  tenantId: string;
  /** Shown settings (merchant id, app id, key serials, public keys, base URL). */
  config: Record<string, string>;
  /** Opened secrets (private keys, API keys). */
  secrets: Record<string, string>;
  /** The development provider's own books (it has no server of its own). */
  books?: DevBooks;
}

/** One line of the development provider's books (a payment or a refund it "made"). */
export interface DevBookLine {
  number: string;
  kind: 'payment' | 'refund';
  paymentNumber: string;
  txnId: string;
  amountFen: number;
  status: 'pending' | 'paid' | 'closed';
  at: Date;
}

export interface DevBooks {
  get(number: string): Promise<DevBookLine | null>;
  put(line: DevBookLine): Promise<void>;
  between(from: Date, to: Date): Promise<DevBookLine[]>;
}

export type ProviderResult<T> =
  { ok: true; value: T } | { ok: false; retryable: boolean; error: string; providerCode?: string };

export interface CreateRequest {
  number: string;
  amountFen: number;
  currency: string;
  description: string;
  channel: PaymentChannel;
  /** Where the provider sends its notification. */
  notifyUrl: string;
  /** Where the owner's browser comes back to (the result page, which never marks anything paid). */
  returnUrl: string;
  expiresAt: Date;
  /** WeChat JSAPI: the payer's openid. */
  openid?: string | undefined;
  clientIp?: string | undefined;
}

/** What the owner's client does next: open a URL, show a QR code, call a JS bridge… */
export type PaymentAction = Record<string, string>;

export type TradeState = 'paid' | 'pending' | 'closed' | 'refunded';

/** What the provider says about one payment (from a verified query or notification). */
export interface TradeFacts {
  number: string;
  state: TradeState;
  providerTxnId: string | null;
  /** What the provider says was paid, in fen: compared with what we created. */
  amountFen: number | null;
  paidAt: Date | null;
}

export interface RefundRequest {
  paymentNumber: string;
  providerTxnId: string | null;
  refundNumber: string;
  amountFen: number;
  totalFen: number;
  currency: string;
  reason: string;
  notifyUrl: string;
}

export interface RefundFacts {
  refundNumber: string;
  state: 'succeeded' | 'pending' | 'failed';
  providerRefundId: string | null;
  amountFen: number | null;
}

/** One line of a provider's daily statement. */
export interface StatementLine {
  kind: 'payment' | 'refund';
  /** Our payment number (refund lines: the refund's payment). */
  paymentNumber: string;
  refundNumber: string | null;
  providerTxnId: string | null;
  amountFen: number;
}

/** A notification that verified: a payment's or a refund's facts. */
export type VerifiedNotification =
  | { type: 'trade'; trade: TradeFacts; eventId: string }
  | { type: 'refund'; paymentNumber: string; refund: RefundFacts; eventId: string }
  | { type: 'ignored'; eventId: string };

export interface RawNotification {
  headers: Record<string, string | undefined>;
  /** The body exactly as received (signatures are over these bytes). */
  body: string;
}

/** What a notification that does not verify is refused with (nothing in it is believed). */
export class NotificationRejected extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

export interface PaymentProvider {
  name: PaymentProviderName;
  channels: readonly PaymentChannel[];
  create(
    req: CreateRequest,
    creds: ProviderCredentials,
  ): Promise<ProviderResult<{ action: PaymentAction; providerTxnId?: string }>>;
  query(
    number: string,
    providerTxnId: string | null,
    creds: ProviderCredentials,
  ): Promise<ProviderResult<TradeFacts>>;
  refund(req: RefundRequest, creds: ProviderCredentials): Promise<ProviderResult<RefundFacts>>;
  queryRefund(req: RefundRequest, creds: ProviderCredentials): Promise<ProviderResult<RefundFacts>>;
  /** The provider's statement of one day (`YYYY-MM-DD`, the provider's own day). */
  statement(
    day: string,
    creds: ProviderCredentials,
    range: { from: Date; to: Date },
  ): Promise<ProviderResult<StatementLine[]>>;
  verifyNotification(
    raw: RawNotification,
    creds: ProviderCredentials,
    now: Date,
  ): VerifiedNotification | Promise<VerifiedNotification>;
}

/** A provider's HTTP answer classified: 5xx/429 retryable, other 4xx permanent. */
export function classifyStatus(status: number, error: string, providerCode?: string) {
  return {
    ok: false as const,
    retryable: status >= 500 || status === 429,
    error,
    ...(providerCode ? { providerCode } : {}),
  };
}

/** A request that did not get an answer (timeout, connection refused): retry, then query. */
export const unreachable = (err: unknown) => ({
  ok: false as const,
  retryable: true,
  error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
});

export const PROVIDER_TIMEOUT_MS = 10_000;

/** fetch with the providers' timeout; network errors surface as thrown errors for `unreachable`. */
export function providerFetch(url: string, init: RequestInit, timeoutMs = PROVIDER_TIMEOUT_MS) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/** Yuan as providers write it ("500.00") to fen, exactly (no floating point). */
export function yuanToFen(yuan: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/u.exec(yuan.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const fenToYuan = (fen: number) =>
  `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** A created payment's answer: what the owner's client does next. */
export const acted = (action: PaymentAction, providerTxnId?: string) => ({
  ok: true as const,
  value: providerTxnId ? { action, providerTxnId } : { action },
});
