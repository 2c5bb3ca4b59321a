// Stored value (储值): a customer's wallet is two ledger accounts, principal (what they paid) and
// bonus (what the business added, e.g. 充 500 送 50). Top-ups respect the tenant's caps
// (registered / anonymous card); a payment takes principal and bonus per the tenant's spend
// order; a refund pays principal back per the tenant's refund rule; the liability report is the
// sum of the wallets, by the customer's home store and in total.
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import { ensureAccounts, lockAccounts, systemAccount, transfer, transferByKey } from './ledger.ts';
import { refundSplit, splitSpend } from './ledger-math.ts';
import { loadSettings } from './settings.ts';

export interface Wallet {
  principal: string;
  bonus: string;
  cash: string;
  bonusFunding: string;
  spent: string;
  principalFen: number;
  bonusFen: number;
}

/** The customer's wallet accounts (locked, in id order) and the tenant's counter-accounts. */
export async function lockWallet(ctx: Ctx, customerId: string): Promise<Wallet> {
  const [principal, bonus, cash, bonusFunding, spent] = await ensureAccounts(ctx, [
    { owner: customerId, kind: 'stored_value_principal' },
    { owner: customerId, kind: 'stored_value_bonus' },
    systemAccount('stored_value_cash', customerId),
    systemAccount('stored_value_bonus_funding', customerId),
    systemAccount('stored_value_spent', customerId),
  ]);
  const balances = await lockAccounts(ctx, [principal!, bonus!]);
  return {
    principal: principal!,
    bonus: bonus!,
    cash: cash!,
    bonusFunding: bonusFunding!,
    spent: spent!,
    principalFen: balances.get(principal!) ?? 0,
    bonusFen: balances.get(bonus!) ?? 0,
  };
}

async function customerRow(ctx: Ctx, customerId: string) {
  const [c] = await ctx.tx
    .select({ id: customers.id, name: customers.name, mergedIntoId: customers.mergedIntoId })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!c || c.mergedIntoId) throw new AppError('NOT_FOUND', { field: 'customerId' });
  return c;
}

export interface TopUpInput {
  customerId: string;
  /** A top-up package of the tenant; or give payFen (and bonusFen) directly. */
  packageId?: string | undefined;
  payFen?: number | undefined;
  bonusFen?: number | undefined;
  method: string;
  storeId?: string | undefined;
  note?: string | undefined;
}

export interface WalletResult {
  principalFen: number;
  bonusFen: number;
  balanceFen: number;
}

