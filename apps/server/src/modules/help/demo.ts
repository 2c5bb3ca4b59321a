// The demo help center: the starter FAQ (help-faq.ts) published in six categories, with its
// synonym groups, one entry still a draft, and "was this helpful" votes by a few dozen owners
// spread over the past weeks (most helpful, some not), so the console's counts look lived-in.
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { FAQ_CATEGORIES, FAQ_ENTRIES, FAQ_SYNONYMS } from './help-faq.ts';
import { helpCategories, helpEntries, helpSynonyms, helpVotes } from './help.tables.ts';

const DAY = 24 * 60 * 60 * 1000;
/** An entry staff are still writing: in the console, not in the app. */
const DRAFT = 'instalments';

export async function seedDemoHelp(
  ctx: Ctx,
  opts: { customerIds: readonly string[] },
): Promise<{ entries: number; votes: number }> {
  const now = ctx.clock.now();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const categoryIds = new Map(FAQ_CATEGORIES.map((c) => [c.key, newId()]));
  await ctx.tx.insert(helpCategories).values(
    FAQ_CATEGORIES.map((c, i) => ({
      tenantId: ctx.tenantId,
      id: categoryIds.get(c.key)!,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      position: i + 1,
      createdAt: ago(60),
      updatedAt: ago(60),
    })),
  );
  const entries = FAQ_ENTRIES.map((e, i) => ({
    tenantId: ctx.tenantId,
    id: newId(),
    categoryId: categoryIds.get(e.category) ?? null,
    questionZh: e.questionZh,
    answerZh: e.answerZh,
    questionEn: e.questionEn,
    answerEn: e.answerEn,
    status: e.key === DRAFT ? ('draft' as const) : ('published' as const),
    position: i + 1,
    createdAt: ago(60 - (i % 20)),
    updatedAt: ago(30 - (i % 25)),
  }));
  await ctx.tx.insert(helpEntries).values(entries);
  await ctx.tx.insert(helpSynonyms).values(
    FAQ_SYNONYMS.map((terms, i) => ({
      tenantId: ctx.tenantId,
      id: newId(),
      terms: [...terms],
      createdAt: ago(59),
      updatedAt: ago(59 - (i % 10)),
    })),
  );
  // Owners read the common questions most: the first entries of each category get votes.
  const votes = entries.flatMap((e, i) => {
    if (e.status !== 'published') return [];
    const voters = opts.customerIds.filter((_, c) => (c * 7 + i * 3) % 11 === 0).slice(0, 12);
    return voters.map((customerId, v) => ({
      tenantId: ctx.tenantId,
      entryId: e.id,
      customerId,
      helpful: (v + i) % 5 !== 0,
      createdAt: ago(1 + ((v * 5 + i) % 28)),
      updatedAt: ago(1 + ((v * 5 + i) % 28)),
    }));
  });
  if (votes.length) await ctx.tx.insert(helpVotes).values(votes);
  return { entries: entries.length, votes: votes.length };
}
