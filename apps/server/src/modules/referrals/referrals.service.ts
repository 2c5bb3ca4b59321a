// Referral use-cases: codes and links, attribution (link at sign-up, code at the counter; the
// first touch wins: one referral per referee), review, qualification on the referee's first paid
// order, granting once the order's return window passed, and reversal on refund.
//
// Status rules (documented for the console):
//   attributed → the first paid order ≥ minOrderFen → qualified (rewards pending until
//   paidAt + loyalty returnWindowDays) → the grant job → rewarded.
//   A first paid order below the minimum ends it: it stays `attributed` with that order recorded
//   (qualifyingOrderFen < minOrderFen) and never rewards; later orders do not count.
//   Flagged referrals wait for review; their rewards (if the order came first) stay pending until
//   approval. Rejected: pending rewards cancelled. Refund of the qualifying order: pending
//   rewards cancelled, granted ones taken back (`reverseReward`, coupon voided when unused) →
//   reversed. The referrer's reward beyond the monthly cap is `capped` (never granted).
import { randomInt } from 'node:crypto';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { recordAudit } from '../audit/index.ts';
import { couponTemplates, issueCoupon, voidCoupon } from '../coupons/index.ts';
import { customers } from '../customers/customers.tables.ts';
import { grantReward, loadLoyaltySettings, reverseReward } from '../loyalty/index.ts';
import { sendToCustomer } from '../messaging/index.ts';
import type { OrderPayment, OrderRefund } from '../service/index.ts';
import { getTenant } from '../tenancy/index.ts';
import { evaluateFlags, mergeFlags, needsReview, type Flag } from './flags.ts';
import { maskName, offerText, rewardText } from './messages.ts';
import type { ReferralDto, ReferralSettings, Reward } from './referrals.schemas.ts';
import {
  referralCodes,
  referralHouseholds,
  referralRewards,
  referrals,
} from './referrals.tables.ts';
import { loadReferralSettings, rewardGives } from './settings.ts';

type ReferralRow = typeof referrals.$inferSelect;
type RewardRow = typeof referralRewards.$inferSelect;

const DAY_MS = 24 * 60 * 60 * 1000;
/** No 0/O, 1/I/L: read aloud and typed at the counter. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

// ---------------------------------------------------------------------------------------------
// Codes and links

function randomCode(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** The customer's code, made on first need (6 characters; 7–8 after repeated collisions). */
export async function ensureCode(ctx: Ctx, customerId: string): Promise<string> {
  const existing = async () =>
    (
      await ctx.tx
        .select({ code: referralCodes.code })
        .from(referralCodes)
        .where(eq(referralCodes.holderId, customerId))
    )[0]?.code;
  const found = await existing();
  if (found) return found;
  for (let attempt = 0; attempt < 12; attempt++) {
    await ctx.tx
      .insert(referralCodes)
      .values({
        tenantId: ctx.tenantId,
        holderId: customerId,
        code: randomCode(attempt < 6 ? 6 : attempt < 9 ? 7 : 8),
        createdAt: ctx.clock.now(),
      })
      .onConflictDoNothing();
    const made = await existing();
    if (made) return made;
  }
  throw new AppError('INTERNAL');
}

export const referralLink = (publicUrl: string, code: string, tenantSlug: string) =>
  `${publicUrl.replace(/\/$/, '')}/app/r/${encodeURIComponent(code)}?t=${encodeURIComponent(tenantSlug)}`;

/** The holder of a code (following a merge to the surviving record), or REFERRAL_CODE_UNKNOWN. */
export async function customerByCode(ctx: Ctx, code: string, field = 'code') {
  const [row] = await queryRows<{ id: string; name: string | null; phone: string }>(
    ctx.tx,
    sql`select c.id, c.name, c.phone from referral_codes k
        join customers d on d.id = k.holder_id
        join customers c on c.id = coalesce(d.merged_into_id, d.id)
        where k.code = ${code.trim().toUpperCase()}`,
  );
  if (!row) throw new AppError('REFERRAL_CODE_UNKNOWN', { field });
  return row;
}

async function assertCustomer(ctx: Ctx, customerId: string, field = 'customerId') {
  const [c] = await ctx.tx
    .select({
      id: customers.id,
      name: customers.name,
      phone: customers.phone,
      createdAt: customers.createdAt,
      mergedIntoId: customers.mergedIntoId,
      language: customers.language,
    })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!c || c.mergedIntoId) throw new AppError('NOT_FOUND', { field });
  return c;
}

