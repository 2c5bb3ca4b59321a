// Points: earned pending (order payments, until the return window closes) or available at once
// (actions, grants, adjustments), spent and expired by lot oldest-expiry first, reversed on
// refund including points already spent (as debt where the tenant allows it, else recorded as a
// shortfall). Every operation on a customer's points first locks their points_available row,
// so lots and balances of one customer change one transaction at a time.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { ensureAccounts, lockAccounts, systemAccount, transfer, transferByKey } from './ledger.ts';
import { addDays, addMonths, consumeLots } from './ledger-math.ts';
import { pointsLots, pointsReversals } from './loyalty.tables.ts';
import { loadSettings, type PointsSettings } from './settings.ts';

export interface PointsAccounts {
  available: string;
  pending: string;
  debt: string;
  issued: string;
}

/** The customer's points accounts (and the tenant's points_issued), the available row locked. */
export async function lockPoints(
  ctx: Ctx,
  customerId: string,
): Promise<PointsAccounts & { balances: Map<string, number> }> {
  const [available, pending, debt, issued] = await ensureAccounts(ctx, [
    { owner: customerId, kind: 'points_available' },
    { owner: customerId, kind: 'points_pending' },
    { owner: customerId, kind: 'points_debt' },
    systemAccount('points_issued', customerId),
  ]);
  const balances = await lockAccounts(ctx, [available!, debt!]);
  return { available: available!, pending: pending!, debt: debt!, issued: issued!, balances };
}

export interface Reference {
  type: string;
  id: string;
}

/**
 * Pays off points debt from what was just credited to available: answers the part repaid
 * (which does not become a spendable lot).
 */
async function repayDebt(
  ctx: Ctx,
  acc: PointsAccounts,
  credited: number,
  key: string,
): Promise<number> {
  const debt = (await lockAccounts(ctx, [acc.debt])).get(acc.debt) ?? 0;
  if (debt >= 0 || credited <= 0) return 0;
  const repay = Math.min(credited, -debt);
  await transfer(ctx, {
    key: `${key}:repay`,
    debit: acc.available,
    credit: acc.debt,
    amount: repay,
    kind: 'debt_repay',
  });
  return repay;
}

/**
 * Books points: pending until `availableAt` when that is later than now, else available at once.
 * Idempotent by `key`: a replay books nothing more and answers the first lot.
 */
export async function earnPoints(
  ctx: Ctx,
  input: {
    customerId: string;
    amount: number;
    source: string;
    reference: Reference | null;
    key: string;
    availableAt?: Date | null;
    memo?: string | null;
    settings?: PointsSettings;
    /** Points given back from where they went (a refunded order's redeemed points). */
    returnOf?: { from: 'points_redeemed'; transferId: string };
  },
): Promise<{ lotId: string | null; transferId: string; replayed: boolean; pending: boolean }> {
  const settings = input.settings ?? (await loadSettings(ctx)).points;
  const now = ctx.clock.now();
  const pending = !!input.availableAt && input.availableAt.getTime() > now.getTime();
  const acc = await lockPoints(ctx, input.customerId);
  const debit = input.returnOf
    ? (await ensureAccounts(ctx, [systemAccount(input.returnOf.from, input.customerId)]))[0]!
    : acc.issued;
  const t = await transfer(ctx, {
    key: input.key,
    debit,
    reverses: input.returnOf?.transferId ?? null,
    credit: pending ? acc.pending : acc.available,
    amount: input.amount,
    kind: input.source === 'order' ? 'earn' : input.source,
    referenceType: input.reference?.type ?? null,
    referenceId: input.reference?.id ?? null,
    memo: input.memo ?? null,
  });
  if (t.replayed) return { lotId: null, transferId: t.transferId, replayed: true, pending };
  const repaid = pending ? 0 : await repayDebt(ctx, acc, input.amount, input.key);
  const lotId = newId();
  await ctx.tx.insert(pointsLots).values({
    tenantId: ctx.tenantId,
    id: lotId,
    customerId: input.customerId,
    amount: input.amount,
    remaining: input.amount - repaid,
    status: pending ? 'pending' : input.amount - repaid > 0 ? 'available' : 'used',
    source: input.source,
    referenceType: input.reference?.type ?? null,
    referenceId: input.reference?.id ?? null,
    earnedAt: now,
    availableAt: pending ? input.availableAt! : now,
    expiresAt: addMonths(now, settings.expiryMonths),
  });
  return { lotId, transferId: t.transferId, replayed: false, pending };
}

