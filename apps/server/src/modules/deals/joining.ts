// A car owner joins a deal (the price held from their wallet into escrow, links to joiners of
// the same household recorded) or leaves it before the deadline (the hold released at once).
// Both run under the deal's row lock: seats, "joined once" and the leader see one order.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { holdStoredValue, releaseHold } from '../loyalty/index.ts';
import { linkedCustomers } from '../referrals/index.ts';
import { appDeal, dealRow, isIn, participationsOf } from './deal-read.ts';
import { canLeave, joinRefusal } from './deal-rules.ts';
import { dealParticipations } from './deals.tables.ts';

/** The ledger key of a participation's hold. */
export const holdKeyOf = (participationId: string) => `deal:${participationId}`;

export async function joinDeal(
  ctx: Ctx,
  input: { dealId: string; customerId: string; via?: string | null | undefined },
) {
  const deal = await dealRow(ctx, input.dealId, true);
  const active = (await participationsOf(ctx, [deal.id])).filter(isIn);
  const refusal = joinRefusal({
    status: deal.status,
    deadlineAt: deal.deadlineAt,
    now: ctx.clock.now(),
    maxJoiners: deal.maxJoiners,
    activeJoiners: active.length,
    alreadyIn: active.some((p) => p.customerId === input.customerId),
  });
  if (refusal)
    throw new AppError(refusal, {
      field: 'dealId',
      details: { status: deal.status, joiners: active.length, maxJoiners: deal.maxJoiners },
    });
  const flags = await linkedCustomers(
    ctx,
    input.customerId,
    active.map((p) => p.customerId),
  );
  const id = newId();
  await ctx.tx.insert(dealParticipations).values({
    tenantId: ctx.tenantId,
    id,
    dealId: deal.id,
    customerId: input.customerId,
    status: 'holding',
    holdFen: deal.priceFen,
    flags,
    viaCode: input.via?.trim().toUpperCase() || null,
    joinedAt: ctx.clock.now(),
  });
  // Short of money the whole join rolls back: STORED_VALUE_INSUFFICIENT (no online payment yet).
  await holdStoredValue(ctx, {
    customerId: input.customerId,
    amountFen: deal.priceFen,
    key: holdKeyOf(id),
    referenceType: 'deal',
    referenceId: deal.id,
    memo: deal.title,
  });
  await recordAudit(ctx, {
    action: 'deal.joined',
    entityType: 'deal',
    entityId: deal.id,
    changes: { participationId: id, customerId: input.customerId, holdFen: deal.priceFen, flags },
  });
  return appDeal(ctx, deal.id, input.customerId);
}

export async function leaveDeal(ctx: Ctx, input: { dealId: string; customerId: string }) {
  const deal = await dealRow(ctx, input.dealId, true);
  if (!canLeave(deal.status, deal.deadlineAt, ctx.clock.now()))
    throw new AppError('DEAL_CLOSED', { field: 'dealId', details: { status: deal.status } });
  const [mine] = await ctx.tx
    .select()
    .from(dealParticipations)
    .where(
      and(
        eq(dealParticipations.dealId, deal.id),
        eq(dealParticipations.customerId, input.customerId),
        eq(dealParticipations.status, 'holding'),
      ),
    )
    .for('update');
  if (!mine) throw new AppError('DEAL_NOT_JOINED', { field: 'dealId' });
  const { releasedFen } = await releaseHold(ctx, {
    customerId: mine.customerId,
    key: holdKeyOf(mine.id),
  });
  await ctx.tx
    .update(dealParticipations)
    .set({ status: 'left', leftAt: ctx.clock.now() })
    .where(eq(dealParticipations.id, mine.id));
  await recordAudit(ctx, {
    action: 'deal.left',
    entityType: 'deal',
    entityId: deal.id,
    changes: { participationId: mine.id, customerId: mine.customerId, releasedFen },
  });
  return appDeal(ctx, deal.id, input.customerId);
}
