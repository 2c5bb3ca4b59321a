// Starting a payment: what is paid and its amount are fixed here, on the server (a top-up
// package, a service package, a completed order's balance, a group deal's price); the provider is
// asked for what the owner's client needs (a prepay id, a redirect, a QR code, a client secret).
// A timeout or 5xx is retried, then answered 503; a provider's refusal is answered clearly.
import { and, eq, gt, inArray } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { getWechatBinding } from '../channel-settings/index.ts';
import { deals } from '../deals/index.ts';
import { listPackageProducts, loadLoyaltySettings } from '../loyalty/index.ts';
import { serviceOrders } from '../service/index.ts';
import { nextQueryAt, PAYMENT_TTL_MS } from './payment-rules.ts';
import { providerCredentials } from './payment-settings.ts';
import {
  payments,
  type PaymentChannel,
  type PaymentKind,
  type PaymentProviderName,
} from './payments.tables.ts';
import type {
  CreateRequest,
  PaymentAction,
  PaymentProvider,
  ProviderCredentials,
  ProviderResult,
} from './port.ts';
import { PROVIDERS } from './provider-registry.ts';
import { logPaymentEvent } from './settlement.ts';

export interface StartPaymentInput {
  customerId: string;
  kind: PaymentKind;
  subjectId: string;
  provider: PaymentProviderName;
  channel: PaymentChannel;
  /** Not believed: a JSAPI payment is made for the openid bound to the customer. */
  openid?: string | undefined;
  clientIp?: string | undefined;
}

/**
 * The payer of a WeChat JSAPI payment: the openid bound to the customer under the tenant's
 * official account (channel settings' bindings), never one the client names — a client could name
 * someone else's. No binding: refused here, before WeChat Pay is asked.
 */
async function jsapiPayer(ctx: Ctx, input: StartPaymentInput) {
  if (input.provider !== 'wechat' || input.channel !== 'jsapi') return undefined;
  const { openid } = await getWechatBinding(ctx, input.customerId);
  if (!openid) throw new AppError('PAYMENT_WECHAT_NOT_BOUND', { field: 'channel' });
  return openid;
}

interface Priced {
  amountFen: number;
  description: string;
  terms: { payFen?: number; bonusFen?: number };
}

/** What the subject costs now, or why it cannot be paid online. */
async function price(
  ctx: Ctx,
  customerId: string,
  kind: PaymentKind,
  subjectId: string,
): Promise<Priced> {
  const notPayable = () => new AppError('PAYMENT_NOT_PAYABLE', { field: 'subjectId' });
  if (kind === 'top_up') {
    const pkg = (await loadLoyaltySettings(ctx)).topUpPackages.find(
      (p) => p.id === subjectId && p.active,
    );
    if (!pkg) throw new AppError('NOT_FOUND', { field: 'subjectId' });
    return {
      amountFen: pkg.payFen,
      description: `储值 ${pkg.name}`,
      terms: { payFen: pkg.payFen, bonusFen: pkg.bonusFen },
    };
  }
  if (kind === 'package') {
    const product = (await listPackageProducts(ctx)).items.find((p) => p.id === subjectId);
    if (!product) throw new AppError('NOT_FOUND', { field: 'subjectId' });
    if (!product.active) throw notPayable();
    return { amountFen: product.priceFen, description: `套餐 ${product.name}`, terms: {} };
  }
  if (kind === 'order') {
    const [o] = await ctx.tx
      .select()
      .from(serviceOrders)
      .where(and(eq(serviceOrders.id, subjectId), eq(serviceOrders.customerId, customerId)));
    if (!o) throw new AppError('NOT_FOUND', { field: 'subjectId' });
    if (['paid', 'closed', 'refunded'].includes(o.status))
      throw new AppError('PAYMENT_ALREADY_PAID', { field: 'subjectId' });
    const due = Math.max(0, o.totalFen - o.discountFen);
    if (o.status !== 'completed' || due <= 0) throw notPayable();
    return { amountFen: due, description: `工单 ${o.number}`, terms: {} };
  }
  const [d] = await ctx.tx.select().from(deals).where(eq(deals.id, subjectId));
  if (!d) throw new AppError('NOT_FOUND', { field: 'subjectId' });
  if (d.status !== 'open' || d.deadlineAt <= ctx.clock.now()) throw notPayable();
  return { amountFen: d.priceFen, description: `团购 ${d.title}`, terms: {} };
}

/** What an owner can buy online: the active top-up packages and service packages. */
export async function paymentCatalog(ctx: Ctx) {
  const settings = await loadLoyaltySettings(ctx);
  const products = await listPackageProducts(ctx);
  return {
    topUps: settings.topUpPackages
      .filter((p) => p.active)
      .map((p) => ({ id: p.id, name: p.name, payFen: p.payFen, bonusFen: p.bonusFen })),
    packages: products.items
      .filter((p) => p.active)
      .map((p) => ({
        id: p.id,
        name: p.name,
        uses: p.uses,
        validityDays: p.validityDays,
        priceFen: p.priceFen,
      })),
  };
}

