// The partner portal (合作商家门户): what a signed-in partner account may do — always for its own
// partner, taken from the account, never from the request. It checks a customer's coupon code,
// redeems it once, issues its own coupons to a phone, and reads its redemptions and statement.
import { desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { normalizePhone } from '../../kernel/phone.ts';
import {
  claimCoupon,
  couponTemplates,
  coupons,
  describeTerms,
  issueCoupon,
  normalizeCode,
  redeemerOf,
  selectCoupons,
} from '../coupons/index.ts';
import { customers, findOrCreateCustomerByPhone } from '../customers/index.ts';
import { partnerOfStaff } from '../identity/index.ts';
import { sendToAddress, sendToCustomer } from '../messaging/index.ts';
import { getTenant } from '../tenancy/index.ts';
import { PARTNER_REDEEMED, PARTNER_REDEMPTION_NOTICE } from './partners.messages.ts';
import type { PortalReason } from './partners.schemas.ts';
import { partnerDto, partnerRow, type PartnerRow } from './partners.service.ts';
import { maskName, resolvePeriod, statementFor, statementLines } from './statement.ts';

export const COUPON_QR_PREFIX = 'LKCP:';

/**
 * What a scanner or a person gives: the bare code, `LKCP:<code>`, or a link carrying
 * `?code=<code>`; case, spaces and dashes do not matter.
 */
export function codeFromScan(input: string): string {
  let s = input.trim();
  if (s.toUpperCase().startsWith(COUPON_QR_PREFIX)) s = s.slice(COUPON_QR_PREFIX.length);
  else if (/^https?:\/\//i.test(s)) {
    try {
      const url = new URL(s);
      s = url.searchParams.get('code') ?? url.pathname.split('/').filter(Boolean).pop() ?? s;
    } catch {
      // Not a URL after all: take it as typed.
    }
  }
  return normalizeCode(s);
}

/** The signed-in account and its partner; an account bound to none cannot use the portal. */
export async function portalAccount(
  ctx: Ctx,
): Promise<{ account: { id: string; name: string }; partner: PartnerRow }> {
  if (ctx.actor.type !== 'staff') throw new AppError('PARTNER_NOT_LINKED');
  const me = await partnerOfStaff(ctx, ctx.actor.id);
  if (!me?.partnerId) throw new AppError('PARTNER_NOT_LINKED');
  return { account: { id: me.id, name: me.name }, partner: await partnerRow(ctx, me.partnerId) };
}

async function activePartner(ctx: Ctx) {
  const found = await portalAccount(ctx);
  if (found.partner.status !== 'active') throw new AppError('PARTNER_SUSPENDED');
  return found;
}

export async function portalMe(ctx: Ctx) {
  const { account, partner } = await portalAccount(ctx);
  const { accounts: _a, ...p } = partnerDto(partner, []);
  return { partner: p, account };
}

async function couponByCode(ctx: Ctx, code: string) {
  const [r] = await selectCoupons(ctx, eq(coupons.code, codeFromScan(code)));
  return r ?? null;
}

type Found = NonNullable<Awaited<ReturnType<typeof couponByCode>>>;

/**
 * Why the partner cannot redeem the coupon now, or null when it can. Scope comes first: a coupon
 * of another partner or of the business says nothing more about itself.
 */
function reasonFor(r: Found | null, partnerId: string, now: Date): PortalReason | null {
  if (!r) return 'COUPON_NOT_FOUND';
  if (redeemerOf(r.t) !== partnerId) return 'COUPON_OUT_OF_SCOPE';
  if (r.c.status === 'voided') return 'COUPON_VOIDED';
  if (r.c.status === 'redeemed') return 'COUPON_ALREADY_REDEEMED';
  if (now < r.c.validFrom) return 'COUPON_NOT_YET_VALID';
  if (r.c.validUntil && now >= r.c.validUntil) return 'COUPON_EXPIRED';
  return null;
}

export async function validateAtPartner(ctx: Ctx, code: string) {
  const { partner } = await portalAccount(ctx);
  const r = await couponByCode(ctx, code);
  const reason = reasonFor(r, partner.id, ctx.clock.now());
  const visible = r && reason !== 'COUPON_NOT_FOUND' && reason !== 'COUPON_OUT_OF_SCOPE';
  return {
    valid: reason === null,
    reason,
    message: reason ? new AppError(reason).messageFor(ctx.locale) : null,
    coupon: visible
      ? {
          code: r.c.code,
          templateName: r.t.name,
          kind: r.t.kind,
          valueText: describeTerms(r.t, ctx.locale),
          validUntil: r.c.validUntil?.toISOString() ?? null,
          customerName: maskName(r.customerName, r.customerPhone),
          status: r.c.status,
          settlementFen: r.t.settlementFen,
        }
      : null,
  };
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/**
 * Redeems a coupon at the partner, at most once (of two counters redeeming the same code at once,
 * one succeeds: see the coupons module's claimCoupon). The customer is told, the partner gets an
 * e-mail.
 */
export async function redeemAtPartner(ctx: Ctx, code: string) {
  const { partner } = await activePartner(ctx);
  const r = await couponByCode(ctx, code);
  const now = ctx.clock.now();
  const reason = reasonFor(r, partner.id, now);
  if (reason === 'COUPON_NOT_FOUND' || !r) throw new AppError('NOT_FOUND', { field: 'code' });
  if (reason) throw new AppError(reason, { field: 'code' });

  await claimCoupon(ctx, r.c, {
    at: now,
    settlementFen: r.t.settlementFen,
    note: `合作商家核销：${partner.name}`,
    record: {
      audit: { code: r.c.code, partnerId: partner.id, settlementFen: r.t.settlementFen },
      event: { partnerId: partner.id, settlementFen: r.t.settlementFen },
    },
  });
  const tz = (await getTenant(ctx)).timezone;
  const when = localTime(now, tz);
  await sendToCustomer(ctx, {
    customerId: r.c.customerId,
    templateKey: PARTNER_REDEEMED.key,
    data: {
      coupon: { name: r.t.name, code: r.c.code },
      partner: { name: partner.name },
      redemption: { time: when },
    },
    dedupeKey: `partner.couponRedeemed:${r.c.id}`,
    priority: 'transactional',
    purpose: 'transactional',
    source: { type: 'system', id: partner.id },
  });
  if (partner.email)
    await sendToAddress(ctx, {
      channel: 'email',
      to: partner.email,
      templateKey: PARTNER_REDEMPTION_NOTICE.key,
      data: {
        coupon: { name: r.t.name, code: r.c.code },
        partner: { name: partner.name },
        redemption: {
          time: when,
          customer: maskName(r.customerName, r.customerPhone),
          settlement: yuan(r.t.settlementFen),
        },
      },
      purpose: 'transactional',
      dedupeKey: `partner.redemptionNotice:${r.c.id}`,
    });
  return {
    redemption: {
      couponId: r.c.id,
      code: r.c.code,
      templateName: r.t.name,
      redeemedAt: now.toISOString(),
      settlementFen: r.t.settlementFen,
    },
  };
}

/** The partner's own coupon templates (both directions), newest first. */
export async function portalTemplates(ctx: Ctx) {
  const { partner } = await portalAccount(ctx);
  const rows = await ctx.tx
    .select()
    .from(couponTemplates)
    .where(eq(couponTemplates.partnerId, partner.id))
    .orderBy(desc(couponTemplates.createdAt), desc(couponTemplates.id));
  return {
    items: rows.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      valueText: describeTerms(t, ctx.locale),
      direction: t.partnerDirection ?? 'redeem_at_partner',
      settlementFen: t.settlementFen,
      status: t.status,
    })),
  };
}

