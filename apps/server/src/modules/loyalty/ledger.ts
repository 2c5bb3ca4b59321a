// The double-entry ledger: accounts and transfers. A transfer is one database call
// (`liuke_ledger_transfer`, see the migration loyalty_ledger_functions) that claims its
// idempotency key, moves the balances in a fixed order and writes both entries; the database
// refuses a forbidden negative (CHECK on the account row) and any UPDATE or DELETE of history.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { pgError } from '../../kernel/pg-errors.ts';
import { ledgerAccounts } from './loyalty.tables.ts';

/** Customer account kinds. `package:<id>` is one account per package sold. */
export const CUSTOMER_KINDS = [
  'points_available',
  'points_pending',
  'points_debt',
  'stored_value_principal',
  'stored_value_bonus',
] as const;
/** The tenant's side of every movement; these may go negative (e.g. points issued). */
export const SYSTEM_KINDS = [
  'points_issued',
  'points_expired',
  'points_redeemed',
  'stored_value_cash',
  'stored_value_bonus_funding',
  'stored_value_spent',
  'stored_value_adjustment',
  'stored_value_escrow',
  'package_sold',
  'package_used',
  'package_expired',
] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number] | `package:${string}`;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

/**
 * Which accounts may go negative: the tenant's system accounts (the other side of every
 * movement) and a customer's points debt (points already spent and then reversed, only where
 * the tenant allows it). Everything a customer holds must stay ≥ 0 — and so must the escrow,
 * which holds customers' money: it can only give back or spend what was put in.
 */
export const allowsNegative = (owner: string | null, kind: string): boolean =>
  (owner === null && !kind.startsWith('stored_value_escrow')) || kind === 'points_debt';

export const SYSTEM_SHARDS = 8;

/**
 * The tenant's system account for movements of `customerId`'s value. System accounts are the
 * other side of nearly every transfer, so one row per kind would make every payment, top-up and
 * redemption of a tenant wait for the one before it to commit (a hot row). They may go negative,
 * so nothing needs their total at write time: each kind is split into SYSTEM_SHARDS rows
 * (`points_issued#3`), a customer always using the same one; reports add the shards up.
 */
export function systemAccount(kind: SystemKind, customerId: string): AccountRef {
  const shard = parseInt(customerId.replace(/-/g, '').slice(-4), 16) % SYSTEM_SHARDS;
  return { owner: null, kind: `${kind}#${Number.isNaN(shard) ? 0 : shard}` };
}

export interface AccountRef {
  owner: string | null;
  kind: string;
}

/** The ids of accounts, created on first use (one statement to create, one to read). */
export async function ensureAccounts(ctx: Ctx, refs: readonly AccountRef[]): Promise<string[]> {
  const now = ctx.clock.now();
  const values = refs.map((r) => ({
    tenantId: ctx.tenantId,
    id: newId(),
    ownerCustomerId: r.owner,
    kind: r.kind,
    balance: 0,
    allowNegative: allowsNegative(r.owner, r.kind),
    createdAt: now,
  }));
  await ctx.tx.insert(ledgerAccounts).values(values).onConflictDoNothing();
  const owners = [...new Set(refs.map((r) => r.owner).filter((o): o is string => o !== null))];
  const kinds = [...new Set(refs.map((r) => r.kind))];
  const hasSystem = refs.some((r) => r.owner === null);
  const rows = await ctx.tx
    .select({
      id: ledgerAccounts.id,
      owner: ledgerAccounts.ownerCustomerId,
      kind: ledgerAccounts.kind,
    })
    .from(ledgerAccounts)
    .where(
      and(
        inArray(ledgerAccounts.kind, kinds),
        owners.length && hasSystem
          ? sql`(${inArray(ledgerAccounts.ownerCustomerId, owners)} or ${isNull(ledgerAccounts.ownerCustomerId)})`
          : owners.length
            ? inArray(ledgerAccounts.ownerCustomerId, owners)
            : isNull(ledgerAccounts.ownerCustomerId),
      ),
    );
  const byKey = new Map(rows.map((r) => [`${r.owner ?? ''}|${r.kind}`, r.id]));
  return refs.map((r) => {
    const id = byKey.get(`${r.owner ?? ''}|${r.kind}`);
    if (!id) throw new Error(`ledger account ${r.owner ?? 'system'}/${r.kind} missing`);
    return id;
  });
}

export async function ensureAccount(ctx: Ctx, owner: string | null, kind: string): Promise<string> {
  return (await ensureAccounts(ctx, [{ owner, kind }]))[0]!;
}