// ---------------------------------------------------------------------------------------------
// DTOs

async function toDtos(ctx: Ctx, rows: ReferralRow[]): Promise<ReferralDto[]> {
  if (!rows.length) return [];
  const ids = [...new Set(rows.flatMap((r) => [r.referrerId, r.refereeId]))];
  const names = new Map(
    (
      await ctx.tx
        .select({ id: customers.id, name: customers.name })
        .from(customers)
        .where(inArray(customers.id, ids))
    ).map((c) => [c.id, c.name]),
  );
  const rewards = await ctx.tx
    .select()
    .from(referralRewards)
    .where(
      inArray(
        referralRewards.referralId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    referrerId: r.referrerId,
    referrerName: names.get(r.referrerId) ?? null,
    refereeId: r.refereeId,
    refereeName: names.get(r.refereeId) ?? null,
    channel: r.channel,
    status: r.status,
    flags: r.flags as Flag[],
    createdAt: r.createdAt.toISOString(),
    qualifyingOrderId: r.qualifyingOrderId,
    qualifyingOrderFen: r.qualifyingOrderFen,
    rewards: rewards
      .filter((w) => w.referralId === r.id)
      .sort((a, b) => (a.side < b.side ? -1 : 1))
      .map((w) => ({
        side: w.side,
        kind: w.kind,
        amount: w.amount,
        couponTemplateId: w.couponTemplateId,
        status: w.status,
        grantAt: w.grantAt?.toISOString() ?? null,
      })),
    decision: r.decision
      ? (({ decision, note, by, at }) => ({ decision, note, by, at }))(
          r.decision as { decision: 'approve' | 'reject'; note: string; by: string; at: string },
        )
      : null,
  }));
}

export async function getReferral(ctx: Ctx, id: string): Promise<ReferralDto> {
  const [r] = await ctx.tx.select().from(referrals).where(eq(referrals.id, id));
  if (!r) throw new AppError('NOT_FOUND', { field: 'referralId' });
  return (await toDtos(ctx, [r]))[0]!;
}

