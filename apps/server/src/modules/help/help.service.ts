// Staff keep the FAQ: categories (unique names, ordered; deleted only when empty), entries
// (zh-CN text required, English optional but question and answer together; draft or
// published), synonym groups (a term in one group only). Every change is audited; the search
// index notices it by itself (see help-read.ts).
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import type { HelpEntryStatus } from './help.tables.ts';
import { helpCategories, helpEntries, helpSynonyms } from './help.tables.ts';
import { normalizeText } from './help-tokenize.ts';

export type CategoryInput = {
  nameZh: string;
  nameEn: string;
  position: number;
};

export interface EntryInput {
  categoryId: string | null;
  questionZh: string;
  answerZh: string;
  questionEn: string;
  answerEn: string;
  status: HelpEntryStatus;
  position: number;
}

// ---- categories ----

export async function listCategories(ctx: Ctx) {
  return ctx.tx
    .select({
      id: helpCategories.id,
      nameZh: helpCategories.nameZh,
      nameEn: helpCategories.nameEn,
      position: helpCategories.position,
      entries: sql<number>`(select count(*)::int from "help_entries" e
        where e."tenant_id" = "help_categories"."tenant_id"
          and e."category_id" = "help_categories"."id")`,
    })
    .from(helpCategories)
    .orderBy(asc(helpCategories.position), asc(helpCategories.nameZh));
}

