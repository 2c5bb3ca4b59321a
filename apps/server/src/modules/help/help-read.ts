// What owners and the assistant read: the published FAQ by category, one entry, search, and the
// "was this helpful" vote. Search ranks in memory (help-search.ts) over an index per tenant and
// language, cached until the tenant's entries or synonym groups change: each search first reads
// a cheap fingerprint (counts and latest change), so every process sees an edit at once.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { buildHelpIndex, rankHelp, type HelpIndex } from './help-search.ts';
import { helpCategories, helpEntries, helpSynonyms, helpVotes } from './help.tables.ts';
import { compileSynonyms } from './help-tokenize.ts';
import { MAX_QUERY_LENGTH, type HelpLanguage } from './help.schemas.ts';

interface PublishedEntry {
  id: string;
  categoryId: string | null;
  questionZh: string;
  answerZh: string;
  questionEn: string;
  answerEn: string;
}

interface TenantIndex {
  fingerprint: string;
  entries: Map<string, PublishedEntry>;
  byLanguage: Record<HelpLanguage, HelpIndex>;
}

/** Indexes by tenant, least recently used dropped past this many. */
const CACHE_LIMIT = 500;
const cache = new Map<string, TenantIndex>();

async function fingerprint(ctx: Ctx): Promise<string> {
  const of = (t: typeof helpEntries | typeof helpSynonyms) =>
    ctx.tx
      .select({ n: sql<number>`count(*)::int`, at: sql<string | null>`max(${t.updatedAt})::text` })
      .from(t);
  const [entries] = await of(helpEntries);
  const [synonyms] = await of(helpSynonyms);
  return JSON.stringify([entries, synonyms]);
}

async function loadIndex(ctx: Ctx, print: string): Promise<TenantIndex> {
  const entries = await ctx.tx
    .select({
      id: helpEntries.id,
      categoryId: helpEntries.categoryId,
      questionZh: helpEntries.questionZh,
      answerZh: helpEntries.answerZh,
      questionEn: helpEntries.questionEn,
      answerEn: helpEntries.answerEn,
    })
    .from(helpEntries)
    .where(eq(helpEntries.status, 'published'));
  const groups = await ctx.tx.select({ terms: helpSynonyms.terms }).from(helpSynonyms);
  const synonyms = compileSynonyms(groups.map((g) => g.terms));
  const zh = entries.map((e) => ({ id: e.id, question: e.questionZh, answer: e.answerZh }));
  const en = entries
    .filter((e) => e.questionEn && e.answerEn)
    .map((e) => ({ id: e.id, question: e.questionEn, answer: e.answerEn }));
  return {
    fingerprint: print,
    entries: new Map(entries.map((e) => [e.id, e])),
    byLanguage: { 'zh-CN': buildHelpIndex(zh, synonyms), en: buildHelpIndex(en, synonyms) },
  };
}

async function tenantIndex(ctx: Ctx): Promise<TenantIndex> {
  const print = await fingerprint(ctx);
  const cached = cache.get(ctx.tenantId);
  if (cached?.fingerprint === print) {
    cache.delete(ctx.tenantId);
    cache.set(ctx.tenantId, cached);
    return cached;
  }
  const fresh = await loadIndex(ctx, print);
  cache.set(ctx.tenantId, fresh);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return fresh;
}

export interface HelpHit {
  entryId: string;
  question: string;
  answer: string;
  categoryId: string | null;
  score: number;
}

const CJK = /\p{Script=Han}/u;

/**
 * The published entries that answer a question, best first; empty when nothing matches well
 * enough or the query is empty. Best effort across languages: a question in the other language
 * than asked for (Chinese typed in the English app) is searched in the language it is written in.
 */
export async function searchHelp(
  ctx: Ctx,
  input: { query: string; language: HelpLanguage; limit?: number },
): Promise<{ hits: HelpHit[] }> {
  const query = input.query.trim();
  if (query.length > MAX_QUERY_LENGTH)
    throw new AppError('VALIDATION_FAILED', { field: 'query', details: { max: MAX_QUERY_LENGTH } });
  if (!query) return { hits: [] };
  const index = await tenantIndex(ctx);
  const limit = Math.min(Math.max(input.limit ?? 5, 1), 20);
  let language = input.language;
  let ranked = rankHelp(index.byLanguage[language], query, { limit });
  if (!ranked.length) {
    const other: HelpLanguage = CJK.test(query) ? 'zh-CN' : 'en';
    if (other !== language) {
      language = other;
      ranked = rankHelp(index.byLanguage[language], query, { limit });
    }
  }
  const hits = ranked.flatMap(({ id, score }) => {
    const e = index.entries.get(id);
    if (!e) return [];
    const [question, answer] =
      language === 'en' ? [e.questionEn, e.answerEn] : [e.questionZh, e.answerZh];
    return [{ entryId: id, question, answer, categoryId: e.categoryId, score }];
  });
  return { hits };
}