export async function listReferrals(
  ctx: Ctx,
  input: {
    status?: ReferralRow['status'] | undefined;
    q?: string | undefined;
    cursor?: string;
    limit: number;
  },
) {
  const after = decodeCursor(input.cursor, ['instant', 'uuid']);
  const conds = [];
  if (input.status) conds.push(eq(referrals.status, input.status));
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const digits = input.q.replace(/\D/g, '');
    conds.push(
      sql`exists (select 1 from customers c where c.id in (${referrals.referrerId}, ${referrals.refereeId})
            and (c.name ilike ${like} ${digits.length >= 4 ? sql`or c.phone_digits like ${`%${digits}%`}` : sql``}))`,
    );
  }
  if (after)
    conds.push(
      or(
        lt(referrals.createdAt, new Date(after[0])),
        and(eq(referrals.createdAt, new Date(after[0])), lt(referrals.id, after[1])),
      ),
    );
  const rows = await ctx.tx
    .select()
    .from(referrals)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(input.limit + 1);
  const more = rows.length > input.limit;
  const items = rows.slice(0, input.limit);
  const last = items[items.length - 1];
  return {
    items: await toDtos(ctx, items),
    nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Attribution

async function couponName(ctx: Ctx, templateId: string | null): Promise<string | null> {
  if (!templateId) return null;
  const [t] = await ctx.tx
    .select({ name: couponTemplates.name })
    .from(couponTemplates)
    .where(eq(couponTemplates.id, templateId));
  return t?.name ?? null;
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

async function issueWelcomeCoupon(ctx: Ctx, s: ReferralSettings, referral: ReferralRow) {
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
export async function attribute(
  ctx: Ctx,
  input: {
    referrerId: string;
    refereeId: string;
    channel: 'link' | 'counter';
    attributedBy?: string | null;
  },
): Promise<ReferralRow> {
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
  // The customer record says how they came (an app sign-up or a walk-in was in fact a referral).
  await ctx.tx
    .update(customers)
    .set({ source: 'referral', updatedAt: now })
    .where(and(eq(customers.id, input.refereeId), inArray(customers.source, ['app', 'walk_in'])));
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
  if (!flagged) await issueWelcomeCoupon(ctx, settings, row);
  return row;
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

// ---------------------------------------------------------------------------------------------
// Household facts

/** Same address written differently ("北京市朝阳区 望京西园3区" / "北京朝阳区望京西园三区"). */
export function addressKey(address: string | null | undefined): string | null {
  if (!address?.trim()) return null;
  const digits: Record<string, string> = {
    零: '0',
    一: '1',
    二: '2',
    三: '3',
    四: '4',
    五: '5',
    六: '6',
    七: '7',
    八: '8',
    九: '9',
  };
  const key = address
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[零一二三四五六七八九]/g, (d) => digits[d]!)
    .replace(/[省市区县]/g, '')
    .replace(/[\s,，.。#\-－—()（）号室栋楼单元]/g, '');
  return key || null;
}
const payerKey = (p: string | null | undefined) =>
  p?.trim() ? p.normalize('NFKC').toLowerCase().replace(/\s+/g, '') : null;

export async function setHousehold(
  ctx: Ctx,
  customerId: string,
  input: { address: string | null; payerRef: string | null },
) {
  const row = {
    addressKey: addressKey(input.address),
    payerKey: payerKey(input.payerRef),
    updatedAt: ctx.clock.now(),
  };
  await ctx.tx
    .insert(referralHouseholds)
    .values({ tenantId: ctx.tenantId, holderId: customerId, ...row })
    .onConflictDoUpdate({
      target: [referralHouseholds.tenantId, referralHouseholds.holderId],
      set: row,
    });
  return { address: row.addressKey, payerRef: row.payerKey };
}

export async function putHousehold(
  ctx: Ctx,
  customerId: string,
  input: { address: string | null; payerRef: string | null },
) {
  await assertCustomer(ctx, customerId);
  const saved = await setHousehold(ctx, customerId, input);
  await recordAudit(ctx, {
    action: 'referral.householdRecorded',
    entityType: 'customer',
    entityId: customerId,
    changes: { address: !!saved.address, payerRef: !!saved.payerRef },
  });
  return saved;
}

// ---------------------------------------------------------------------------------------------
// Review

export async function reviewReferral(
  ctx: Ctx,
  id: string,
  input: { decision: 'approve' | 'reject'; note: string },
): Promise<ReferralDto> {
  const [r] = await ctx.tx.select().from(referrals).where(eq(referrals.id, id)).for('update');
  if (!r) throw new AppError('NOT_FOUND', { field: 'referralId' });
  if (r.status !== 'flagged')
    throw new AppError('REFERRAL_REVIEW_CONFLICT', { field: 'referralId' });
  const now = ctx.clock.now();
  const [staff] = await queryRows<{ name: string }>(
    ctx.tx,
    sql`select s.name from staff_users s where s.id = ${ctx.actor.id ?? null}::uuid`,
  );
  const decision = {
    decision: input.decision,
    note: input.note,
    by: staff?.name ?? ctx.actor.type,
    byId: ctx.actor.id,
    at: now.toISOString(),
  };
  const rewards = await ctx.tx
    .select()
    .from(referralRewards)
    .where(eq(referralRewards.referralId, id));
  let status: ReferralRow['status'];
  if (input.decision === 'reject') {
    status = 'rejected';
    await ctx.tx
      .update(referralRewards)
      .set({ status: 'cancelled', updatedAt: now })
      .where(
        and(
          eq(referralRewards.referralId, id),
          inArray(referralRewards.status, ['pending', 'capped']),
        ),
      );
  } else {
    status = rewards.length ? 'qualified' : 'attributed';
    await issueWelcomeCoupon(ctx, await loadReferralSettings(ctx), r);
  }
  await ctx.tx
    .update(referrals)
    .set({ status, decision, updatedAt: now })
    .where(eq(referrals.id, id));
  await recordAudit(ctx, {
    action: 'referral.reviewed',
    entityType: 'referral',
    entityId: id,
    changes: {
      decision: input.decision,
      note: input.note,
      flags: (r.flags as Flag[]).map((f) => f.code),
      from: r.status,
      to: status,
    },
  });
  return getReferral(ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Qualification, grant, reversal

/** The payment hook: the referee's first paid order decides the referral. */
export async function onReferralPayment(ctx: Ctx, p: OrderPayment): Promise<void> {
  const [r] = await ctx.tx
    .select()
    .from(referrals)
    .where(eq(referrals.refereeId, p.customerId))
    .for('update');
  if (!r || r.qualifyingOrderId || (r.status !== 'attributed' && r.status !== 'flagged')) return;
  const [earlier] = await queryRows<{ id: string }>(
    ctx.tx,
    sql`select so.id from service_orders so where so.customer_id = ${p.customerId}::uuid
        and so.id <> ${p.orderId}::uuid and so.paid_at is not null limit 1`,
  );
  if (earlier) return; // paid before being referred: this is not their first paid order
  const settings = await loadReferralSettings(ctx);
  const now = ctx.clock.now();
  if (p.paidFen < settings.minOrderFen) {
    await ctx.tx
      .update(referrals)
      .set({ qualifyingOrderId: p.orderId, qualifyingOrderFen: p.paidFen, updatedAt: now })
      .where(eq(referrals.id, r.id));
    await recordAudit(ctx, {
      action: 'referral.belowMinimum',
      entityType: 'referral',
      entityId: r.id,
      changes: { orderId: p.orderId, paidFen: p.paidFen, minOrderFen: settings.minOrderFen },
    });
    return;
  }
  // The car usually arrives with the first visit: the rules run again with what is known now.
  const { flags, added } = mergeFlags(
    r.flags as Flag[],
    await evaluateFlags(ctx, {
      referrerId: r.referrerId,
      refereeId: r.refereeId,
      at: r.createdAt,
      referralId: r.id,
      attributedBy: r.attributedBy,
      orderId: p.orderId,
      settings,
    }),
  );
  const flagged =
    r.status === 'flagged' || (settings.reviewFlagged && !r.decision && needsReview(added));
  const window = (await loadLoyaltySettings(ctx)).points.returnWindowDays;
  const grantAt = new Date(now.getTime() + window * DAY_MS);
  const [capRow] = await queryRows<{ n: number | string }>(
    ctx.tx,
    sql`select count(*) as n from referral_rewards w, tenants t
        where t.tenant_id = w.tenant_id and w.side = 'referrer'
          and w.customer_id = ${r.referrerId}::uuid and w.status in ('pending', 'granted')
          and date_trunc('month', w.created_at at time zone t.timezone)
            = date_trunc('month', ${now.toISOString()}::timestamptz at time zone t.timezone)`,
  );
  const capped = Number(capRow?.n ?? 0) >= settings.monthlyCapPerReferrer;
  const sides: { side: 'referrer' | 'referee'; customerId: string; reward: Reward }[] = [
    { side: 'referrer', customerId: r.referrerId, reward: settings.referrerReward },
    { side: 'referee', customerId: r.refereeId, reward: settings.refereeReward },
  ];
  for (const s of sides) {
    if (!rewardGives(s.reward)) continue;
    await ctx.tx
      .insert(referralRewards)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        referralId: r.id,
        side: s.side,
        customerId: s.customerId,
        kind: s.reward.kind,
        amount: s.reward.amount,
        couponTemplateId: s.reward.couponTemplateId,
        status: s.side === 'referrer' && capped ? 'capped' : 'pending',
        grantAt,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
  }
  const finalFlags =
    capped && !flags.some((f) => f.code === 'MONTHLY_CAP')
      ? [
          ...flags,
          { code: 'MONTHLY_CAP' as const, details: { cap: settings.monthlyCapPerReferrer } },
        ]
      : flags;
  await ctx.tx
    .update(referrals)
    .set({
      status: flagged ? 'flagged' : 'qualified',
      flags: finalFlags,
      qualifyingOrderId: p.orderId,
      qualifyingOrderFen: p.paidFen,
      updatedAt: now,
    })
    .where(eq(referrals.id, r.id));
  await recordAudit(ctx, {
    action: 'referral.qualified',
    entityType: 'referral',
    entityId: r.id,
    changes: {
      orderId: p.orderId,
      paidFen: p.paidFen,
      grantAt: grantAt.toISOString(),
      capped,
      flagged,
      added: added.map((f) => f.code),
    },
  });
}

/**
 * Grants the due pending rewards of one qualified referral (the job and "run now" call this).
 * The referral row is locked; each reward's ledger key is its id, so a rerun grants nothing twice.
 */
export async function grantDueRewards(ctx: Ctx, referralId: string): Promise<number> {
  const [r] = await ctx.tx
    .select()
    .from(referrals)
    .where(eq(referrals.id, referralId))
    .for('update');
  if (!r || r.status !== 'qualified') return 0;
  const now = ctx.clock.now();
  const rewards = await ctx.tx
    .select()
    .from(referralRewards)
    .where(eq(referralRewards.referralId, referralId))
    .orderBy(referralRewards.side);
  let granted = 0;
  const lang = new Map(
    (
      await ctx.tx
        .select({ id: customers.id, language: customers.language })
        .from(customers)
        .where(inArray(customers.id, [r.referrerId, r.refereeId]))
    ).map((c) => [c.id, c.language]),
  );
  for (const w of rewards) {
    if (w.status !== 'pending' || !w.grantAt || w.grantAt > now) continue;
    let couponId: string | null = null;
    const reference = { type: 'referral_reward', id: w.id };
    if (w.kind === 'points' || w.kind === 'stored_value') {
      await grantReward(ctx, {
        customerId: w.customerId,
        kind: w.kind,
        amount: w.amount,
        reason: w.side === 'referrer' ? '推荐好友奖励' : '新客推荐奖励',
        reference,
        idempotencyKey: `referral:${w.id}`,
      });
    } else if (w.kind === 'coupon' && w.couponTemplateId) {
      couponId = (
        await issueCoupon(ctx, {
          templateId: w.couponTemplateId,
          customerId: w.customerId,
          key: `referral:${w.id}`,
          source: 'referral',
          sourceRef: r.id,
        })
      ).id;
    }
    await ctx.tx
      .update(referralRewards)
      .set({ status: 'granted', grantedAt: now, couponId, updatedAt: now })
      .where(eq(referralRewards.id, w.id));
    granted++;
    await sendToCustomer(ctx, {
      customerId: w.customerId,
      templateKey: 'referral.rewarded',
      data: {
        referral: {
          reward: rewardText(
            w,
            await couponName(ctx, w.couponTemplateId),
            lang.get(w.customerId) ?? 'zh-CN',
          ),
        },
      },
      dedupeKey: `referral.rewarded:${w.id}`,
      priority: 'transactional',
      purpose: 'transactional',
      source: { type: 'system', id: r.id },
    });
  }
  const stillPending = await ctx.tx
    .select({ id: referralRewards.id })
    .from(referralRewards)
    .where(and(eq(referralRewards.referralId, referralId), eq(referralRewards.status, 'pending')));
  if (!stillPending.length) {
    await ctx.tx
      .update(referrals)
      .set({ status: 'rewarded', updatedAt: now })
      .where(eq(referrals.id, referralId));
    await recordAudit(ctx, {
      action: 'referral.rewarded',
      entityType: 'referral',
      entityId: referralId,
      changes: { granted },
    });
  }
  return granted;
}

/** Grants every due reward of the tenant now (the job per tenant; "run now" for staff and tests). */
export async function grantDueForTenant(ctx: Ctx): Promise<number> {
  const due = await queryRows<{ id: string }>(
    ctx.tx,
    sql`select distinct w.referral_id as id from referral_rewards w
        join referrals f on f.id = w.referral_id and f.tenant_id = w.tenant_id
        where w.status = 'pending' and w.grant_at <= ${ctx.clock.now().toISOString()}::timestamptz
          and f.status = 'qualified'
        limit 5000`,
  );
  let n = 0;
  for (const d of due) n += await grantSafely(ctx, d.id);
  return n;
}

/**
 * One referral's grant in a savepoint: a reward that cannot be granted now (a coupon template
 * over budget or archived) stays pending and is logged, and the others go on.
 */
export async function grantSafely(ctx: Ctx, referralId: string): Promise<number> {
  try {
    return await ctx.tx.transaction((sp) => grantDueRewards({ ...ctx, tx: sp }, referralId));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    ctx.log.warn({ referralId, code: err.code }, 'referral reward not granted yet');
    return 0;
  }
}

/** The refund hook: the qualifying order refunded → pending cancelled, granted taken back. */
export async function onReferralRefund(ctx: Ctx, refund: OrderRefund): Promise<void> {
  const [r] = await ctx.tx
    .select()
    .from(referrals)
    .where(eq(referrals.qualifyingOrderId, refund.orderId))
    .for('update');
  if (!r) return;
  const rewards = await ctx.tx
    .select()
    .from(referralRewards)
    .where(eq(referralRewards.referralId, r.id))
    .orderBy(referralRewards.side);
  if (!rewards.length) return; // below the minimum: nothing was promised
  const now = ctx.clock.now();
  const outcome: Record<string, unknown>[] = [];
  for (const w of rewards) {
    if (w.status === 'pending' || w.status === 'capped') {
      await setRewardStatus(ctx, w, 'cancelled', now);
      outcome.push({ side: w.side, was: w.status, now: 'cancelled' });
    } else if (w.status === 'granted') {
      let note: Record<string, unknown> = {};
      if (w.kind === 'coupon') {
        if (w.couponId)
          try {
            await voidCoupon(ctx, w.couponId, { reason: '推荐首单已退款' });
          } catch (err) {
            // A coupon already used cannot be taken back: recorded, not hidden.
            if (!(err instanceof AppError)) throw err;
            note = { couponNotVoided: err.code };
          }
      } else {
        note = await reverseReward(ctx, { reference: { type: 'referral_reward', id: w.id } });
      }
      await setRewardStatus(ctx, w, 'reversed', now);
      outcome.push({ side: w.side, was: 'granted', now: 'reversed', ...note });
    }
  }
  await ctx.tx
    .update(referrals)
    .set({ status: 'reversed', updatedAt: now })
    .where(eq(referrals.id, r.id));
  await recordAudit(ctx, {
    action: 'referral.reversed',
    entityType: 'referral',
    entityId: r.id,
    changes: { orderId: refund.orderId, rewards: outcome },
  });
}

async function setRewardStatus(ctx: Ctx, w: RewardRow, status: RewardRow['status'], now: Date) {
  await ctx.tx
    .update(referralRewards)
    .set({ status, updatedAt: now })
    .where(eq(referralRewards.id, w.id));
}

// ---------------------------------------------------------------------------------------------
// Views for staff and for the car owner

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
  const rewardOf = (referralId: string) => {
    const w = rewards.find((x) => x.referralId === referralId);
    return w ? { kind: w.kind, amount: w.amount, status: w.status } : null;
  };
  const earned = rewards.filter((w) => w.status === 'granted');
  const offerCoupon =
    settings.refereeReward.kind === 'coupon' ? settings.refereeReward.couponTemplateId : null;
  return {
    code,
    link: referralLink(publicUrl, code, tenant.slug),
    posterPngUrl: '/api/v1/app/referrals/poster.png',
    posterSvgUrl: '/api/v1/app/referrals/poster.svg',
    program: {
      enabled: settings.enabled,
      referrerReward: {
        ...settings.referrerReward,
        couponName: await couponName(
          ctx,
          settings.referrerReward.kind === 'coupon'
            ? settings.referrerReward.couponTemplateId
            : null,
        ),
      },
      refereeReward: { ...settings.refereeReward, couponName: await couponName(ctx, offerCoupon) },
      minOrderFen: settings.minOrderFen,
      text: offerText(settings, await couponName(ctx, offerCoupon), me.language),
    },
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
    totals: {
      joined: rows.filter((r) => r.status !== 'rejected').length,
      rewarded: rows.filter((r) => r.status === 'rewarded').length,
      pointsEarned: earned.filter((w) => w.kind === 'points').reduce((a, w) => a + w.amount, 0),
      storedValueEarnedFen: earned
        .filter((w) => w.kind === 'stored_value')
        .reduce((a, w) => a + w.amount, 0),
      couponsEarned: earned.filter((w) => w.kind === 'coupon').length,
    },
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

/**
 * On merge: the duplicate's referrals follow the survivor (as referrer always; as referee only
 * when the survivor was not referred itself: the first touch stays). A referral between the two
 * would become a self-referral: it is rejected.
 */
export async function onReferralMerge(ctx: Ctx, m: { survivorId: string; duplicateId: string }) {
  const now = ctx.clock.now();
  await ctx.tx
    .update(referrals)
    .set({ status: 'rejected', updatedAt: now })
    .where(
      or(
        and(eq(referrals.referrerId, m.survivorId), eq(referrals.refereeId, m.duplicateId)),
        and(eq(referrals.referrerId, m.duplicateId), eq(referrals.refereeId, m.survivorId)),
      ),
    );
  await ctx.tx
    .update(referrals)
    .set({ referrerId: m.survivorId, updatedAt: now })
    .where(
      and(eq(referrals.referrerId, m.duplicateId), sql`${referrals.refereeId} <> ${m.survivorId}`),
    );
  const [survivorReferred] = await ctx.tx
    .select({ id: referrals.id })
    .from(referrals)
    .where(eq(referrals.refereeId, m.survivorId));
  if (!survivorReferred)
    await ctx.tx
      .update(referrals)
      .set({ refereeId: m.survivorId, updatedAt: now })
      .where(
        and(
          eq(referrals.refereeId, m.duplicateId),
          sql`${referrals.referrerId} <> ${m.survivorId}`,
        ),
      );
}
