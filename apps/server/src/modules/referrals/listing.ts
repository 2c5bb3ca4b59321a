// Referrals as staff see them: one, or a page filtered by status and by the name or phone of
// either side, newest first, with both names and the rewards.
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { customers } from '../customers/index.ts';
import type { Flag } from './flags.ts';
import type { ReferralDto } from './referrals.schemas.ts';
import { referralRewards, referrals } from './referrals.tables.ts';

type ReferralRow = typeof referrals.$inferSelect;

export async function toDtos(ctx: Ctx, rows: ReferralRow[]): Promise<ReferralDto[]> {
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
