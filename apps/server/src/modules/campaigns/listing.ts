// Campaigns as the console sees them: each with its segment's name and its accounting.
import { desc, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { accountingFor, emptyAccounting, type Accounting } from './accounting.ts';
import type { CampaignDto } from './campaigns.schemas.ts';
import { campaigns } from './campaigns.tables.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

function dto(row: CampaignRow, segmentName: string | null, accounting: Accounting): CampaignDto {
  return {
    id: row.id,
    name: row.name,
    play: row.play,
    segmentId: row.segmentId,
    segmentName,
    variants: row.variants,
    splitPercent: row.splitPercent,
    couponTemplateId: row.couponTemplateId,
    holdoutPercent: row.holdoutPercent,
    budgetMaxRecipients: row.budgetMaxRecipients,
    budgetMaxCouponFen: row.budgetMaxCouponFen === null ? null : Number(row.budgetMaxCouponFen),
    attributionDays: row.attributionDays,
    channels: (row.channels as CampaignDto['channels']) ?? null,
    scheduleKind: row.scheduleKind,
    sendAt: row.sendAt?.toISOString() ?? null,
    recurrence: row.recurrence ?? null,
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    status: row.status,
    runs: row.runs,
    launchedAt: row.launchedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    accounting,
  };
}

async function segmentNames(ctx: Ctx, rows: CampaignRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.segmentId))];
  if (!ids.length) return new Map();
  const found = await queryRows<{ id: string; name: string }>(
    ctx.tx,
    sql`select id, name from segments where tenant_id = ${ctx.tenantId}::uuid and id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  return new Map(found.map((s) => [s.id, s.name]));
}

export async function listCampaigns(ctx: Ctx) {
  const rows = await ctx.tx.select().from(campaigns).orderBy(desc(campaigns.createdAt));
  const acc = await accountingFor(
    ctx,
    rows.map((r) => r.id),
  );
  const names = await segmentNames(ctx, rows);
  return {
    items: rows.map((r) =>
      dto(r, names.get(r.segmentId) ?? null, acc.get(r.id) ?? emptyAccounting()),
    ),
  };
}

export async function campaignRow(ctx: Ctx, id: string, lock = false): Promise<CampaignRow> {
  const q = ctx.tx.select().from(campaigns).where(eq(campaigns.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND', { details: { entity: 'campaign' } });
  return row;
}

export async function getCampaign(ctx: Ctx, id: string): Promise<CampaignDto> {
  const row = await campaignRow(ctx, id);
  const acc = await accountingFor(ctx, [id]);
  const names = await segmentNames(ctx, [row]);
  return dto(row, names.get(row.segmentId) ?? null, acc.get(id) ?? emptyAccounting());
}