/**
 * Takes points from available (redemption, negative adjustment, expiry of a lot's rest), lots
 * oldest-expiry first (`preferLots` first of all). Not enough: POINTS_INSUFFICIENT.
 */
export async function takePoints(
  ctx: Ctx,
  input: {
    customerId: string;
    amount: number;
    to: 'points_redeemed' | 'points_issued' | 'points_expired';
    kind: string;
    key: string;
    reference?: Reference | null;
    memo?: string | null;
    preferLots?: ReadonlySet<string>;
    acc?: PointsAccounts & { balances: Map<string, number> };
  },
): Promise<{ transferId: string; replayed: boolean; balance: number | null }> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new AppError('VALIDATION_FAILED', { field: 'points' });
  const acc = input.acc ?? (await lockPoints(ctx, input.customerId));
  const [to] = await ensureAccounts(ctx, [systemAccount(input.to, input.customerId)]);
  const balance = acc.balances.get(acc.available) ?? 0;
  // Checked here on the locked balance so the caller's transaction stays usable; the database's
  // CHECK below is the guarantee.
  const replay = await transferByKey(ctx, input.key);
  if (!replay && balance < input.amount)
    throw new AppError('POINTS_INSUFFICIENT', {
      field: 'points',
      details: { available: balance, requested: input.amount },
    });
  const lots = await ctx.tx
    .select()
    .from(pointsLots)
    .where(and(eq(pointsLots.customerId, input.customerId), eq(pointsLots.status, 'available')))
    .for('update');
  const t = await (async () => {
    try {
      return await transfer(ctx, {
        key: input.key,
        debit: acc.available,
        credit: to!,
        amount: input.amount,
        kind: input.kind,
        referenceType: input.reference?.type ?? null,
        referenceId: input.reference?.id ?? null,
        memo: input.memo ?? null,
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'LEDGER_INSUFFICIENT_BALANCE')
        throw new AppError('POINTS_INSUFFICIENT', {
          field: 'points',
          details: { available: balance, requested: input.amount },
          cause: err,
        });
      throw err;
    }
  })();
  if (t.replayed) return { transferId: t.transferId, replayed: true, balance: null };
  await consumeFromLots(ctx, lots, input.amount, input.preferLots);
  acc.balances.set(acc.available, t.debitBalance ?? balance - input.amount);
  return { transferId: t.transferId, replayed: false, balance: t.debitBalance };
}

async function consumeFromLots(
  ctx: Ctx,
  lots: (typeof pointsLots.$inferSelect)[],
  amount: number,
  prefer?: ReadonlySet<string>,
): Promise<void> {
  const { takes, shortfall } = consumeLots(
    lots.map((l) => ({
      id: l.id,
      remaining: Number(l.remaining),
      expiresAt: l.expiresAt,
      earnedAt: l.earnedAt,
    })),
    amount,
    prefer,
  );
  // The ledger allowed the transfer, so the lots cover it; a gap means the lots drifted.
  if (shortfall > 0) ctx.log.error({ shortfall }, 'points lots do not cover the available balance');
  if (!takes.length) return;
  const payload = JSON.stringify(takes.map((t) => ({ id: t.id, take: t.take })));
  await ctx.tx.execute(sql`
    update points_lots l set remaining = l.remaining - x.take,
      status = case when l.remaining - x.take = 0 then 'used' else l.status end
    from json_to_recordset(${payload}::json) as x(id uuid, take bigint)
    where l.tenant_id = ${ctx.tenantId}::uuid and l.id = x.id`);
}