/** The entry's text in a language: English when it has one, else its Chinese. */
const textIn = (e: PublishedEntry, language: HelpLanguage) =>
  language === 'en' && e.questionEn
    ? { question: e.questionEn, answer: e.answerEn }
    : { question: e.questionZh, answer: e.answerZh };

async function publishedEntries(ctx: Ctx): Promise<PublishedEntry[]> {
  return ctx.tx
    .select({
      id: helpEntries.id,
      categoryId: helpEntries.categoryId,
      questionZh: helpEntries.questionZh,
      answerZh: helpEntries.answerZh,
      questionEn: helpEntries.questionEn,
      answerEn: helpEntries.answerEn,
    })
    .from(helpEntries)
    .where(eq(helpEntries.status, 'published'))
    .orderBy(asc(helpEntries.position), asc(helpEntries.createdAt), asc(helpEntries.id));
}

const categoryName = (c: { nameZh: string; nameEn: string }, language: HelpLanguage) =>
  language === 'en' && c.nameEn ? c.nameEn : c.nameZh;

/** The app's help page: categories in order with their published entries (empty ones left out). */
export async function appHelp(ctx: Ctx, language: HelpLanguage) {
  const categories = await ctx.tx
    .select({ id: helpCategories.id, nameZh: helpCategories.nameZh, nameEn: helpCategories.nameEn })
    .from(helpCategories)
    .orderBy(asc(helpCategories.position), asc(helpCategories.nameZh));
  const entries = await publishedEntries(ctx);
  const row = (e: PublishedEntry) => ({ id: e.id, question: textIn(e, language).question });
  return {
    categories: categories
      .map((c) => ({
        id: c.id,
        name: categoryName(c, language),
        entries: entries.filter((e) => e.categoryId === c.id).map(row),
      }))
      .filter((c) => c.entries.length > 0),
    others: entries.filter((e) => !e.categoryId).map(row),
  };
}

/** One published entry for an owner, with their vote. */
export async function appEntry(
  ctx: Ctx,
  customerId: string,
  entryId: string,
  language: HelpLanguage,
) {
  const [e] = await ctx.tx
    .select({
      id: helpEntries.id,
      categoryId: helpEntries.categoryId,
      questionZh: helpEntries.questionZh,
      answerZh: helpEntries.answerZh,
      questionEn: helpEntries.questionEn,
      answerEn: helpEntries.answerEn,
      nameZh: helpCategories.nameZh,
      nameEn: helpCategories.nameEn,
      myVote: helpVotes.helpful,
    })
    .from(helpEntries)
    .leftJoin(
      helpCategories,
      and(
        eq(helpCategories.tenantId, helpEntries.tenantId),
        eq(helpCategories.id, helpEntries.categoryId),
      ),
    )
    .leftJoin(
      helpVotes,
      and(
        eq(helpVotes.tenantId, helpEntries.tenantId),
        eq(helpVotes.entryId, helpEntries.id),
        eq(helpVotes.customerId, customerId),
      ),
    )
    .where(and(eq(helpEntries.id, entryId), eq(helpEntries.status, 'published')));
  if (!e) throw new AppError('NOT_FOUND');
  return {
    id: e.id,
    ...textIn(e, language),
    categoryId: e.categoryId,
    categoryName:
      e.nameZh === null
        ? null
        : categoryName({ nameZh: e.nameZh, nameEn: e.nameEn ?? '' }, language),
    myVote: e.myVote,
  };
}

/** Records (or changes) an owner's "was this helpful" answer on a published entry. */
export async function voteHelpful(
  ctx: Ctx,
  customerId: string,
  entryId: string,
  helpful: boolean,
): Promise<void> {
  const [e] = await ctx.tx
    .select({ id: helpEntries.id })
    .from(helpEntries)
    .where(and(eq(helpEntries.id, entryId), eq(helpEntries.status, 'published')));
  if (!e) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  await ctx.tx
    .insert(helpVotes)
    .values({
      tenantId: ctx.tenantId,
      entryId,
      customerId,
      helpful,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [helpVotes.tenantId, helpVotes.entryId, helpVotes.customerId],
      set: { helpful, updatedAt: now },
    });
}
