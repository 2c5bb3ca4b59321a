// The tenant's moderation settings (the threshold of weighted reports that hides a piece, the
// trust a link or an image needs) and its keyword list.
import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { iso } from '../../kernel/paging.ts';
import { pgError } from '../../kernel/pg-errors.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import { writeLog } from './moderation-log.ts';
import { DEFAULT_SETTINGS, normaliseForMatch } from './moderation-rules.ts';
import type { SettingsInput } from './moderation.schemas.ts';
import { moderationKeywords, moderationSettings } from './moderation.tables.ts';

export async function getModerationSettings(ctx: Ctx): Promise<SettingsInput> {
  const [row] = await ctx.tx.select().from(moderationSettings);
  return row
    ? { autoHideThreshold: row.autoHideThreshold, minTrustForLinks: row.minTrustForLinks }
    : { ...DEFAULT_SETTINGS };
}

export async function putModerationSettings(ctx: Ctx, input: SettingsInput) {
  const values = { ...input, updatedAt: ctx.clock.now() };
  await ctx.tx
    .insert(moderationSettings)
    .values({ tenantId: ctx.tenantId, ...values })
    .onConflictDoUpdate({ target: moderationSettings.tenantId, set: values });
  await writeLog(ctx, {
    action: 'settings',
    reason: `autoHideThreshold=${input.autoHideThreshold} minTrustForLinks=${input.minTrustForLinks}`,
  });
  return getModerationSettings(ctx);
}

const keywordDto = (row: typeof moderationKeywords.$inferSelect) => ({
  id: row.id,
  word: row.word,
  createdAt: iso(row.createdAt),
});

export async function listKeywords(ctx: Ctx) {
  const rows = await ctx.tx
    .select()
    .from(moderationKeywords)
    .orderBy(asc(moderationKeywords.normalised));
  return { items: rows.map(keywordDto) };
}

/** The tenant's keywords as matched (normalised). */
export async function normalisedKeywords(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.tx
    .select({ normalised: moderationKeywords.normalised })
    .from(moderationKeywords);
  return rows.map((r) => r.normalised);
}

export async function addKeyword(ctx: Ctx, input: { word: string }) {
  const word = sanitizePlainText(input.word);
  const normalised = normaliseForMatch(word);
  if (!normalised) throw new AppError('VALIDATION_FAILED', { field: 'word' });
  const [clash] = await ctx.tx
    .select({ id: moderationKeywords.id })
    .from(moderationKeywords)
    .where(eq(moderationKeywords.normalised, normalised));
  if (clash)
    throw new AppError('MODERATION_KEYWORD_EXISTS', { field: 'word', details: { id: clash.id } });
  const row = {
    tenantId: ctx.tenantId,
    id: newId(),
    word,
    normalised,
    createdBy: staffIdOf(ctx),
    createdAt: ctx.clock.now(),
  };
  try {
    await ctx.tx.insert(moderationKeywords).values(row);
  } catch (err) {
    // Two staff adding the same word at once: the second is told, as if it came second.
    if (pgError(err)?.constraint === 'moderation_keywords_word_key')
      throw new AppError('MODERATION_KEYWORD_EXISTS', { field: 'word', cause: err });
    throw err;
  }
  await writeLog(ctx, { action: 'keyword_add', keyword: word });
  return keywordDto(row);
}

export async function removeKeyword(ctx: Ctx, id: string): Promise<void> {
  const [row] = await ctx.tx
    .delete(moderationKeywords)
    .where(eq(moderationKeywords.id, id))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', { field: 'keywordId' });
  await writeLog(ctx, { action: 'keyword_remove', keyword: row.word });
}

/** The staff member acting (null for an API key or the system). */
export const staffIdOf = (ctx: Ctx): string | null =>
  ctx.actor.type === 'staff' ? ctx.actor.id : null;
