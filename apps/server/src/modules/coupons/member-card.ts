// The member card's rotating code (会员码): the app shows it as a QR code; staff scan or paste it
// to open the customer. It is random (not the customer id) and lives five minutes.
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { randomToken } from '../../kernel/crypto.ts';
import { maskPhone } from '../../kernel/phone.ts';
import { customers } from '../customers/index.ts';
import { validCouponCount } from './reading.ts';
import { memberCardTokens } from './coupons.tables.ts';

export const TOKEN_TTL_MS = 5 * 60 * 1000;
/** A card keeps showing its token until this much of its life is left. */
const REUSE_MARGIN_MS = 90 * 1000;
export const QR_PREFIX = 'LKMC:';

/** As the customer module shows it (LK00000123). */
export const formatMemberNo = (n: number): string => `LK${String(n).padStart(8, '0')}`;

/** Accepts what a scanner or a person gives: the QR payload or the bare token. */
export function tokenFromScan(input: string): string {
  const s = input.trim();
  return s.toUpperCase().startsWith(QR_PREFIX) ? s.slice(QR_PREFIX.length).trim() : s;
}

async function customerRow(ctx: Ctx, customerId: string) {
  const [c] = await ctx.tx
    .select({
      id: customers.id,
      memberNo: customers.memberNo,
      name: customers.name,
      phone: customers.phone,
      mergedIntoId: customers.mergedIntoId,
    })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/** The signed-in car owner's card: the newest token while it has time left, else a new one. */
export async function myMemberCard(ctx: Ctx, customerId: string) {
  const c = await customerRow(ctx, customerId);
  const now = ctx.clock.now();
  const [current] = await ctx.tx
    .select()
    .from(memberCardTokens)
    .where(
      and(
        eq(memberCardTokens.customerId, customerId),
        gt(memberCardTokens.expiresAt, new Date(now.getTime() + REUSE_MARGIN_MS)),
      ),
    )
    .orderBy(desc(memberCardTokens.expiresAt))
    .limit(1);
  let token = current?.token;
  let expiresAt = current?.expiresAt;
  if (!token || !expiresAt) {
    // Expired tokens of this customer go as new ones come: the table stays small.
    await ctx.tx
      .delete(memberCardTokens)
      .where(and(eq(memberCardTokens.customerId, customerId), lt(memberCardTokens.expiresAt, now)));
    token = randomToken(15);
    expiresAt = new Date(now.getTime() + TOKEN_TTL_MS);
    await ctx.tx
      .insert(memberCardTokens)
      .values({ tenantId: ctx.tenantId, token, customerId, issuedAt: now, expiresAt });
  }
  return {
    memberNo: formatMemberNo(c.memberNo),
    name: c.name,
    phoneMasked: maskPhone(c.phone),
    token,
    qrPayload: `${QR_PREFIX}${token}`,
    expiresAt: expiresAt.toISOString(),
    refreshInSeconds: Math.max(
      5,
      Math.floor((expiresAt.getTime() - REUSE_MARGIN_MS - now.getTime()) / 1000),
    ),
    validCouponCount: await validCouponCount(ctx, customerId),
  };
}

/** Staff: the customer behind a scanned code (404 unknown, 410 expired). */
export async function lookupMemberCard(ctx: Ctx, scanned: string) {
  const token = tokenFromScan(scanned);
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) throw new AppError('NOT_FOUND', { field: 'token' });
  const [row] = await ctx.tx
    .select()
    .from(memberCardTokens)
    .where(eq(memberCardTokens.token, token));
  if (!row) throw new AppError('NOT_FOUND', { field: 'token' });
  if (row.expiresAt <= ctx.clock.now())
    throw new AppError('MEMBER_CARD_TOKEN_EXPIRED', {
      field: 'token',
      details: { expiredAt: row.expiresAt.toISOString() },
    });
  let c = await customerRow(ctx, row.customerId);
  if (c.mergedIntoId) c = await customerRow(ctx, c.mergedIntoId);
  return {
    customerId: c.id,
    memberNo: formatMemberNo(c.memberNo),
    name: c.name,
    phone: c.phone,
    expiresAt: row.expiresAt.toISOString(),
    validCouponCount: await validCouponCount(ctx, c.id),
  };
}
