// Referral codes and links: a customer's code is made on first need, short and easy to read
// aloud; a code leads to its holder (following a merge to the surviving record).
import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { referralCodes } from './referrals.tables.ts';

/** No 0/O, 1/I/L: read aloud and typed at the counter. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

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
