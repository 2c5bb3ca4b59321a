// Inspection templates per tenant: a tenant without one gets the standard multi-point check the
// first time templates are read, so an inspection can always be opened. The first template (the
// oldest) is the one an inspection opens with unless another is named; the last cannot be deleted.
import { asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { DEFAULT_POINTS, DEFAULT_TEMPLATE_NAME } from './default-template.ts';
import { assertTemplatePoints, normalisePoint } from './inspection-rules.ts';
import type { TemplateInput } from './inspections.schemas.ts';
import { inspectionTemplates } from './inspections.tables.ts';

type TemplateRow = typeof inspectionTemplates.$inferSelect;

const toDto = (t: TemplateRow) => ({
  id: t.id,
  name: t.name,
  points: t.points.map((p) => ({ ...p, why: p.why ?? '' })),
  createdAt: t.createdAt.toISOString(),
});

async function insertTemplate(ctx: Ctx, input: TemplateInput): Promise<TemplateRow> {
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .insert(inspectionTemplates)
    .values({ tenantId: ctx.tenantId, id: newId(), ...input, createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

const readTemplates = (ctx: Ctx) =>
  ctx.tx
    .select()
    .from(inspectionTemplates)
    .orderBy(asc(inspectionTemplates.createdAt), asc(inspectionTemplates.id));

/** One at a time per tenant: the first read creating the standard check, a delete. */
const lockTemplates = (ctx: Ctx) =>
  ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`inspection_templates|${ctx.tenantId}`}, 0))`,
  );

/** The input as stored, once its points make sense. */
function checked(input: TemplateInput): TemplateInput {
  assertTemplatePoints(input.points);
  return { ...input, points: input.points.map(normalisePoint) };
}

async function templateRows(ctx: Ctx): Promise<TemplateRow[]> {
  const rows = await readTemplates(ctx);
  if (rows.length) return rows;
  // Two first reads at once: the second waits for the first's standard check, then reads it.
  await lockTemplates(ctx);
  const again = await readTemplates(ctx);
  if (again.length) return again;
  return [await insertTemplate(ctx, { name: DEFAULT_TEMPLATE_NAME, points: DEFAULT_POINTS })];
}

export async function listTemplates(ctx: Ctx) {
  return { items: (await templateRows(ctx)).map(toDto) };
}

/** The template named, else the tenant's first (the standard check on a new tenant). */
export async function templateFor(ctx: Ctx, templateId: string | null | undefined) {
  if (!templateId) return (await templateRows(ctx))[0]!;
  const [row] = await ctx.tx
    .select()
    .from(inspectionTemplates)
    .where(eq(inspectionTemplates.id, templateId));
  if (!row) throw new AppError('NOT_FOUND', { field: 'templateId' });
  return row;
}

export async function createTemplate(ctx: Ctx, body: TemplateInput) {
  const input = checked(body);
  const row = await insertTemplate(ctx, input);
  await recordAudit(ctx, {
    action: 'inspection.templateCreated',
    entityType: 'inspection_template',
    entityId: row.id,
    changes: { name: input.name, points: input.points.length },
  });
  return toDto(row);
}

export async function updateTemplate(ctx: Ctx, templateId: string, body: TemplateInput) {
  const input = checked(body);
  const [row] = await ctx.tx
    .update(inspectionTemplates)
    .set({ ...input, updatedAt: ctx.clock.now() })
    .where(eq(inspectionTemplates.id, templateId))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', { field: 'templateId' });
  await recordAudit(ctx, {
    action: 'inspection.templateUpdated',
    entityType: 'inspection_template',
    entityId: templateId,
    changes: { name: input.name, points: input.points.length },
  });
  return toDto(row);
}

/** Deletes a template; inspections opened with it keep their points. The last one stays. */
export async function deleteTemplate(ctx: Ctx, templateId: string) {
  await lockTemplates(ctx);
  const rows = await readTemplates(ctx);
  const row = rows.find((t) => t.id === templateId);
  if (!row) throw new AppError('NOT_FOUND', { field: 'templateId' });
  if (rows.length === 1) throw new AppError('INSPECTION_TEMPLATE_LAST', { field: 'templateId' });
  await ctx.tx.delete(inspectionTemplates).where(eq(inspectionTemplates.id, templateId));
  await recordAudit(ctx, {
    action: 'inspection.templateDeleted',
    entityType: 'inspection_template',
    entityId: templateId,
    changes: { name: row.name, points: row.points.length },
  });
}
