// Holds (冻结): stored value set aside for a purchase that may not happen (a group deal). A hold
// moves it from the owner's wallet (principal and bonus, per the tenant's spend order) into the
// tenant's escrow account; capturing spends it (escrow → stored_value_spent), releasing gives each
// part back to the wallet account it came from as the reversal of its hold transfer. Every step
// is a ledger transfer under a key derived from the caller's hold key, so a retry moves nothing
// more; a hold is captured or released, never both (checked under the owner's wallet lock).
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { ensureAccount, systemAccount, transfer } from './ledger.ts';
import { splitSpend } from './ledger-math.ts';
import { loadSettings } from './settings.ts';
import { lockWallet, type Wallet } from './stored-value.ts';

const PARTS = ['principal', 'bonus'] as const;
type Part = (typeof PARTS)[number];

export type HoldState = 'none' | 'held' | 'captured' | 'released';

export interface HoldInput {
  customerId: string;
  amountFen: number;
  /** The caller's key for this hold (e.g. `deal:<participationId>`), unique per tenant. */
  key: string;
  referenceType: string;
  referenceId: string;
  memo?: string | null;
}

const holdKey = (key: string, part: Part) => `${key}:hold:${part}`;
const captureKey = (key: string, part: Part) => `${key}:capture:${part}`;
const releaseKey = (key: string, part: Part) => `${key}:release:${part}`;

interface HeldPart {
  part: Part;
  transferId: string;
  amount: number;
  referenceId: string | null;
  /** The escrow account the hold went into (the owner's shard when held; a merge may have
   * moved the owner since, the money stays where it was put). */
  escrow: string;
}

async function transfersByKeys(ctx: Ctx, keys: string[]) {
  return queryRows<{
    key: string;
    id: string;
    amount: number | string;
    reference_id: string | null;
    credit: string;
  }>(
    ctx.tx,
    sql`select t.idempotency_key as key, t.id, t.amount, t.reference_id,
          t.credit_account_id as credit
        from ledger_transfers t where t.idempotency_key in (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )})`,
  );
}

async function heldParts(ctx: Ctx, key: string): Promise<HeldPart[]> {
  const rows = await transfersByKeys(
    ctx,
    PARTS.map((p) => holdKey(key, p)),
  );
  return PARTS.flatMap((part) => {
    const t = rows.find((r) => r.key === holdKey(key, part));
    return t
      ? [
          {
            part,
            transferId: t.id,
            amount: Number(t.amount),
            referenceId: t.reference_id,
            escrow: t.credit,
          },
        ]
      : [];
  });
}

async function settledWith(ctx: Ctx, key: string, keyOf: (k: string, p: Part) => string) {
  return (
    (
      await transfersByKeys(
        ctx,
        PARTS.map((p) => keyOf(key, p)),
      )
    ).length > 0
  );
}

const walletAccount = (w: Wallet, part: Part) => (part === 'principal' ? w.principal : w.bonus);

/**
 * Moves `amountFen` from the owner's wallet into escrow. Short of money: STORED_VALUE_INSUFFICIENT
 * with the balance (online payment of a hold does not exist yet). A retry with the same key and
 * amount answers the first hold.
 */
export async function holdStoredValue(
  ctx: Ctx,
  input: HoldInput,
): Promise<{ heldFen: number; replayed: boolean; balanceFen: number }> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new AppError('VALIDATION_FAILED', { field: 'amountFen' });
  const wallet = await lockWallet(ctx, input.customerId);
  const balanceFen = wallet.principalFen + wallet.bonusFen;
  const prior = await heldParts(ctx, input.key);
  if (prior.length) {
    if (prior.reduce((s, p) => s + p.amount, 0) !== input.amountFen)
      throw new AppError('IDEMPOTENCY_KEY_REUSED', { field: 'idempotencyKey' });
    return { heldFen: input.amountFen, replayed: true, balanceFen };
  }
  if (input.amountFen > balanceFen)
    throw new AppError('STORED_VALUE_INSUFFICIENT', {
      field: 'storedValueFen',
      details: {
        balanceFen,
        requestedFen: input.amountFen,
        shortFen: input.amountFen - balanceFen,
        onlinePayment: false,
      },
    });
  const settings = await loadSettings(ctx);
  const split = splitSpend(
    { principal: wallet.principalFen, bonus: wallet.bonusFen },
    input.amountFen,
    settings.storedValue.spendOrder,
  );
  const escrow = await ensureAccount(
    ctx,
    null,
    systemAccount('stored_value_escrow', input.customerId).kind,
  );
  for (const part of PARTS)
    if (split[part] > 0)
      await transfer(ctx, {
        key: holdKey(input.key, part),
        debit: walletAccount(wallet, part),
        credit: escrow,
        amount: split[part],
        kind: 'hold',
        referenceType: input.referenceType,
        referenceId: input.referenceId,
        memo: input.memo ?? null,
      });
  return { heldFen: input.amountFen, replayed: false, balanceFen: balanceFen - input.amountFen };
}

/** Where a hold stands, from its transfers. */
export async function holdState(ctx: Ctx, key: string): Promise<HoldState> {
  if (!(await heldParts(ctx, key)).length) return 'none';
  if (await settledWith(ctx, key, captureKey)) return 'captured';
  if (await settledWith(ctx, key, releaseKey)) return 'released';
  return 'held';
}

/**
 * Gives a hold back to the wallet accounts it came from (each part as the reversal of its hold
 * transfer). A hold never made releases 0; a repeat releases nothing more; a captured hold is
 * LEDGER_HOLD_SETTLED.
 */
export async function releaseHold(
  ctx: Ctx,
  input: { customerId: string; key: string },
): Promise<{ releasedFen: number }> {
  const wallet = await lockWallet(ctx, input.customerId);
  const parts = await heldParts(ctx, input.key);
  if (!parts.length) return { releasedFen: 0 };
  if (await settledWith(ctx, input.key, captureKey))
    throw new AppError('LEDGER_HOLD_SETTLED', { details: { state: 'captured' } });
  for (const p of parts)
    await transfer(ctx, {
      key: releaseKey(input.key, p.part),
      debit: p.escrow,
      credit: walletAccount(wallet, p.part),
      amount: p.amount,
      kind: 'hold_release',
      referenceType: 'hold',
      referenceId: p.referenceId,
      reverses: p.transferId,
    });
  return { releasedFen: parts.reduce((s, p) => s + p.amount, 0) };
}

/**
 * Spends a hold: escrow → the tenant's stored value spent. A repeat captures nothing more; a
 * released hold is LEDGER_HOLD_SETTLED; a hold never made is NOT_FOUND.
 */
export async function captureHold(
  ctx: Ctx,
  input: { customerId: string; key: string },
): Promise<{ capturedFen: number }> {
  const wallet = await lockWallet(ctx, input.customerId);
  const parts = await heldParts(ctx, input.key);
  if (!parts.length) throw new AppError('NOT_FOUND', { field: 'key' });
  if (await settledWith(ctx, input.key, releaseKey))
    throw new AppError('LEDGER_HOLD_SETTLED', { details: { state: 'released' } });
  for (const p of parts)
    await transfer(ctx, {
      key: captureKey(input.key, p.part),
      debit: p.escrow,
      credit: wallet.spent,
      amount: p.amount,
      kind: 'hold_capture',
      referenceType: 'hold',
      referenceId: p.referenceId,
    });
  return { capturedFen: parts.reduce((s, p) => s + p.amount, 0) };
}
