// Referrals seen from one customer: staff's view on the customer's page, the car owner's own in
// the app (their code, link and poster, the programme, the friends they brought and what it
// earned them), and the public landing page of a code.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { getTenant } from '../tenancy/index.ts';
import { customerByCode, ensureCode, referralLink } from './codes.ts';
import { toDtos } from './listing.ts';
import { assertCustomer, couponName } from './lookups.ts';
import { maskName, offerText } from './messages.ts';
import type { ReferralSettings } from './referrals.schemas.ts';
import { referralHouseholds, referralRewards, referrals } from './referrals.tables.ts';
import { loadReferralSettings } from './settings.ts';

type ReferralRow = typeof referrals.$inferSelect;
type RewardRow = typeof referralRewards.$inferSelect;

export async function customerReferrals(ctx: Ctx, customerId: string, publicUrl: string) {
  await assertCustomer(ctx, customerId);
  const code = await ensureCode(ctx, customerId);
  const tenant = await getTenant(ctx);
  const [by] = await ctx.tx.select().from(referrals).where(eq(referrals.refereeId, customerId));
  const mine = await ctx.tx
    .select()
    .from(referrals)
    .where(eq(referrals.referrerId, customerId))
    .orderBy(desc(referrals.createdAt));
  const [household] = await ctx.tx
    .select()
    .from(referralHouseholds)
    .where(eq(referralHouseholds.holderId, customerId));
  return {
    code,
    link: referralLink(publicUrl, code, tenant.slug),
    referredBy: by ? (await toDtos(ctx, [by]))[0]! : null,
    referrals: await toDtos(ctx, mine),
    household: { address: household?.addressKey ?? null, payerRef: household?.payerKey ?? null },
  };
}

export async function myReferrals(ctx: Ctx, customerId: string, publicUrl: string) {
  const me = await assertCustomer(ctx, customerId);
  const code = await ensureCode(ctx, customerId);
  const tenant = await getTenant(ctx);
  const settings = await loadReferralSettings(ctx);
  const { rows, by, rewards } = await friendsOf(ctx, customerId);
  const rewardOf = (referralId: string) => {
    const w = rewards.find((x) => x.referralId === referralId);
    return w ? { kind: w.kind, amount: w.amount, status: w.status } : null;
  };
  return {
    code,
    link: referralLink(publicUrl, code, tenant.slug),
    posterPngUrl: '/api/v1/app/referrals/poster.png',
    posterSvgUrl: '/api/v1/app/referrals/poster.svg',
    program: await programFor(ctx, settings, me.language),
    referrals: rows.map((r) => ({
      id: r.id,
      name: maskName(r.name, r.phone),
      joinedAt: new Date(r.created_at).toISOString(),
      status: r.status,
      myReward: rewardOf(r.id),
    })),
    referredBy: by
      ? { name: maskName(by.name, by.phone), status: by.status, myReward: rewardOf(by.id) }
      : null,
    totals: totals(rows, rewards),
  };
}

/** The friends a customer brought (newest first), who brought them, and their own rewards. */
async function friendsOf(ctx: Ctx, customerId: string) {
  const rows = await queryRows<{
    id: string;
    name: string | null;
    phone: string;
    created_at: string | Date;
    status: ReferralRow['status'];
  }>(
    ctx.tx,
    sql`select f.id, c.name, c.phone, f.created_at, f.status from referrals f
        join customers c on c.id = f.referee_id
        where f.referrer_id = ${customerId}::uuid order by f.created_at desc limit 500`,
  );
  const [by] = await queryRows<{
    id: string;
    name: string | null;
    phone: string;
    status: ReferralRow['status'];
  }>(
    ctx.tx,
    sql`select f.id, c.name, c.phone, f.status from referrals f join customers c on c.id = f.referrer_id
        where f.referee_id = ${customerId}::uuid`,
  );
  const ids = [...rows.map((r) => r.id), ...(by ? [by.id] : [])];
  const rewards = ids.length
    ? await ctx.tx
        .select()
        .from(referralRewards)
        .where(
          and(inArray(referralRewards.referralId, ids), eq(referralRewards.customerId, customerId)),
        )
    : [];
  return { rows, by, rewards };
}

/** The programme as the app shows it, with the coupons' names and the offer in words. */
async function programFor(ctx: Ctx, settings: ReferralSettings, language: string) {
  const offerCoupon =
    settings.refereeReward.kind === 'coupon' ? settings.refereeReward.couponTemplateId : null;
  return {
    enabled: settings.enabled,
    referrerReward: {
      ...settings.referrerReward,
      couponName: await couponName(
        ctx,
        settings.referrerReward.kind === 'coupon' ? settings.referrerReward.couponTemplateId : null,
      ),
    },
    refereeReward: { ...settings.refereeReward, couponName: await couponName(ctx, offerCoupon) },
    minOrderFen: settings.minOrderFen,
    text: offerText(settings, await couponName(ctx, offerCoupon), language),
  };
}

function totals(rows: { status: ReferralRow['status'] }[], rewards: RewardRow[]) {
  const earned = rewards.filter((w) => w.status === 'granted');
  return {
    joined: rows.filter((r) => r.status !== 'rejected').length,
    rewarded: rows.filter((r) => r.status === 'rewarded').length,
    pointsEarned: earned.filter((w) => w.kind === 'points').reduce((a, w) => a + w.amount, 0),
    storedValueEarnedFen: earned
      .filter((w) => w.kind === 'stored_value')
      .reduce((a, w) => a + w.amount, 0),
    couponsEarned: earned.filter((w) => w.kind === 'coupon').length,
  };
}

export async function publicReferral(ctx: Ctx, code: string) {
  const referrer = await customerByCode(ctx, code);
  const settings = await loadReferralSettings(ctx);
  if (!settings.enabled) throw new AppError('REFERRAL_PROGRAM_CLOSED', { field: 'code' });
  const tenant = await getTenant(ctx);
  const r = settings.refereeReward;
  return {
    tenantName: tenant.name,
    referrerName: maskName(referrer.name, referrer.phone),
    welcomeText: settings.welcomeText,
    refereeReward: {
      ...r,
      couponName: await couponName(ctx, r.kind === 'coupon' ? r.couponTemplateId : null),
    },
    minOrderFen: settings.minOrderFen,
  };
}
