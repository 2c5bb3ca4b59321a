// Counts for analytics: deals by status and joiners by what became of their hold, for deals
// created in a window (or all).
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';

export interface DealCounts {
  deals: Record<string, number>;
  participations: Record<string, number>;
  /** Stored value captured by deals that happened, and still held in open deals (fen). */
  capturedFen: number;
  heldFen: number;
}

export async function dealCounts(
  ctx: Ctx,
  window: { from?: Date | null; to?: Date | null } = {},
): Promise<DealCounts> {
  const from = window.from?.toISOString() ?? null;
  const to = window.to?.toISOString() ?? null;
  const inWindow = sql`(${from}::timestamptz is null or d.created_at >= ${from}::timestamptz)
    and (${to}::timestamptz is null or d.created_at < ${to}::timestamptz)`;
  const deals = await queryRows<{ status: string; n: number }>(
    ctx.tx,
    sql`select d.status, count(*)::int as n from deals d where ${inWindow} group by d.status`,
  );
  const parts = await queryRows<{ status: string; n: number; fen: number | string }>(
    ctx.tx,
    sql`select p.status, count(*)::int as n, coalesce(sum(p.hold_fen), 0) as fen
        from deal_participations p join deals d on d.tenant_id = p.tenant_id and d.id = p.deal_id
        where ${inWindow} group by p.status`,
  );
  const fen = (s: string) => Number(parts.find((p) => p.status === s)?.fen ?? 0);
  return {
    deals: Object.fromEntries(deals.map((r) => [r.status, Number(r.n)])),
    participations: Object.fromEntries(parts.map((r) => [r.status, Number(r.n)])),
    capturedFen: fen('captured'),
    heldFen: fen('holding'),
  };
}
