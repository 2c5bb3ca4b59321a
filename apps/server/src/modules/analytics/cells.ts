// Reading the rollups: the cells of one kind for a store scope, optionally limited to months.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { ALL_STORES } from './analytics.tables.ts';

export interface CellRow {
  k1: string;
  k2: string;
  v: [number, number, number, number, number, number, number, number];
}

/** Cells of a kind for the store (null: every store), k1 between `fromK1` and `toK1`. */
export async function readCells(
  ctx: Ctx,
  kind: string,
  storeId: string | null,
  range: { fromK1?: string; toK1?: string } = {},
): Promise<CellRow[]> {
  const rows = await queryRows<{
    k1: string;
    k2: string;
    v1: string;
    v2: string;
    v3: string;
    v4: string;
    v5: string;
    v6: string;
    v7: string;
    v8: string;
  }>(
    ctx.tx,
    sql`select c.k1, c.k2, c.v1, c.v2, c.v3, c.v4, c.v5, c.v6, c.v7, c.v8 from analytics_cells c
        where c.tenant_id = ${ctx.tenantId}::uuid and c.kind = ${kind}
          and c.store_key = ${storeId ?? ALL_STORES}::uuid
          and (${range.fromK1 ?? null}::text is null or c.k1 >= ${range.fromK1 ?? null}::text)
          and (${range.toK1 ?? null}::text is null or c.k1 <= ${range.toK1 ?? null}::text)
        order by c.k1, c.k2`,
  );
  return rows.map((r) => ({
    k1: r.k1,
    k2: r.k2,
    v: [r.v1, r.v2, r.v3, r.v4, r.v5, r.v6, r.v7, r.v8].map(Number) as CellRow['v'],
  }));
}

/** Cells by k1 for the given months (absent months: zeros), as a map month → cell. */
export async function monthCells(
  ctx: Ctx,
  kind: string,
  storeId: string | null,
  months: string[],
  k2 = '',
): Promise<Map<string, CellRow['v']>> {
  const rows = await readCells(ctx, kind, storeId, { fromK1: months[0], toK1: months.at(-1) });
  const out = new Map<string, CellRow['v']>();
  for (const m of months) out.set(m, [0, 0, 0, 0, 0, 0, 0, 0]);
  for (const r of rows) if (r.k2 === k2 && out.has(r.k1)) out.set(r.k1, r.v);
  return out;
}

/** n / d, null when d is 0 (a rate with nothing to count). */
export const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);
