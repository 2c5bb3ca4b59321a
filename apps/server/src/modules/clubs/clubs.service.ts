// Keeping clubs (staff: create, edit, archive) and reading them: the staff list with counts, and
// the owner's list of their clubs and those to discover, each with their membership and badges.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { mapConstraintError } from '../../kernel/pg-errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { AppClubDto, ClubDto, CreateClubInput, UpdateClubInput } from './clubs.schemas.ts';
import { clubMembers, clubPosts, clubs } from './clubs.tables.ts';
import { loadFacts } from './facts.ts';
import { imagesOf, type ClubImage } from './images.ts';
import { badgesFor, NO_FACTS, trustLevel } from './trust-rules.ts';

type ClubRow = typeof clubs.$inferSelect;

const CONSTRAINTS = { clubs_name_key: { code: 'CLUB_NAME_TAKEN', field: 'name' } } as const;

/** A club of this tenant, or 404 (archived ones too: staff still read them). */
export async function clubRow(ctx: Ctx, clubId: string): Promise<ClubRow> {
  const [row] = await ctx.tx
    .select()
    .from(clubs)
    .where(and(eq(clubs.tenantId, ctx.tenantId), eq(clubs.id, clubId)));
  if (!row) throw new AppError('NOT_FOUND', { field: 'clubId' });
  return row;
}

/** A club an owner may see: archived clubs are gone for them. */
export async function openClubRow(ctx: Ctx, clubId: string): Promise<ClubRow> {
  const row = await clubRow(ctx, clubId);
  if (row.archived) throw new AppError('NOT_FOUND', { field: 'clubId' });
  return row;
}

type ClubShape = Pick<ClubRow, 'kind' | 'make' | 'model'>;

/** Make and model belong to make and model clubs, and those need them. */
function assertFieldsForKind(c: ClubShape) {
  if ((c.kind === 'make' || c.kind === 'model') && !c.make)
    throw new AppError('CLUB_MAKE_REQUIRED', { field: 'make' });
  if (c.kind === 'model' && !c.model) throw new AppError('CLUB_MAKE_REQUIRED', { field: 'model' });
  if (c.kind !== 'make' && c.kind !== 'model' && c.make)
    throw new AppError('CLUB_FIELD_NOT_FOR_KIND', { field: 'make' });
  if (c.kind !== 'model' && c.model)
    throw new AppError('CLUB_FIELD_NOT_FOR_KIND', { field: 'model' });
}

/** A cover is any image of the shop's (staff choose among the team's uploads). */
async function assertCover(ctx: Ctx, coverImageId: string | null | undefined) {
  if (coverImageId && !(await imagesOf(ctx, [coverImageId])).has(coverImageId))
    throw new AppError('MEDIA_NOT_FOUND', { field: 'coverImageId' });
}

export async function createClub(ctx: Ctx, input: CreateClubInput): Promise<ClubDto> {
  const row = {
    tenantId: ctx.tenantId,
    id: newId(),
    name: input.name,
    description: input.description,
    kind: input.kind,
    make: input.make ?? null,
    model: input.model ?? null,
    region: input.region ?? null,
    interest: input.interest ?? null,
    coverImageId: input.coverImageId ?? null,
    joinPolicy: input.joinPolicy,
  };
  assertFieldsForKind(row);
  await assertCover(ctx, row.coverImageId);
  await ctx.tx
    .insert(clubs)
    .values(row)
    .catch((e: unknown) => mapConstraintError(e, CONSTRAINTS));
  await recordAudit(ctx, {
    action: 'clubs.created',
    entityType: 'club',
    entityId: row.id,
    changes: { ...input },
  });
  return staffClub(ctx, row.id);
}

export async function updateClub(
  ctx: Ctx,
  clubId: string,
  input: UpdateClubInput,
): Promise<ClubDto> {
  const before = await clubRow(ctx, clubId);
  const next = { ...before, ...input };
  assertFieldsForKind(next);
  if (input.coverImageId && input.coverImageId !== before.coverImageId)
    await assertCover(ctx, input.coverImageId);
  await ctx.tx
    .update(clubs)
    .set({ ...input, updatedAt: ctx.clock.now() })
    .where(and(eq(clubs.tenantId, ctx.tenantId), eq(clubs.id, clubId)))
    .catch((e: unknown) => mapConstraintError(e, CONSTRAINTS));
  await recordAudit(ctx, {
    action: input.archived === true && !before.archived ? 'clubs.archived' : 'clubs.updated',
    entityType: 'club',
    entityId: clubId,
    changes: { ...input },
  });
  return staffClub(ctx, clubId);
}

/**
 * Active members, pending requests and visible posts per club. Columns qualified by hand: Drizzle
 * leaves them bare in a single-table select, where `id` would bind to the subquery's own table.
 */
const counts = {
  memberCount: sql<number>`(select count(*)::int from ${clubMembers} m
    where m.tenant_id = "clubs"."tenant_id" and m.club_id = "clubs"."id" and m.status = 'active')`,
  pendingCount: sql<number>`(select count(*)::int from ${clubMembers} m
    where m.tenant_id = "clubs"."tenant_id" and m.club_id = "clubs"."id" and m.status = 'pending')`,
  postCount: sql<number>`(select count(*)::int from ${clubPosts} p
    where p.tenant_id = "clubs"."tenant_id" and p.club_id = "clubs"."id" and p.state = 'visible')`,
};