/** Counter top-up. The balance after it must stay within the card's cap. */
export async function topUp(ctx: Ctx, input: TopUpInput, opKey: string) {
  const customer = await customerRow(ctx, input.customerId);
  const settings = await loadSettings(ctx);
  let payFen = input.payFen;
  let bonusFen = input.bonusFen ?? 0;
  let packageName: string | null = null;
  if (input.packageId) {
    const pkg = settings.topUpPackages.find((p) => p.id === input.packageId && p.active);
    if (!pkg) throw new AppError('NOT_FOUND', { field: 'packageId' });
    payFen = pkg.payFen;
    bonusFen = pkg.bonusFen;
    packageName = pkg.name;
  }
  if (!payFen || payFen <= 0 || !Number.isSafeInteger(payFen))
    throw new AppError('VALIDATION_FAILED', { field: 'payFen' });
  const wallet = await lockWallet(ctx, input.customerId);
  // A retry of a top-up already made moves nothing (and is not refused by the cap it filled).
  const prior = await transferByKey(ctx, `${opKey}:principal`);
  if (prior) {
    if (prior.amount !== payFen)
      throw new AppError('IDEMPOTENCY_KEY_REUSED', { field: 'idempotencyKey' });
    return {
      principalFen: wallet.principalFen,
      bonusFen: wallet.bonusFen,
      balanceFen: wallet.principalFen + wallet.bonusFen,
    };
  }
  const registered = !!customer.name;
  const capFen = registered
    ? settings.storedValue.capRegisteredFen
    : settings.storedValue.capAnonymousFen;
  const after = wallet.principalFen + wallet.bonusFen + payFen + bonusFen;
  if (after > capFen)
    throw new AppError('STORED_VALUE_CAP_EXCEEDED', {
      field: input.packageId ? 'packageId' : 'payFen',
      details: {
        capFen,
        registered,
        balanceFen: wallet.principalFen + wallet.bonusFen,
        topUpFen: payFen + bonusFen,
      },
    });
  const reference = { referenceType: 'top_up', referenceId: opKey };
  const memo = [packageName, input.method, input.note].filter(Boolean).join(' · ');
  const p = await transfer(ctx, {
    key: `${opKey}:principal`,
    debit: wallet.cash,
    credit: wallet.principal,
    amount: payFen,
    kind: 'top_up',
    ...reference,
    memo,
  });
  let bonusAfter = wallet.bonusFen;
  if (bonusFen > 0) {
    const b = await transfer(ctx, {
      key: `${opKey}:bonus`,
      debit: wallet.bonusFunding,
      credit: wallet.bonus,
      amount: bonusFen,
      kind: 'top_up_bonus',
      ...reference,
      memo,
    });
    bonusAfter = b.creditBalance ?? bonusAfter;
  }
  await recordAudit(ctx, {
    action: 'loyalty.storedValueToppedUp',
    entityType: 'customer',
    entityId: input.customerId,
    changes: {
      payFen,
      bonusFen,
      method: input.method,
      packageId: input.packageId ?? null,
      storeId: input.storeId ?? null,
    },
  });
  const principalFen = p.creditBalance ?? wallet.principalFen + payFen;
  return { principalFen, bonusFen: bonusAfter, balanceFen: principalFen + bonusAfter };
}

/** Pays part of an order from the wallet (the service module's payment hook calls this). */
export async function spendForOrder(
  ctx: Ctx,
  input: { customerId: string; orderId: string; amountFen: number },
): Promise<WalletResult> {
  const settings = await loadSettings(ctx);
  const wallet = await lockWallet(ctx, input.customerId);
  // An order is paid once: a retry of its wallet payment moves nothing more.
  const paidBefore = await queryRows<{ amount: number | string }>(
    ctx.tx,
    sql`select t.amount from ledger_transfers t where t.kind = 'spend'
        and t.reference_type = 'service_order' and t.reference_id = ${input.orderId}`,
  );
  if (paidBefore.length) {
    if (paidBefore.reduce((sum, r) => sum + Number(r.amount), 0) !== input.amountFen)
      throw new AppError('IDEMPOTENCY_KEY_REUSED', { field: 'storedValueFen' });
    return {
      principalFen: wallet.principalFen,
      bonusFen: wallet.bonusFen,
      balanceFen: wallet.principalFen + wallet.bonusFen,
    };
  }
  const balance = wallet.principalFen + wallet.bonusFen;
  if (input.amountFen > balance)
    throw new AppError('STORED_VALUE_INSUFFICIENT', {
      field: 'storedValueFen',
      details: { balanceFen: balance, requestedFen: input.amountFen },
    });
  const split = splitSpend(
    { principal: wallet.principalFen, bonus: wallet.bonusFen },
    input.amountFen,
    settings.storedValue.spendOrder,
  );
  const ref = { referenceType: 'service_order', referenceId: input.orderId };
  if (split.principal > 0)
    await transfer(ctx, {
      key: `spend:${input.orderId}:principal`,
      debit: wallet.principal,
      credit: wallet.spent,
      amount: split.principal,
      kind: 'spend',
      ...ref,
    });
  if (split.bonus > 0)
    await transfer(ctx, {
      key: `spend:${input.orderId}:bonus`,
      debit: wallet.bonus,
      credit: wallet.spent,
      amount: split.bonus,
      kind: 'spend',
      ...ref,
    });
  const principalFen = wallet.principalFen - split.principal;
  const bonusFen = wallet.bonusFen - split.bonus;
  return { principalFen, bonusFen, balanceFen: principalFen + bonusFen };
}