/**
 * The partner hands one of ITS redeem_at_business coupons to a customer by phone: an existing
 * customer of the business, else a new one (source partner). Budget and per-customer limit hold
 * as for any issue.
 */
export async function issueAtPartner(ctx: Ctx, input: { templateId: string; phone: string }) {
  const { partner } = await activePartner(ctx);
  const [t] = await ctx.tx
    .select()
    .from(couponTemplates)
    .where(eq(couponTemplates.id, input.templateId));
  // Another partner's template, or the business's own, is not there for this partner.
  if (!t || t.partnerId !== partner.id) throw new AppError('NOT_FOUND', { field: 'templateId' });
  if (t.partnerDirection !== 'redeem_at_business')
    throw new AppError('PARTNER_TEMPLATE_NOT_ISSUABLE', { field: 'templateId' });
  const phone = normalizePhone(input.phone);
  if (!phone.ok) throw new AppError('PHONE_INVALID', { field: 'phone' });
  const [existing] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.phone, phone.e164));
  const customer = await findOrCreateCustomerByPhone(ctx, {
    phone: phone.e164,
    source: 'partner',
  });
  const coupon = await issueCoupon(ctx, {
    templateId: t.id,
    customerId: customer.id,
    // Each call is a new coupon (Idempotency-Key on the request makes a retry safe).
    key: `partner:${newId()}`,
    source: 'partner',
    sourceRef: partner.id,
  });
  const [c] = await ctx.tx
    .select({ name: customers.name, phone: customers.phone })
    .from(customers)
    .where(eq(customers.id, customer.id));
  return {
    code: coupon.code,
    customerName: maskName(c?.name ?? null, c?.phone ?? phone.e164),
    templateName: t.name,
    validUntil: coupon.validUntil,
    newCustomer: !existing,
  };
}

export async function portalRedemptions(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined },
) {
  const { partner } = await portalAccount(ctx);
  const lines = await statementLines(ctx, partner.id, await resolvePeriod(ctx, q, 30));
  return { items: lines.reverse() };
}

export async function portalStatement(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined },
) {
  const { partner } = await portalAccount(ctx);
  return statementFor(ctx, partner, q);
}