/** Pending lots whose return window has closed become available (idempotent per lot). */
export async function settleLot(ctx: Ctx, lotId: string): Promise<boolean> {
  const [peek] = await ctx.tx
    .select({ customerId: pointsLots.customerId })
    .from(pointsLots)
    .where(eq(pointsLots.id, lotId));
  if (!peek) return false;
  const acc = await lockPoints(ctx, peek.customerId);
  const [lot] = await ctx.tx
    .select()
    .from(pointsLots)
    .where(eq(pointsLots.id, lotId))
    .for('update');
  if (!lot || lot.status !== 'pending') return false;
  const key = `settle:${lot.id}`;
  await transfer(ctx, {
    key,
    debit: acc.pending,
    credit: acc.available,
    amount: Number(lot.amount),
    kind: 'settle',
    referenceType: lot.referenceType,
    referenceId: lot.referenceId,
  });
  const repaid = await repayDebt(ctx, acc, Number(lot.amount), key);
  const remaining = Number(lot.amount) - repaid;
  await ctx.tx
    .update(pointsLots)
    .set({ status: remaining > 0 ? 'available' : 'used', remaining })
    .where(eq(pointsLots.id, lot.id));
  return true;
}

/** An available lot past its expiry: its rest goes to points_expired (idempotent per lot). */
export async function expireLot(ctx: Ctx, lotId: string): Promise<number> {
  const [peek] = await ctx.tx
    .select({ customerId: pointsLots.customerId })
    .from(pointsLots)
    .where(eq(pointsLots.id, lotId));
  if (!peek) return 0;
  const acc = await lockPoints(ctx, peek.customerId);
  const [lot] = await ctx.tx
    .select()
    .from(pointsLots)
    .where(eq(pointsLots.id, lotId))
    .for('update');
  if (!lot || lot.status !== 'available' || lot.expiresAt > ctx.clock.now()) return 0;
  const rest = Number(lot.remaining);
  if (rest > 0) {
    const [expired] = await ensureAccounts(ctx, [systemAccount('points_expired', lot.customerId)]);
    await transfer(ctx, {
      key: `expire:${lot.id}`,
      debit: acc.available,
      credit: expired!,
      amount: rest,
      kind: 'expire',
      referenceType: 'points_lot',
      referenceId: lot.id,
    });
  }
  await ctx.tx
    .update(pointsLots)
    .set({ status: 'expired', remaining: 0 })
    .where(eq(pointsLots.id, lot.id));
  return rest;
}

export interface ReversalResult {
  earned: number;
  reversed: number;
  shortfall: number;
  replayed: boolean;
}

/**
 * Takes back what a reference (an order, a referral) earned, once: pending points go back at
 * once (reversing the earn transfer); settled points come out of available, and what was already
 * spent becomes debt where the tenant allows it, else it is recorded as a shortfall.
 */