/** A refunded order's wallet payment goes back, principal and bonus as they were taken. */
export async function returnOrderSpend(ctx: Ctx, input: { customerId: string; orderId: string }) {
  const spends = await queryRows<{
    id: string;
    debit_account_id: string;
    credit_account_id: string;
    amount: number | string;
    idempotency_key: string;
  }>(
    ctx.tx,
    sql`select t.id, t.debit_account_id, t.credit_account_id, t.amount, t.idempotency_key from ledger_transfers t
        where t.kind = 'spend' and t.reference_type = 'service_order' and t.reference_id = ${input.orderId}
        order by t.id`,
  );
  if (!spends.length) return;
  await lockWallet(ctx, input.customerId);
  for (const s of spends)
    await transfer(ctx, {
      key: `refund:${s.idempotency_key}`,
      debit: s.credit_account_id,
      credit: s.debit_account_id,
      amount: Number(s.amount),
      kind: 'spend_reversal',
      referenceType: 'service_order',
      referenceId: input.orderId,
      reverses: s.id,
    });
}

/**
 * Pays stored value back to the customer (card cancelled or partly cashed out), per the tenant's
 * refund rule. `principalFen` defaults to all of the principal.
 */
export async function refundWallet(
  ctx: Ctx,
  input: { customerId: string; principalFen?: number | undefined; reason: string; method: string },
  opKey: string,
) {
  await customerRow(ctx, input.customerId);
  const settings = await loadSettings(ctx);
  const wallet = await lockWallet(ctx, input.customerId);
  // A retry of a refund already made answers what it paid out, whatever the wallet holds now
  // (a "refund all" retried after a later top-up must not refund again).
  const prior = await queryRows<{ idempotency_key: string; amount: number | string }>(
    ctx.tx,
    sql`select t.idempotency_key, t.amount from ledger_transfers t
        where t.reference_type = 'stored_value_refund' and t.reference_id = ${opKey}`,
  );
  if (prior.length) {
    const part = (suffix: string) =>
      Number(prior.find((p) => p.idempotency_key === `${opKey}:${suffix}`)?.amount ?? 0);
    const cashFen = part('cash');
    const clawbackFen = part('clawback');
    return {
      cashFen,
      principalOut: cashFen + clawbackFen,
      bonusForfeit: part('bonus'),
      clawbackFen,
      rule: settings.storedValue.refundRule,
      wallet: {
        principalFen: wallet.principalFen,
        bonusFen: wallet.bonusFen,
        balanceFen: wallet.principalFen + wallet.bonusFen,
      },
    };
  }
  const principalFen = input.principalFen ?? wallet.principalFen;
  if (principalFen > wallet.principalFen)
    throw new AppError('STORED_VALUE_INSUFFICIENT', {
      field: 'principalFen',
      details: { principalFen: wallet.principalFen, requestedFen: principalFen },
    });
  const rule = settings.storedValue.refundRule;
  if (rule === 'deduct_spent_bonus' && principalFen !== wallet.principalFen)
    throw new AppError('VALIDATION_FAILED', {
      field: 'principalFen',
      message: {
        'zh-CN': '按本商户的退款规则只能全额退款',
        en: 'This business’s refund rule allows full refunds only',
      },
    });
  if (principalFen === 0 && wallet.bonusFen === 0)
    throw new AppError('STORED_VALUE_INSUFFICIENT', { field: 'principalFen' });
  let bonusSpent = 0;
  if (rule === 'deduct_spent_bonus') {
    const [row] = await queryRows<{ spent: number | string }>(
      ctx.tx,
      sql`select coalesce(sum(case when t.kind = 'spend' then t.amount else -t.amount end), 0) as spent
          from ledger_transfers t where t.debit_account_id = ${wallet.bonus}::uuid and t.kind = 'spend'
          or t.credit_account_id = ${wallet.bonus}::uuid and t.kind = 'spend_reversal'`,
    );
    bonusSpent = Number(row?.spent ?? 0);
  }
  const split = refundSplit({
    principal: wallet.principalFen,
    bonus: wallet.bonusFen,
    principalFen,
    bonusSpent,
    rule,
  });
  const ref = { referenceType: 'stored_value_refund', referenceId: opKey, memo: input.reason };
  if (split.cashFen > 0)
    await transfer(ctx, {
      key: `${opKey}:cash`,
      debit: wallet.principal,
      credit: wallet.cash,
      amount: split.cashFen,
      kind: 'refund',
      ...ref,
    });
  if (split.clawbackFen > 0)
    await transfer(ctx, {
      key: `${opKey}:clawback`,
      debit: wallet.principal,
      credit: wallet.spent,
      amount: split.clawbackFen,
      kind: 'refund_clawback',
      ...ref,
    });
  if (split.bonusForfeit > 0)
    await transfer(ctx, {
      key: `${opKey}:bonus`,
      debit: wallet.bonus,
      credit: wallet.bonusFunding,
      amount: split.bonusForfeit,
      kind: 'refund_bonus_forfeit',
      ...ref,
    });
  await recordAudit(ctx, {
    action: 'loyalty.storedValueRefunded',
    entityType: 'customer',
    entityId: input.customerId,
    changes: { ...split, rule, reason: input.reason, method: input.method },
  });
  const principalAfter = wallet.principalFen - split.principalOut;
  const bonusAfter = wallet.bonusFen - split.bonusForfeit;
  return {
    ...split,
    rule,
    wallet: {
      principalFen: principalAfter,
      bonusFen: bonusAfter,
      balanceFen: principalAfter + bonusAfter,
    },
  };
}

