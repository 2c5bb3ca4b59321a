// The filters of a panel, checked once for every panel: a period of local days that does not end
// before it starts and lasts at most five years, a comparison period of the same length, a store
// of the tenant. Pure date arithmetic here; the store lookup in `resolveFilters`.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { PanelQuery } from './panel.ts';

export const MAX_PERIOD_DAYS = 5 * 366;

export interface FilterInput {
  storeId?: string | null | undefined;
  from?: string | undefined;
  to?: string | undefined;
  compareFrom?: string | undefined;
  compareTo?: string | undefined;
}

const DAY = 86_400_000;
const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
const dayOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

/** Days of an inclusive period. */
export const periodDays = (from: string, to: string) => dayNo(to) - dayNo(from) + 1;

/** The months `YYYY-MM` an inclusive period touches, oldest first. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** The default period: the twelve months up to today (from the first of the month a year ago). */
export function defaultPeriod(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const fromM = m === 12 ? 1 : m + 1;
  const fromY = m === 12 ? y : y - 1;
  return { from: `${fromY}-${String(fromM).padStart(2, '0')}-01`, to: today };
}

/** The period and the comparison, checked (throws the filter's error). */
export function checkPeriods(input: FilterInput, today: string) {
  const period =
    input.from || input.to
      ? { from: input.from ?? input.to!, to: input.to ?? today }
      : defaultPeriod(today);
  if (dayNo(period.to) < dayNo(period.from))
    throw new AppError('ANALYTICS_PERIOD_INVALID', { field: 'to' });
  const days = periodDays(period.from, period.to);
  if (days > MAX_PERIOD_DAYS) throw new AppError('ANALYTICS_PERIOD_TOO_LONG', { field: 'from' });
  let compare: { from: string; to: string } | null = null;
  if (input.compareFrom || input.compareTo) {
    if (!input.compareFrom || !input.compareTo)
      throw new AppError('ANALYTICS_COMPARE_INVALID', {
        field: input.compareFrom ? 'compareTo' : 'compareFrom',
      });
    compare = { from: input.compareFrom, to: input.compareTo };
    if (periodDays(compare.from, compare.to) !== days)
      throw new AppError('ANALYTICS_COMPARE_INVALID', {
        field: 'compareTo',
        details: { days, compareDays: periodDays(compare.from, compare.to) },
      });
  }
  return { period, compare };
}

/** The comparison period a year before (same length), for "vs last year". */
export const yearBefore = (p: { from: string; to: string }) => {
  const days = periodDays(p.from, p.to);
  const to = dayOf(dayNo(p.to) - 364);
  return { from: dayOf(dayNo(to) - days + 1), to };
};

/** The tenant's local day now. */
export async function tenantToday(ctx: Ctx): Promise<string> {
  const [row] = await queryRows<{ today: string }>(
    ctx.tx,
    sql`select to_char((${ctx.clock.now().toISOString()}::timestamptz at time zone t.timezone)::date, 'YYYY-MM-DD') as today
        from tenants t where t.tenant_id = ${ctx.tenantId}::uuid`,
  );
  return row?.today ?? ctx.clock.now().toISOString().slice(0, 10);
}

/** Checks the filters against the tenant: the store must be one of its stores. */
export async function resolveFilters(
  ctx: Ctx,
  input: FilterInput,
): Promise<{ query: PanelQuery; compare: PanelQuery | null }> {
  const today = await tenantToday(ctx);
  const { period, compare } = checkPeriods(input, today);
  const storeId = input.storeId ?? null;
  if (storeId) {
    const found = await queryRows(
      ctx.tx,
      sql`select 1 from stores s where s.tenant_id = ${ctx.tenantId}::uuid and s.id = ${storeId}::uuid`,
    );
    if (!found.length) throw new AppError('ANALYTICS_STORE_UNKNOWN', { field: 'storeId' });
  }
  const q = (p: { from: string; to: string }): PanelQuery => ({
    storeId,
    from: p.from,
    to: p.to,
    months: monthsOf(p.from, p.to),
    today,
  });
  return { query: q(period), compare: compare ? q(compare) : null };
}
