// Authors: the business's own byline (made on demand), staff who write (with role and store),
// and car owners nominated as KOL (withdrawn by setting inactive; their articles stay).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import { clubMembers, clubs } from '../clubs/index.ts';
import { customers } from '../customers/index.ts';
import { listStaffMembers } from '../identity/index.ts';
import { getTenant, stores } from '../tenancy/index.ts';
import { slugOf, uniqueSlug } from './articles-rules.ts';
import { articleAuthors, articles } from './articles.tables.ts';
import type { AuthorDto } from './articles.schemas.ts';

type AuthorRow = typeof articleAuthors.$inferSelect;

async function freeSlug(ctx: Ctx, name: string): Promise<string> {
  const base = slugOf(name);
  const rows = await ctx.tx
    .select({ slug: articleAuthors.slug })
    .from(articleAuthors)
    .where(sql`${articleAuthors.slug} = ${base} or ${articleAuthors.slug} like ${base + '-%'}`);
  return uniqueSlug(base, new Set(rows.map((r) => r.slug)));
}

/** The business's byline, made the first time it is needed. */
export async function businessAuthor(ctx: Ctx): Promise<AuthorRow> {
  const [found] = await ctx.tx
    .select()
    .from(articleAuthors)
    .where(eq(articleAuthors.kind, 'business'))
    .orderBy(asc(articleAuthors.createdAt))
    .limit(1);
  if (found) return found;
  const tenant = await getTenant(ctx);
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .insert(articleAuthors)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      kind: 'business',
      displayName: tenant.name,
      slug: await freeSlug(ctx, 'shop'),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export async function findAuthor(ctx: Ctx, id: string): Promise<AuthorRow | null> {
  const [row] = await ctx.tx.select().from(articleAuthors).where(eq(articleAuthors.id, id));
  return row ?? null;
}

/** The active author a staff member or a car owner writes as, or null. */
export async function authorOf(
  ctx: Ctx,
  who: { staffUserId: string } | { customerId: string },
): Promise<AuthorRow | null> {
  const [row] = await ctx.tx
    .select()
    .from(articleAuthors)
    .where(
      and(
        'staffUserId' in who
          ? eq(articleAuthors.staffUserId, who.staffUserId)
          : eq(articleAuthors.customerId, who.customerId),
        eq(articleAuthors.active, 1),
      ),
    );
  return row ?? null;
}

/** Every author as the console lists them: business first, then by name, with their articles. */
export async function listAuthorsForStaff(ctx: Ctx): Promise<AuthorDto[]> {
  await businessAuthor(ctx);
  const rows = await ctx.tx.select().from(articleAuthors).orderBy(asc(articleAuthors.displayName));
  return describeAuthors(ctx, rows);
}

export async function describeAuthors(ctx: Ctx, rows: readonly AuthorRow[]): Promise<AuthorDto[]> {
  if (!rows.length) return [];
  const counts = await ctx.tx
    .select({ authorId: articles.authorId, n: sql<number>`count(*)::int` })
    .from(articles)
    .where(
      inArray(
        articles.authorId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(articles.authorId);
  const storeIds = rows.flatMap((r) => (r.storeId ? [r.storeId] : []));
  const storeRows = storeIds.length
    ? await ctx.tx
        .select({ id: stores.id, name: stores.name })
        .from(stores)
        .where(inArray(stores.id, storeIds))
    : [];
  const staffIds = rows.flatMap((r) => (r.staffUserId ? [r.staffUserId] : []));
  const staff = staffIds.length ? await listStaffMembers(ctx, { ids: staffIds }) : [];
  const kindOrder = { business: 0, staff: 1, kol: 2 } as const;
  return [...rows]
    .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind])
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      slug: r.slug,
      displayName: r.displayName,
      bio: r.bio,
      active: r.active === 1,
      staffUserId: r.staffUserId,
      customerId: r.customerId,
      storeId: r.storeId,
      storeName: storeRows.find((s) => s.id === r.storeId)?.name ?? null,
      staffRole: staff.find((s) => s.id === r.staffUserId)?.role ?? null,
      articles: counts.find((c) => c.authorId === r.id)?.n ?? 0,
    }));
}

export type NewAuthor =
  | {
      kind: 'staff';
      staffUserId: string;
      storeId?: string | null | undefined;
      displayName?: string | undefined;
      bio: string;
    }
  | { kind: 'kol'; customerId: string; displayName?: string | undefined; bio: string };

async function personName(
  ctx: Ctx,
  input: NewAuthor,
): Promise<{ name: string; store: string | null }> {
  if (input.kind === 'staff') {
    const [member] = await listStaffMembers(ctx, { ids: [input.staffUserId] });
    if (!member || !member.active || member.role === 'partner')
      throw new AppError('NOT_FOUND', { field: 'staffUserId' });
    return { name: member.name, store: input.storeId ?? member.storeIds?.[0] ?? null };
  }
  const [c] = await ctx.tx
    .select({ name: customers.name })
    .from(customers)
    .where(eq(customers.id, input.customerId));
  if (!c) throw new AppError('NOT_FOUND', { field: 'customerId' });
  return { name: c.name ?? '车主', store: null };
}