/**
 * What the business owes its customers, by home store and in total: stored value (principal and
 * bonus, in fen) and points (available and still pending, in points: their worth in money is the
 * tenant's redemption rule, not a fixed rate).
 */
export async function liabilityReport(ctx: Ctx) {
  const rows = await queryRows<{
    store_id: string | null;
    store_name: string | null;
    principal: number | string;
    bonus: number | string;
    customers: number | string;
    points_available: number | string;
    points_pending: number | string;
  }>(
    ctx.tx,
    sql`select c.home_store_id as store_id, s.name as store_name,
          coalesce(sum(a.balance) filter (where a.kind = 'stored_value_principal'), 0)::bigint as principal,
          coalesce(sum(a.balance) filter (where a.kind = 'stored_value_bonus'), 0)::bigint as bonus,
          count(distinct c.id) filter (where a.balance > 0
            and a.kind in ('stored_value_principal', 'stored_value_bonus'))::bigint as customers,
          coalesce(sum(a.balance) filter (where a.kind = 'points_available'), 0)::bigint as points_available,
          coalesce(sum(a.balance) filter (where a.kind = 'points_pending'), 0)::bigint as points_pending
        from ledger_accounts a
        join customers c on c.tenant_id = a.tenant_id and c.id = a.owner_customer_id
        left join stores s on s.tenant_id = c.tenant_id and s.id = c.home_store_id
        where a.kind in ('stored_value_principal', 'stored_value_bonus', 'points_available', 'points_pending')
        group by c.home_store_id, s.name
        order by s.name nulls last`,
  );
  const stores = rows.map((r) => ({
    storeId: r.store_id,
    storeName: r.store_name,
    principalFen: Number(r.principal),
    bonusFen: Number(r.bonus),
    totalFen: Number(r.principal) + Number(r.bonus),
    customers: Number(r.customers),
    pointsAvailable: Number(r.points_available),
    pointsPending: Number(r.points_pending),
  }));
  const sum = (
    k: 'principalFen' | 'bonusFen' | 'totalFen' | 'customers' | 'pointsAvailable' | 'pointsPending',
  ) => stores.reduce((s, r) => s + r[k], 0);
  return {
    asOf: ctx.clock.now().toISOString(),
    stores,
    total: {
      principalFen: sum('principalFen'),
      bonusFen: sum('bonusFen'),
      totalFen: sum('totalFen'),
      customers: sum('customers'),
      pointsAvailable: sum('pointsAvailable'),
      pointsPending: sum('pointsPending'),
    },
  };
}