export async function reversePoints(ctx: Ctx, reference: Reference): Promise<ReversalResult> {
  const [done] = await ctx.tx
    .select()
    .from(pointsReversals)
    .where(
      and(
        eq(pointsReversals.referenceType, reference.type),
        eq(pointsReversals.referenceId, reference.id),
      ),
    );
  if (done)
    return {
      earned: Number(done.earned),
      reversed: Number(done.reversed),
      shortfall: Number(done.shortfall),
      replayed: true,
    };
  const peek = await ctx.tx
    .select({ customerId: pointsLots.customerId })
    .from(pointsLots)
    .where(
      and(eq(pointsLots.referenceType, reference.type), eq(pointsLots.referenceId, reference.id)),
    )
    .limit(1);
  if (!peek[0]) return { earned: 0, reversed: 0, shortfall: 0, replayed: false };
  const customerId = peek[0].customerId;
  const settings = (await loadSettings(ctx)).points;
  const acc = await lockPoints(ctx, customerId);
  const lots = await ctx.tx
    .select()
    .from(pointsLots)
    .where(
      and(eq(pointsLots.referenceType, reference.type), eq(pointsLots.referenceId, reference.id)),
    )
    .for('update');
  const keyBase = `reverse:${reference.type}:${reference.id}`;
  let earned = 0;
  let reversed = 0;
  let owed = 0;
  for (const lot of lots) {
    if (lot.status === 'reversed') continue;
    earned += Number(lot.amount);
    if (lot.status === 'pending') {
      const earnTransfer = await ctx.tx.execute(
        sql`select t.id from ledger_transfers t where t.credit_account_id = ${acc.pending}::uuid
            and t.reference_type = ${reference.type} and t.reference_id = ${reference.id}
            and t.amount = ${Number(lot.amount)} and t.reverses_transfer_id is null
            and not exists (select 1 from ledger_transfers r where r.reverses_transfer_id = t.id)
            limit 1`,
      );
      const earnId = (earnTransfer as unknown as { rows: { id: string }[] }).rows[0]?.id ?? null;
      await transfer(ctx, {
        key: `${keyBase}:pending:${lot.id}`,
        debit: acc.pending,
        credit: acc.issued,
        amount: Number(lot.amount),
        kind: 'reverse',
        referenceType: reference.type,
        referenceId: reference.id,
        reverses: earnId,
      });
      reversed += Number(lot.amount);
    } else if (lot.status !== 'expired') owed += Number(lot.amount);
  }
  let shortfall = 0;
  if (owed > 0) {
    const available = acc.balances.get(acc.available) ?? 0;
    const take = Math.min(owed, available);
    if (take > 0) {
      await takePoints(ctx, {
        customerId,
        amount: take,
        to: 'points_issued',
        kind: 'reverse',
        key: `${keyBase}:available`,
        reference,
        preferLots: new Set(lots.map((l) => l.id)),
        acc,
      });
      reversed += take;
    }
    const rest = owed - take;
    if (rest > 0 && settings.allowNegativeOnReversal) {
      await transfer(ctx, {
        key: `${keyBase}:debt`,
        debit: acc.debt,
        credit: acc.issued,
        amount: rest,
        kind: 'reverse_debt',
        referenceType: reference.type,
        referenceId: reference.id,
      });
      reversed += rest;
    } else shortfall = rest;
  }
  if (lots.length)
    await ctx.tx
      .update(pointsLots)
      .set({ status: 'reversed', remaining: 0 })
      .where(
        inArray(
          pointsLots.id,
          lots.map((l) => l.id),
        ),
      );
  await ctx.tx.insert(pointsReversals).values({
    tenantId: ctx.tenantId,
    id: newId(),
    customerId,
    referenceType: reference.type,
    referenceId: reference.id,
    earned,
    reversed,
    shortfall,
  });
  return { earned, reversed, shortfall, replayed: false };
}

/** Available lots expiring within `days`: amount and the last expiry among them. */
export async function expiringSoon(ctx: Ctx, customerId: string, days = 30) {
  const until = addDays(ctx.clock.now(), days);
  const rows = await ctx.tx.execute(
    sql`select coalesce(sum(l.remaining), 0)::bigint as amount, max(l.expires_at) as before
        from points_lots l where l.customer_id = ${customerId}::uuid and l.status = 'available'
        and l.remaining > 0 and l.expires_at <= ${until.toISOString()}::timestamptz`,
  );
  const r = (
    rows as unknown as { rows: { amount: number | string; before: Date | string | null }[] }
  ).rows[0];
  const amount = Number(r?.amount ?? 0);
  return amount > 0 && r?.before ? { amount, before: new Date(r.before).toISOString() } : null;
}
