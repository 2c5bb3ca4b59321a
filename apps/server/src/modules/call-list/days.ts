// Tenant-local days for the call list (the business's time zone).
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { localDate } from '../automation/index.ts';
import { tenants } from '../tenancy/index.ts';

export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The tenant's local day now. */
export async function tenantToday(ctx: Ctx): Promise<string> {
  const [t] = await ctx.tx
    .select({ tz: tenants.timezone })
    .from(tenants)
    .where(eq(tenants.tenantId, ctx.tenantId));
  return localDate(ctx.clock.now(), t?.tz ?? 'Asia/Shanghai');
}
