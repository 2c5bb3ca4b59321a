// Tags by slug, created when missing: the demo and other modules name tags by slug and name
// without writing the articles module's tables themselves.
import { inArray } from 'drizzle-orm';
import { newId } from '../../kernel/ids.ts';
import type { Ctx } from '../../kernel/context.ts';
import { contentTags } from './articles.tables.ts';

/** The tags' ids by slug; missing slugs are created with the given name, existing ones kept. */
export async function ensureTags(
  ctx: Ctx,
  tags: readonly { slug: string; name: string }[],
): Promise<Map<string, string>> {
  if (!tags.length) return new Map();
  await ctx.tx
    .insert(contentTags)
    .values(tags.map((t) => ({ tenantId: ctx.tenantId, id: newId(), slug: t.slug, name: t.name })))
    .onConflictDoNothing();
  const rows = await ctx.tx
    .select({ id: contentTags.id, slug: contentTags.slug })
    .from(contentTags)
    .where(
      inArray(
        contentTags.slug,
        tags.map((t) => t.slug),
      ),
    );
  return new Map(rows.map((r) => [r.slug, r.id]));
}