async function category(ctx: Ctx, id: string) {
  const row = (await listCategories(ctx)).find((c) => c.id === id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function cleanCategory(input: CategoryInput): CategoryInput {
  const nameZh = sanitizePlainText(input.nameZh);
  if (!nameZh) throw new AppError('VALIDATION_FAILED', { field: 'nameZh' });
  return { nameZh, nameEn: sanitizePlainText(input.nameEn), position: input.position };
}

async function assertNameFree(ctx: Ctx, nameZh: string, exceptId: string | null) {
  const [clash] = await ctx.tx
    .select({ id: helpCategories.id })
    .from(helpCategories)
    .where(eq(helpCategories.nameZh, nameZh));
  if (clash && clash.id !== exceptId)
    throw new AppError('HELP_CATEGORY_NAME_TAKEN', { field: 'nameZh' });
}

export async function createCategory(ctx: Ctx, input: CategoryInput) {
  const clean = cleanCategory(input);
  await assertNameFree(ctx, clean.nameZh, null);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx
    .insert(helpCategories)
    .values({ tenantId: ctx.tenantId, id, ...clean, createdAt: now, updatedAt: now });
  await recordAudit(ctx, {
    action: 'help.category.create',
    entityType: 'help_category',
    entityId: id,
    changes: clean,
  });
  return category(ctx, id);
}

export async function updateCategory(ctx: Ctx, id: string, input: CategoryInput) {
  await category(ctx, id);
  const clean = cleanCategory(input);
  await assertNameFree(ctx, clean.nameZh, id);
  await ctx.tx
    .update(helpCategories)
    .set({ ...clean, updatedAt: ctx.clock.now() })
    .where(eq(helpCategories.id, id));
  await recordAudit(ctx, {
    action: 'help.category.update',
    entityType: 'help_category',
    entityId: id,
    changes: clean,
  });
  return category(ctx, id);
}

export async function deleteCategory(ctx: Ctx, id: string): Promise<void> {
  const row = await category(ctx, id);
  if (row.entries > 0)
    throw new AppError('HELP_CATEGORY_NOT_EMPTY', { details: { entries: row.entries } });
  await ctx.tx.delete(helpCategories).where(eq(helpCategories.id, id));
  await recordAudit(ctx, {
    action: 'help.category.delete',
    entityType: 'help_category',
    entityId: id,
    changes: { nameZh: row.nameZh },
  });
}

// ---- entries ----

/** Owners' votes one way on the entry of the row (columns qualified: the subquery has its own). */
const votes = (helpful: boolean) =>
  sql<number>`(select count(*)::int from "help_votes" v
    where v."tenant_id" = "help_entries"."tenant_id" and v."entry_id" = "help_entries"."id"
      and v."helpful" = ${helpful})`;

const entryColumns = {
  id: helpEntries.id,
  categoryId: helpEntries.categoryId,
  questionZh: helpEntries.questionZh,
  answerZh: helpEntries.answerZh,
  questionEn: helpEntries.questionEn,
  answerEn: helpEntries.answerEn,
  status: helpEntries.status,
  position: helpEntries.position,
  helpfulYes: votes(true),
  helpfulNo: votes(false),
  updatedAt: helpEntries.updatedAt,
};

export async function listEntries(
  ctx: Ctx,
  filter: { categoryId?: string | undefined; status?: HelpEntryStatus | undefined },
) {
  return ctx.tx
    .select(entryColumns)
    .from(helpEntries)
    .where(
      and(
        filter.categoryId ? eq(helpEntries.categoryId, filter.categoryId) : undefined,
        filter.status ? eq(helpEntries.status, filter.status) : undefined,
      ),
    )
    .orderBy(asc(helpEntries.position), asc(helpEntries.createdAt), asc(helpEntries.id));
}

export async function getEntry(ctx: Ctx, id: string) {
  const [row] = await ctx.tx.select(entryColumns).from(helpEntries).where(eq(helpEntries.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function cleanEntry(ctx: Ctx, input: EntryInput): Promise<EntryInput> {
  const text = (s: string) => sanitizePlainText(s);
  const clean = {
    ...input,
    questionZh: text(input.questionZh),
    answerZh: text(input.answerZh),
    questionEn: text(input.questionEn),
    answerEn: text(input.answerEn),
  };
  if (!clean.questionZh) throw new AppError('VALIDATION_FAILED', { field: 'questionZh' });
  if (!clean.answerZh) throw new AppError('VALIDATION_FAILED', { field: 'answerZh' });
  if (!clean.questionEn !== !clean.answerEn)
    throw new AppError('HELP_ENTRY_TEXT_INCOMPLETE', {
      field: clean.questionEn ? 'answerEn' : 'questionEn',
    });
  if (clean.categoryId) {
    const [found] = await ctx.tx
      .select({ id: helpCategories.id })
      .from(helpCategories)
      .where(eq(helpCategories.id, clean.categoryId));
    if (!found) throw new AppError('HELP_CATEGORY_UNKNOWN', { field: 'categoryId' });
  }
  return clean;
}

export async function createEntry(ctx: Ctx, input: EntryInput) {
  const clean = await cleanEntry(ctx, input);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx
    .insert(helpEntries)
    .values({ tenantId: ctx.tenantId, id, ...clean, createdAt: now, updatedAt: now });
  await recordAudit(ctx, {
    action: 'help.entry.create',
    entityType: 'help_entry',
    entityId: id,
    changes: { status: clean.status, questionZh: clean.questionZh },
  });
  return getEntry(ctx, id);
}

export async function updateEntry(ctx: Ctx, id: string, input: EntryInput) {
  await getEntry(ctx, id);
  const clean = await cleanEntry(ctx, input);
  await ctx.tx
    .update(helpEntries)
    .set({ ...clean, updatedAt: ctx.clock.now() })
    .where(eq(helpEntries.id, id));
  await recordAudit(ctx, {
    action: 'help.entry.update',
    entityType: 'help_entry',
    entityId: id,
    changes: { status: clean.status, questionZh: clean.questionZh },
  });
  return getEntry(ctx, id);
}

export async function deleteEntry(ctx: Ctx, id: string): Promise<void> {
  const row = await getEntry(ctx, id);
  await ctx.tx.delete(helpEntries).where(eq(helpEntries.id, id));
  await recordAudit(ctx, {
    action: 'help.entry.delete',
    entityType: 'help_entry',
    entityId: id,
    changes: { questionZh: row.questionZh },
  });
}

// ---- synonyms ----

export async function listSynonyms(ctx: Ctx): Promise<{ id: string; terms: string[] }[]> {
  return ctx.tx
    .select({ id: helpSynonyms.id, terms: helpSynonyms.terms })
    .from(helpSynonyms)
    .orderBy(asc(helpSynonyms.createdAt), asc(helpSynonyms.id));
}

/** Terms trimmed, de-duplicated (as search reads them), each in no other group. */
async function cleanTerms(ctx: Ctx, terms: readonly string[], exceptId: string | null) {
  const seen = new Set<string>();
  const clean: string[] = [];
  for (const raw of terms) {
    const term = sanitizePlainText(raw);
    const key = normalizeText(term);
    if (!term || seen.has(key)) continue;
    seen.add(key);
    clean.push(term);
  }
  if (clean.length < 2) throw new AppError('HELP_SYNONYM_TOO_FEW', { field: 'terms' });
  for (const group of await listSynonyms(ctx)) {
    if (group.id === exceptId) continue;
    const i = clean.findIndex((t) =>
      group.terms.some((g) => normalizeText(g) === normalizeText(t)),
    );
    if (i >= 0)
      throw new AppError('HELP_SYNONYM_TERM_TAKEN', {
        field: `terms.${terms.indexOf(clean[i]!)}`,
        details: { term: clean[i] },
      });
  }
  return clean;
}

async function synonym(ctx: Ctx, id: string) {
  const row = (await listSynonyms(ctx)).find((g) => g.id === id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function createSynonym(ctx: Ctx, input: { terms: string[] }) {
  const terms = await cleanTerms(ctx, input.terms, null);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx
    .insert(helpSynonyms)
    .values({ tenantId: ctx.tenantId, id, terms, createdAt: now, updatedAt: now });
  await recordAudit(ctx, {
    action: 'help.synonym.create',
    entityType: 'help_synonym',
    entityId: id,
    changes: { terms },
  });
  return { id, terms };
}

export async function updateSynonym(ctx: Ctx, id: string, input: { terms: string[] }) {
  await synonym(ctx, id);
  const terms = await cleanTerms(ctx, input.terms, id);
  await ctx.tx
    .update(helpSynonyms)
    .set({ terms, updatedAt: ctx.clock.now() })
    .where(eq(helpSynonyms.id, id));
  await recordAudit(ctx, {
    action: 'help.synonym.update',
    entityType: 'help_synonym',
    entityId: id,
    changes: { terms },
  });
  return { id, terms };
}

export async function deleteSynonym(ctx: Ctx, id: string): Promise<void> {
  const row = await synonym(ctx, id);
  await ctx.tx.delete(helpSynonyms).where(eq(helpSynonyms.id, id));
  await recordAudit(ctx, {
    action: 'help.synonym.delete',
    entityType: 'help_synonym',
    entityId: id,
    changes: { terms: row.terms },
  });
}