/** Makes a staff member an author, or nominates a car owner as KOL (again, if withdrawn). */
export async function createAuthor(ctx: Ctx, input: NewAuthor): Promise<AuthorDto> {
  const person = await personName(ctx, input);
  const [existing] = await ctx.tx
    .select()
    .from(articleAuthors)
    .where(
      input.kind === 'staff'
        ? eq(articleAuthors.staffUserId, input.staffUserId)
        : eq(articleAuthors.customerId, input.customerId),
    );
  const now = ctx.clock.now();
  if (existing) {
    if (existing.active === 1) throw new AppError('ARTICLE_AUTHOR_EXISTS');
    await ctx.tx
      .update(articleAuthors)
      .set({ active: 1, updatedAt: now })
      .where(eq(articleAuthors.id, existing.id));
    return (await describeAuthors(ctx, [{ ...existing, active: 1 }]))[0]!;
  }
  if (person.store) {
    const [s] = await ctx.tx
      .select({ id: stores.id })
      .from(stores)
      .where(eq(stores.id, person.store));
    if (!s) throw new AppError('NOT_FOUND', { field: 'storeId' });
  }
  const displayName = sanitizePlainText(input.displayName ?? '') || person.name;
  const [row] = await ctx.tx
    .insert(articleAuthors)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      kind: input.kind,
      staffUserId: input.kind === 'staff' ? input.staffUserId : null,
      customerId: input.kind === 'kol' ? input.customerId : null,
      storeId: person.store,
      displayName,
      bio: sanitizePlainText(input.bio),
      slug: await freeSlug(ctx, displayName),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return (await describeAuthors(ctx, [row!]))[0]!;
}

export async function updateAuthor(
  ctx: Ctx,
  id: string,
  patch: { displayName?: string; bio?: string; storeId?: string | null; active?: boolean },
): Promise<AuthorDto> {
  const row = await findAuthor(ctx, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (patch.storeId) {
    const [s] = await ctx.tx
      .select({ id: stores.id })
      .from(stores)
      .where(eq(stores.id, patch.storeId));
    if (!s) throw new AppError('NOT_FOUND', { field: 'storeId' });
  }
  const displayName =
    patch.displayName !== undefined ? sanitizePlainText(patch.displayName) : row.displayName;
  if (!displayName) throw new AppError('VALIDATION_FAILED', { field: 'displayName' });
  // The business byline stays: it is the shop's own voice.
  const active =
    row.kind === 'business' ? 1 : patch.active === undefined ? row.active : patch.active ? 1 : 0;
  const [updated] = await ctx.tx
    .update(articleAuthors)
    .set({
      displayName,
      active,
      ...(patch.bio !== undefined ? { bio: sanitizePlainText(patch.bio) } : {}),
      ...(patch.storeId !== undefined && row.kind === 'staff' ? { storeId: patch.storeId } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(eq(articleAuthors.id, id))
    .returning();
  return (await describeAuthors(ctx, [updated!]))[0]!;
}

/** Owners with the KOL role in a club who are not active authors yet: good nominees. */
export async function kolCandidates(
  ctx: Ctx,
): Promise<{ customerId: string; name: string | null; clubs: string[] }[]> {
  const rows = await ctx.tx
    .select({ customerId: clubMembers.customerId, club: clubs.name, name: customers.name })
    .from(clubMembers)
    .innerJoin(
      clubs,
      and(eq(clubs.tenantId, clubMembers.tenantId), eq(clubs.id, clubMembers.clubId)),
    )
    .innerJoin(
      customers,
      and(eq(customers.tenantId, clubMembers.tenantId), eq(customers.id, clubMembers.customerId)),
    )
    .where(and(eq(clubMembers.role, 'kol'), eq(clubMembers.status, 'active')))
    .orderBy(asc(customers.name));
  const authors = await ctx.tx
    .select({ customerId: articleAuthors.customerId })
    .from(articleAuthors)
    .where(and(eq(articleAuthors.kind, 'kol'), eq(articleAuthors.active, 1)));
  const taken = new Set(authors.map((a) => a.customerId));
  const out = new Map<string, { customerId: string; name: string | null; clubs: string[] }>();
  for (const r of rows) {
    if (taken.has(r.customerId)) continue;
    const c = out.get(r.customerId) ?? { customerId: r.customerId, name: r.name, clubs: [] };
    c.clubs.push(r.club);
    out.set(r.customerId, c);
  }
  return [...out.values()];
}

/** Team members who are not authors yet (a manager nominates them without the staff page). */
export async function staffCandidates(
  ctx: Ctx,
): Promise<{ staffUserId: string; name: string; role: string }[]> {
  const team = await listStaffMembers(ctx, {
    roles: ['owner', 'manager', 'advisor', 'technician'],
  });
  const authors = await ctx.tx
    .select({ staffUserId: articleAuthors.staffUserId })
    .from(articleAuthors)
    .where(eq(articleAuthors.kind, 'staff'));
  const taken = new Set(authors.map((a) => a.staffUserId));
  return team
    .filter((m) => !taken.has(m.id))
    .map((m) => ({ staffUserId: m.id, name: m.name, role: m.role }));
}
