// Attribution: a link at sign-up or a code at the counter ties a referee to a referrer. The first
// touch wins (one referral per referee); self-referral and cycles are refused; a fraud rule that
// fires flags the referral for review. Both sides hear of it; the referee's welcome coupon
// follows unless the referral waits for review.
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { issueCoupon } from '../coupons/index.ts';
import { markCameByReferral } from '../customers/index.ts';
import { sendToCustomer } from '../messaging/index.ts';
import { customerByCode } from './codes.ts';
import { evaluateFlags, needsReview, type Flag } from './flags.ts';
import { setHousehold } from './household.ts';
import { toDtos } from './listing.ts';
import { assertCustomer, couponName, DAY_MS } from './lookups.ts';
import { maskName, offerText } from './messages.ts';
import type { ReferralDto, ReferralSettings } from './referrals.schemas.ts';
import { referrals } from './referrals.tables.ts';
import { loadReferralSettings } from './settings.ts';

type ReferralRow = typeof referrals.$inferSelect;

interface Attribution {
  referrerId: string;
  refereeId: string;
  channel: 'link' | 'counter';
  attributedBy?: string | null;
}

/** Whether `ancestor` is up the referral chain of `customerId` (a cycle would follow). */
async function isAncestor(ctx: Ctx, ancestor: string, customerId: string): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(
    ctx.tx,
    sql`with recursive up(id, depth) as (
          select ${customerId}::uuid, 0
          union all
          select f.referrer_id, up.depth + 1 from referrals f join up on f.referee_id = up.id
          where up.depth < 50 and f.status <> 'rejected')
        select exists (select 1 from up where id = ${ancestor}::uuid) as found`,
  );
  return !!row?.found;
}

export async function issueWelcomeCoupon(ctx: Ctx, s: ReferralSettings, referral: ReferralRow) {
  if (!s.welcomeCouponTemplateId) return;
  await issueCoupon(ctx, {
    templateId: s.welcomeCouponTemplateId,
    customerId: referral.refereeId,
    key: `referral-welcome:${referral.id}`,
    source: 'referral',
    sourceRef: referral.id,
  });
}

/**
 * Attributes `refereeId` to `referrerId` (flagged when a fraud rule fires). Throws for a closed
 * programme, self-referral (or a cycle), and a referee who already has a referral.
 */
export async function attribute(ctx: Ctx, input: Attribution): Promise<ReferralRow> {
  const settings = await loadReferralSettings(ctx);
  if (!settings.enabled) throw new AppError('REFERRAL_PROGRAM_CLOSED', { field: 'code' });
  if (
    input.referrerId === input.refereeId ||
    (await isAncestor(ctx, input.refereeId, input.referrerId))
  )
    throw new AppError('REFERRAL_SELF', { field: 'code' });
  const now = ctx.clock.now();
  const flags = await evaluateFlags(ctx, { ...input, at: now, settings });
  const flagged = settings.reviewFlagged && needsReview(flags);
  const row = await recordReferral(ctx, input, flags, flagged, now);
  await announceReferral(ctx, input, row.id, settings);
  if (!flagged) await issueWelcomeCoupon(ctx, settings, row);
  return row;
}

