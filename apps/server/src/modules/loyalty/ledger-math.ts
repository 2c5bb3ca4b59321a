// The loyalty rules that need no database: points earned on a payment, FIFO consumption of
// points lots, how a wallet spend splits between principal and bonus, what a stored-value refund
// pays out, tiers and their progress, calendar arithmetic. All amounts are integers (fen, points).

export interface Lot {
  id: string;
  remaining: number;
  expiresAt: Date;
  earnedAt: Date;
}

/** Oldest expiry first, then oldest earned, then id: the order lots are spent and expired in. */
export function fifoOrder<L extends Lot>(lots: readonly L[]): L[] {
  return [...lots].sort(
    (a, b) =>
      a.expiresAt.getTime() - b.expiresAt.getTime() ||
      a.earnedAt.getTime() - b.earnedAt.getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Takes `amount` from lots, `first` (e.g. the lot of the order being refunded) before the rest in
 * FIFO order. Answers what each lot gives and what could not be covered.
 */
export function consumeLots(
  lots: readonly Lot[],
  amount: number,
  first?: ReadonlySet<string>,
): { takes: { id: string; take: number }[]; shortfall: number } {
  assertAmount(amount, true);
  const ordered = fifoOrder(lots.filter((l) => l.remaining > 0));
  const preferred = first ? ordered.filter((l) => first.has(l.id)) : [];
  const rest = first ? ordered.filter((l) => !first.has(l.id)) : ordered;
  const takes: { id: string; take: number }[] = [];
  let left = amount;
  for (const lot of [...preferred, ...rest]) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    takes.push({ id: lot.id, take });
    left -= take;
  }
  return { takes, shortfall: left };
}

export function assertAmount(amount: number, allowZero = false): void {
  if (!Number.isSafeInteger(amount) || amount < 0 || (!allowZero && amount === 0))
    throw new RangeError(`amount must be a ${allowZero ? 'non-negative' : 'positive'} integer`);
}

export interface EarnRule {
  /** Points per yuan (100 fen) paid; 1 means ¥1 → 1 point. */
  pointsPerYuan: number;
  /** Per service category: multiplies the points of that category's share of the payment. */
  categoryMultipliers: Partial<Record<string, number>>;
}

/**
 * Points for a payment. Points are earned on what was actually paid (after discounts): the paid
 * amount is spread over the order's categories in proportion to their line totals, each share
 * weighted by its category multiplier, times the tier's multiplier, rounded down.
 */
export function pointsForPayment(
  rule: EarnRule,
  input: { paidFen: number; categoryTotalsFen: Record<string, number>; tierMultiplier?: number },
): number {
  const total = Object.values(input.categoryTotalsFen).reduce((s, v) => s + v, 0);
  if (input.paidFen <= 0 || rule.pointsPerYuan <= 0) return 0;
  let weighted = 0;
  if (total <= 0) weighted = input.paidFen;
  else
    for (const [category, fen] of Object.entries(input.categoryTotalsFen))
      weighted += (input.paidFen * fen * (rule.categoryMultipliers[category] ?? 1)) / total;
  const points = (weighted / 100) * rule.pointsPerYuan * (input.tierMultiplier ?? 1);
  // Tolerate float noise (1.1 × 100 = 110.00000000000001) before rounding down.
  return Math.max(0, Math.floor(points + 1e-9));
}

export type SpendOrder = 'principal_first' | 'bonus_first' | 'proportional';

/** How a wallet payment of `amount` splits between principal and bonus. */
export function splitSpend(
  wallet: { principal: number; bonus: number },
  amount: number,
  order: SpendOrder,
): { principal: number; bonus: number } {
  assertAmount(amount, true);
  const total = wallet.principal + wallet.bonus;
  if (amount > total) throw new RangeError('amount exceeds the wallet');
  let bonus: number;
  if (order === 'bonus_first') bonus = Math.min(wallet.bonus, amount);
  else if (order === 'principal_first') bonus = Math.max(0, amount - wallet.principal);
  else {
    bonus = total === 0 ? 0 : Math.floor((amount * wallet.bonus) / total);
    // Keep both sides within what the wallet holds after rounding.
    bonus = Math.min(wallet.bonus, Math.max(bonus, amount - wallet.principal));
  }
  return { principal: amount - bonus, bonus };
}

export type RefundRule = 'forfeit_bonus' | 'deduct_spent_bonus';

/**
 * A stored-value refund of `principalFen` of the remaining principal.
 * - forfeit_bonus: the customer gets the principal back in cash; the bonus goes back to the
 *   business in proportion to the principal refunded (all of it on a full refund).
 * - deduct_spent_bonus (full refunds only): bonus already spent was a discount the customer
 *   keeps only if they keep the card, so it is deducted from the cash returned (never below 0);
 *   the deduction stays with the business as revenue.
 */
export function refundSplit(input: {
  principal: number;
  bonus: number;
  principalFen: number;
  bonusSpent: number;
  rule: RefundRule;
}): { cashFen: number; principalOut: number; bonusForfeit: number; clawbackFen: number } {
  const { principal, bonus, principalFen, rule } = input;
  assertAmount(principalFen, true);
  if (principalFen > principal) throw new RangeError('refund exceeds the principal');
  const full = principalFen === principal;
  const bonusForfeit = full ? bonus : Math.floor((bonus * principalFen) / Math.max(principal, 1));
  if (rule === 'forfeit_bonus')
    return { cashFen: principalFen, principalOut: principalFen, bonusForfeit, clawbackFen: 0 };
  const clawbackFen = Math.min(principalFen, Math.max(0, input.bonusSpent));
  return {
    cashFen: principalFen - clawbackFen,
    principalOut: principalFen,
    bonusForfeit,
    clawbackFen,
  };
}

export interface TierLevel {
  code: string;
  name: string;
  threshold: number;
  earnMultiplier: number;
}

/** The highest level whose threshold the value reaches (levels in ascending threshold). */
export function tierFor<L extends TierLevel>(levels: readonly L[], value: number): L | null {
  let found: L | null = null;
  for (const level of levels) if (value >= level.threshold) found = level;
  return found ?? levels[0] ?? null;
}

export function tierRank(levels: readonly TierLevel[], code: string | null): number {
  return levels.findIndex((l) => l.code === code);
}

/** The next level above `code` and its threshold (the value's target). */
export function tierProgress(
  levels: readonly TierLevel[],
  code: string,
): { next: TierLevel | null; nextThreshold: number | null } {
  const next = levels[tierRank(levels, code) + 1] ?? null;
  return { next, nextThreshold: next ? next.threshold : null };
}

/** The same wall-clock instant `months` later (clamped to the month's last day), in UTC. */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);

/**
 * The ledger as pure data, for the invariant tests' model: applies a transfer to balances and
 * answers whether it was allowed (no forbidden negative).
 */
export function applyToModel(
  balances: Map<string, number>,
  allowNegative: (account: string) => boolean,
  t: { debit: string; credit: string; amount: number },
): boolean {
  const after = (balances.get(t.debit) ?? 0) - t.amount;
  if (after < 0 && !allowNegative(t.debit)) return false;
  balances.set(t.debit, after);
  balances.set(t.credit, (balances.get(t.credit) ?? 0) + t.amount);
  return true;
}