/** Locks accounts (in id order, as transfers do) and answers their balances by id. */
export async function lockAccounts(ctx: Ctx, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await ctx.tx
    .select({ id: ledgerAccounts.id, balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.id, [...ids]))
    .orderBy(ledgerAccounts.id)
    .for('update');
  return new Map(rows.map((r) => [r.id, Number(r.balance)]));
}

/** Balances of a customer's accounts by kind (missing accounts are 0). */
export async function customerBalances(
  ctx: Ctx,
  customerId: string,
): Promise<Map<string, { id: string; balance: number }>> {
  const rows = await ctx.tx
    .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.ownerCustomerId, customerId));
  return new Map(rows.map((r) => [r.kind, { id: r.id, balance: Number(r.balance) }]));
}

export interface TransferInput {
  /** Unique per tenant: a retry with the same key returns the first transfer. */
  key: string;
  debit: string;
  credit: string;
  amount: number;
  kind: string;
  referenceType?: string | null;
  referenceId?: string | null;
  /** The transfer this one corrects; a transfer can be reversed at most once. */
  reverses?: string | null;
  memo?: string | null;
}

export interface TransferResult {
  transferId: string;
  /** The key had been used: nothing moved now, this is the first transfer. */
  replayed: boolean;
  /** Balances after the transfer (null on a replay). */
  debitBalance: number | null;
  creditBalance: number | null;
}

interface Row {
  transfer_id: string;
  replayed: boolean;
  matches: boolean;
  debit_balance: number | string | null;
  credit_balance: number | string | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/**
 * Moves `amount` from the debit account to the credit account. Bad amounts are a 400; a
 * forbidden negative is LEDGER_INSUFFICIENT_BALANCE (the database refused it, the request's
 * transaction rolls back: nothing half done); the same key with another body is
 * IDEMPOTENCY_KEY_REUSED.
 */
export async function transfer(ctx: Ctx, t: TransferInput): Promise<TransferResult> {
  if (!Number.isSafeInteger(t.amount) || t.amount <= 0)
    throw new AppError('VALIDATION_FAILED', { field: 'amount', details: { amount: t.amount } });
  if (t.debit === t.credit) throw new AppError('VALIDATION_FAILED', { field: 'account' });
  const actorId = ctx.actor.id && /^[0-9a-f-]{36}$/i.test(ctx.actor.id) ? ctx.actor.id : null;
  let rows: Row[];
  try {
    rows = await queryRows<Row>(
      ctx.tx,
      sql`select transfer_id, replayed, matches, debit_balance, credit_balance from liuke_ledger_transfer(
        ${ctx.tenantId}::uuid, ${newId()}::uuid, ${t.key}, ${t.debit}::uuid, ${t.credit}::uuid,
        ${t.amount}::bigint, ${t.kind}, ${t.referenceType ?? null}, ${t.referenceId ?? null},
        ${t.reverses ?? null}::uuid, ${t.memo ?? null}, ${ctx.actor.type}, ${actorId}::uuid,
        ${ctx.clock.now().toISOString()}::timestamptz, ${newId()}::uuid, ${newId()}::uuid)`,
    );
  } catch (err) {
    const pg = pgError(err);
    if (pg?.constraint === 'ledger_accounts_balance_check')
      throw new AppError('LEDGER_INSUFFICIENT_BALANCE', { field: 'amount', cause: err });
    if (pg?.constraint === 'ledger_transfers_reverses_key')
      throw new AppError('LEDGER_ALREADY_REVERSED', { field: 'reverses', cause: err });
    throw err;
  }
  const r = rows[0]!;
  if (r.replayed && !r.matches)
    throw new AppError('IDEMPOTENCY_KEY_REUSED', {
      field: 'idempotencyKey',
      details: { key: t.key },
    });
  return {
    transferId: r.transfer_id,
    replayed: r.replayed,
    debitBalance: num(r.debit_balance),
    creditBalance: num(r.credit_balance),
  };
}

/** A transfer made under `key` earlier, if any. */
export async function transferByKey(ctx: Ctx, key: string) {
  const rows = await queryRows<{
    id: string;
    amount: number | string;
    reference_id: string | null;
  }>(
    ctx.tx,
    sql`select t.id, t.amount, t.reference_id from ledger_transfers t where t.idempotency_key = ${key}`,
  );
  const r = rows[0];
  return r ? { id: r.id, amount: Number(r.amount), referenceId: r.reference_id } : null;
}