/** The referral row, the referee's record saying how they came, and the audit entry. */
async function recordReferral(
  ctx: Ctx,
  input: Attribution,
  flags: Flag[],
  flagged: boolean,
  now: Date,
): Promise<ReferralRow> {
  const id = newId();
  const inserted = await ctx.tx
    .insert(referrals)
    .values({
      tenantId: ctx.tenantId,
      id,
      referrerId: input.referrerId,
      refereeId: input.refereeId,
      channel: input.channel,
      status: flagged ? 'flagged' : 'attributed',
      flags,
      attributedBy: input.attributedBy ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  const row = inserted[0];
  if (!row) throw new AppError('REFERRAL_ALREADY_ATTRIBUTED', { field: 'refereeCustomerId' });
  await markCameByReferral(ctx, [input.refereeId]);
  await recordAudit(ctx, {
    action: 'referral.attributed',
    entityType: 'referral',
    entityId: id,
    changes: {
      referrerId: input.referrerId,
      refereeId: input.refereeId,
      channel: input.channel,
      status: row.status,
      flags: flags.map((f) => f.code),
    },
  });
  return row;
}

/** Tells the referrer a friend joined and welcomes the referee with the programme's offer. */
async function announceReferral(
  ctx: Ctx,
  input: Attribution,
  id: string,
  settings: ReferralSettings,
) {
  const [referrer, referee] = await Promise.all([
    assertCustomer(ctx, input.referrerId),
    assertCustomer(ctx, input.refereeId),
  ]);
  await sendToCustomer(ctx, {
    customerId: input.referrerId,
    templateKey: 'referral.joined',
    data: { referral: { friend: maskName(referee.name, referee.phone) } },
    dedupeKey: `referral.joined:${id}`,
    priority: 'transactional',
    purpose: 'transactional',
    source: { type: 'system', id },
  });
  const offerCoupon =
    settings.refereeReward.kind === 'coupon' ? settings.refereeReward.couponTemplateId : null;
  await sendToCustomer(ctx, {
    customerId: input.refereeId,
    templateKey: 'referral.welcome',
    data: {
      referral: {
        referrer: maskName(referrer.name, referrer.phone),
        offer: offerText(settings, await couponName(ctx, offerCoupon), referee.language),
      },
    },
    dedupeKey: `referral.welcome:${id}`,
    priority: 'transactional',
    purpose: 'transactional',
    source: { type: 'system', id },
  });
}

/**
 * The sign-in hook: checks the code before the sign-in code is used up (unknown code, closed
 * programme, own code: the sign-in is refused and can be retried without the code), then
 * attributes a new customer. An existing customer is not attributed: the attempt is logged.
 */
export async function signInWithReferral(
  ctx: Ctx,
  s: { phone: string; referralCode: string },
): Promise<(customerId: string) => Promise<void>> {
  const referrer = await customerByCode(ctx, s.referralCode, 'referralCode');
  const settings = await loadReferralSettings(ctx);
  if (!settings.enabled) throw new AppError('REFERRAL_PROGRAM_CLOSED', { field: 'referralCode' });
  const [existing] = await queryRows<{ id: string }>(
    ctx.tx,
    sql`select coalesce(c.merged_into_id, c.id) as id from customers c where c.phone = ${s.phone}`,
  );
  if (existing?.id === referrer.id) throw new AppError('REFERRAL_SELF', { field: 'referralCode' });
  return async (customerId) => {
    if (existing) {
      await recordAudit(ctx, {
        action: 'referral.attemptRejected',
        entityType: 'customer',
        entityId: customerId,
        changes: { reason: 'ALREADY_CUSTOMER', referrerId: referrer.id, code: s.referralCode },
      });
      ctx.log.info({ customerId, referrerId: referrer.id }, 'referral ignored: already a customer');
      return;
    }
    await attribute(ctx, { referrerId: referrer.id, refereeId: customerId, channel: 'link' });
  };
}

/** Counter attribution by staff: the referee must be new within the attribution window. */
export async function attributeAtCounter(
  ctx: Ctx,
  input: {
    refereeCustomerId: string;
    code: string;
    address?: string | undefined;
    payerRef?: string | undefined;
  },
): Promise<ReferralDto> {
  const referee = await assertCustomer(ctx, input.refereeCustomerId, 'refereeCustomerId');
  const referrer = await customerByCode(ctx, input.code);
  const settings = await loadReferralSettings(ctx);
  if (!settings.enabled) throw new AppError('REFERRAL_PROGRAM_CLOSED', { field: 'code' });
  if (referrer.id === referee.id) throw new AppError('REFERRAL_SELF', { field: 'code' });
  const [already] = await ctx.tx
    .select({ id: referrals.id })
    .from(referrals)
    .where(eq(referrals.refereeId, referee.id));
  if (already) throw new AppError('REFERRAL_ALREADY_ATTRIBUTED', { field: 'refereeCustomerId' });
  const age = ctx.clock.now().getTime() - referee.createdAt.getTime();
  if (age > settings.attributionWindowDays * DAY_MS)
    throw new AppError('REFERRAL_NOT_NEW', {
      field: 'refereeCustomerId',
      details: { windowDays: settings.attributionWindowDays },
    });
  if (input.address !== undefined || input.payerRef !== undefined)
    await setHousehold(ctx, referee.id, {
      address: input.address ?? null,
      payerRef: input.payerRef ?? null,
    });
  const staffId = ctx.actor.type === 'staff' ? ctx.actor.id : null;
  const row = await attribute(ctx, {
    referrerId: referrer.id,
    refereeId: referee.id,
    channel: 'counter',
    attributedBy: staffId,
  });
  return (await toDtos(ctx, [row]))[0]!;
}