/** `L` + 14 digits of time + 12 random: within WeChat's 32 characters, letters and digits only. */
const paymentNumber = (now: Date) =>
  `L${now.toISOString().replace(/\D/gu, '').slice(0, 14)}${randomBytes(6).toString('hex').toUpperCase()}`;

const CREATE_ATTEMPTS = 3;

/** A provider call retried on timeouts and 5xx (the provider keys it by our number). */
export async function withRetries<T>(
  fn: () => Promise<ProviderResult<T>>,
): Promise<ProviderResult<T>> {
  let last: ProviderResult<T> | null = null;
  for (let i = 0; i < CREATE_ATTEMPTS; i++) {
    last = await fn();
    if (last.ok || !last.retryable) return last;
  }
  return last!;
}

export function providerFailure(r: { retryable: boolean; error: string; providerCode?: string }) {
  return new AppError(r.retryable ? 'PAYMENT_PROVIDER_UNAVAILABLE' : 'PAYMENT_PROVIDER_REFUSED', {
    details: {
      error: r.error.slice(0, 300),
      ...(r.providerCode ? { providerCode: r.providerCode } : {}),
    },
  });
}

async function askProvider(
  provider: PaymentProvider,
  req: CreateRequest,
  creds: ProviderCredentials,
): Promise<{ action: PaymentAction; providerTxnId?: string }> {
  const r = await withRetries(() => provider.create(req, creds));
  if (!r.ok) throw providerFailure(r);
  return r.value;
}

/** The owner's payment of the same thing, same way, still open for a while (a second tap). */
async function openPaymentFor(ctx: Ctx, input: StartPaymentInput, amountFen: number, now: Date) {
  const [open] = await ctx.tx
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.customerId, input.customerId),
        eq(payments.kind, input.kind),
        eq(payments.subjectId, input.subjectId),
        eq(payments.provider, input.provider),
        eq(payments.channel, input.channel),
        eq(payments.amountFen, amountFen),
        inArray(payments.status, ['pending']),
        gt(payments.expiresAt, new Date(now.getTime() + 60_000)),
      ),
    )
    .limit(1);
  return open;
}

/**
 * Creates (or answers the still-open) payment of the owner for this subject. A second tap while
 * one is open answers that one, so one purchase is never two payments.
 */
export async function startPayment(
  ctx: Ctx,
  input: StartPaymentInput,
  urls: { notifyBase: string; returnBase: string },
) {
  const provider = PROVIDERS[input.provider];
  if (!provider.channels.includes(input.channel))
    throw new AppError('PAYMENT_CHANNEL_UNSUPPORTED', { field: 'channel' });
  const creds = await providerCredentials(ctx, input.provider);
  const openid = await jsapiPayer(ctx, input);
  const priced = await price(ctx, input.customerId, input.kind, input.subjectId);
  const now = ctx.clock.now();
  const open = await openPaymentFor(ctx, input, priced.amountFen, now);
  if (open) return open;
  if (input.kind === 'order') await refuseIfOrderPaidOnline(ctx, input.subjectId);
  const id = newId();
  const number = paymentNumber(now);
  const expiresAt = new Date(now.getTime() + PAYMENT_TTL_MS);
  const currency =
    input.provider === 'stripe' ? (creds.config.currency ?? 'USD').toUpperCase() : 'CNY';
  const answer = await askProvider(
    provider,
    {
      number,
      amountFen: priced.amountFen,
      currency,
      description: priced.description,
      channel: input.channel,
      notifyUrl: `${urls.notifyBase}/api/v1/webhooks/payments/${input.provider}?tenant=${ctx.tenantId}`,
      returnUrl: `${urls.returnBase}/app/pay/result?payment=${id}`,
      expiresAt,
      openid,
      clientIp: input.clientIp,
    },
    creds,
  );
  const [row] = await ctx.tx
    .insert(payments)
    .values({
      tenantId: ctx.tenantId,
      id,
      number,
      customerId: input.customerId,
      kind: input.kind,
      subjectId: input.subjectId,
      description: priced.description,
      amountFen: priced.amountFen,
      currency,
      provider: input.provider,
      channel: input.channel,
      status: 'pending',
      terms: priced.terms,
      action: answer.action,
      providerTxnId: answer.providerTxnId ?? null,
      expiresAt,
      nextQueryAt: nextQueryAt(now, 0),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await logPaymentEvent(ctx, id, 'created', {
    amountFen: priced.amountFen,
    provider: input.provider,
    channel: input.channel,
  });
  return row!;
}

/** An order already paid online (credited, or held for review) is not paid again. */
async function refuseIfOrderPaidOnline(ctx: Ctx, orderId: string) {
  const [paid] = await ctx.tx
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(
        eq(payments.kind, 'order'),
        eq(payments.subjectId, orderId),
        inArray(payments.status, ['paid', 'held', 'partially_refunded']),
      ),
    )
    .limit(1);
  if (paid) throw new AppError('PAYMENT_ALREADY_PAID', { field: 'subjectId' });
}