/** How far back staff's "recent posts" look: how lively a club is now, not over its life. */
const RECENT_POST_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Visible posts since `since`, per club (qualified by hand like `counts`). */
const recentPostCount = (since: Date) =>
  sql<number>`(select count(*)::int from ${clubPosts} p
    where p.tenant_id = "clubs"."tenant_id" and p.club_id = "clubs"."id" and p.state = 'visible'
      and p.created_at >= ${since.toISOString()}::timestamptz)`;

async function clubsWithCounts(ctx: Ctx, filter: ReturnType<typeof and>) {
  const since = new Date(ctx.clock.now().getTime() - RECENT_POST_DAYS * DAY_MS);
  return ctx.tx
    .select({ club: clubs, ...counts, recentPostCount: recentPostCount(since) })
    .from(clubs)
    .where(and(eq(clubs.tenantId, ctx.tenantId), filter))
    .orderBy(asc(clubs.archived), asc(clubs.createdAt), asc(clubs.id));
}

function clubDto(
  c: ClubRow,
  n: { memberCount: number; postCount: number },
  covers: Map<string, ClubImage>,
) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    kind: c.kind,
    make: c.make,
    model: c.model,
    region: c.region,
    interest: c.interest,
    coverImageId: c.coverImageId,
    cover: (c.coverImageId && covers.get(c.coverImageId)) || null,
    joinPolicy: c.joinPolicy,
    archived: c.archived,
    memberCount: Number(n.memberCount),
    postCount: Number(n.postCount),
    createdAt: c.createdAt.toISOString(),
  };
}

async function coversOf(ctx: Ctx, rows: readonly { club: ClubRow }[]) {
  const ids = rows.flatMap((r) => (r.club.coverImageId ? [r.club.coverImageId] : []));
  return imagesOf(ctx, ids);
}

export async function listStaffClubs(
  ctx: Ctx,
  q: { archived?: boolean | undefined },
): Promise<{ items: ClubDto[] }> {
  const rows = await clubsWithCounts(
    ctx,
    q.archived === undefined ? undefined : eq(clubs.archived, q.archived),
  );
  const covers = await coversOf(ctx, rows);
  return {
    items: rows.map((r) => ({
      ...clubDto(r.club, r, covers),
      pendingCount: Number(r.pendingCount),
      recentPostCount: Number(r.recentPostCount),
    })),
  };
}

export async function staffClub(ctx: Ctx, clubId: string): Promise<ClubDto> {
  const [r] = await clubsWithCounts(ctx, eq(clubs.id, clubId));
  if (!r) throw new AppError('NOT_FOUND', { field: 'clubId' });
  const covers = await coversOf(ctx, [r]);
  return {
    ...clubDto(r.club, r, covers),
    pendingCount: Number(r.pendingCount),
    recentPostCount: Number(r.recentPostCount),
  };
}

/** The owner's view of clubs: their membership in each, with badges and trust. */
async function appClubs(ctx: Ctx, customerId: string, filter: ReturnType<typeof and>) {
  const rows = await clubsWithCounts(ctx, and(eq(clubs.archived, false), filter));
  const [covers, mine, facts] = await Promise.all([
    coversOf(ctx, rows),
    ctx.tx
      .select()
      .from(clubMembers)
      .where(and(eq(clubMembers.tenantId, ctx.tenantId), eq(clubMembers.customerId, customerId))),
    loadFacts(ctx, [customerId]),
  ]);
  const byClub = new Map(mine.map((m) => [m.clubId, m]));
  const f = facts.get(customerId) ?? NO_FACTS;
  return rows.map((r): AppClubDto => {
    const m = byClub.get(r.club.id);
    const role = m?.status === 'active' ? m.role : null;
    return {
      ...clubDto(r.club, r, covers),
      membership: m
        ? {
            status: m.status,
            role: m.role,
            badges: m.status === 'active' ? badgesFor(f, role, r.club) : [],
            trustLevel: trustLevel(f, role),
          }
        : null,
    };
  });
}

export async function listAppClubs(ctx: Ctx, customerId: string) {
  const all = await appClubs(ctx, customerId, undefined);
  return {
    mine: all.filter((c) => c.membership),
    discover: all.filter((c) => !c.membership),
  };
}

export async function appClub(ctx: Ctx, customerId: string, clubId: string): Promise<AppClubDto> {
  const [c] = await appClubs(ctx, customerId, eq(clubs.id, clubId));
  if (!c) throw new AppError('NOT_FOUND', { field: 'clubId' });
  return c;
}

/** My badges in every club I am an active member of (the profile's 我的徽章). */
export async function myBadges(ctx: Ctx, customerId: string) {
  const { mine } = await listAppClubs(ctx, customerId);
  return {
    items: mine.flatMap((c) =>
      c.membership?.status === 'active'
        ? [
            {
              clubId: c.id,
              clubName: c.name,
              role: c.membership.role,
              badges: c.membership.badges,
              trustLevel: c.membership.trustLevel,
            },
          ]
        : [],
    ),
  };
}
