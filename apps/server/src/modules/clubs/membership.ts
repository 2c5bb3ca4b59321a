// Membership of clubs: owners join (an open club at once, an approval club once staff approve)
// and leave; staff approve or refuse requests, give the organiser and KOL roles, remove members,
// and list members with their badges. One row per club and customer.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import { openClubRow, clubRow } from './clubs.service.ts';
import type { MemberListQueryInput } from './clubs.schemas.ts';
import { clubMembers, type MemberRole, type MemberStatus } from './clubs.tables.ts';
import { loadFacts } from './facts.ts';
import { badgesFor, NO_FACTS, trustLevel } from './trust-rules.ts';

const memberKey = (ctx: Ctx, clubId: string, customerId: string) =>
  and(
    eq(clubMembers.tenantId, ctx.tenantId),
    eq(clubMembers.clubId, clubId),
    eq(clubMembers.customerId, customerId),
  );

/** The customer's membership of the club, or null. */
export async function membershipOf(ctx: Ctx, clubId: string, customerId: string) {
  const [m] = await ctx.tx
    .select()
    .from(clubMembers)
    .where(memberKey(ctx, clubId, customerId));
  return m ?? null;
}

/**
 * The customer as an active member (posting, commenting, liking): anything else is refused with
 * CLUB_NOT_MEMBER, a request still waiting with CLUB_MEMBERSHIP_PENDING.
 */
export async function requireActiveMember(ctx: Ctx, clubId: string, customerId: string) {
  const m = await membershipOf(ctx, clubId, customerId);
  if (!m) throw new AppError('CLUB_NOT_MEMBER', { field: 'clubId' });
  if (m.status !== 'active') throw new AppError('CLUB_MEMBERSHIP_PENDING', { field: 'clubId' });
  return m;
}

export async function joinClub(ctx: Ctx, customerId: string, clubId: string) {
  const club = await openClubRow(ctx, clubId);
  const now = ctx.clock.now();
  const status: MemberStatus = club.joinPolicy === 'open' ? 'active' : 'pending';
  const inserted = await ctx.tx
    .insert(clubMembers)
    .values({
      tenantId: ctx.tenantId,
      clubId,
      customerId,
      status,
      requestedAt: now,
      joinedAt: status === 'active' ? now : null,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) {
    const m = await membershipOf(ctx, clubId, customerId);
    throw new AppError(
      m?.status === 'pending' ? 'CLUB_MEMBERSHIP_PENDING' : 'CLUB_ALREADY_MEMBER',
      { field: 'clubId' },
    );
  }
  return { status, role: 'member' as const };
}

export async function leaveClub(ctx: Ctx, customerId: string, clubId: string): Promise<void> {
  await openClubRow(ctx, clubId);
  const gone = await ctx.tx
    .delete(clubMembers)
    .where(memberKey(ctx, clubId, customerId))
    .returning({ customerId: clubMembers.customerId });
  if (gone.length === 0) throw new AppError('CLUB_NOT_MEMBER', { field: 'clubId' });
}

async function staffMember(ctx: Ctx, clubId: string, customerId: string) {
  await clubRow(ctx, clubId);
  const m = await membershipOf(ctx, clubId, customerId);
  if (!m) throw new AppError('NOT_FOUND', { field: 'customerId' });
  return m;
}

export async function approveMember(ctx: Ctx, clubId: string, customerId: string) {
  const m = await staffMember(ctx, clubId, customerId);
  if (m.status !== 'pending') throw new AppError('CLUB_MEMBERSHIP_NOT_PENDING');
  const now = ctx.clock.now();
  await ctx.tx
    .update(clubMembers)
    .set({ status: 'active', joinedAt: now, updatedAt: now })
    .where(memberKey(ctx, clubId, customerId));
  await recordAudit(ctx, {
    action: 'clubs.memberApproved',
    entityType: 'club',
    entityId: clubId,
    changes: { customerId },
  });
  return memberView(ctx, clubId, customerId);
}

export async function refuseMember(ctx: Ctx, clubId: string, customerId: string) {
  const m = await staffMember(ctx, clubId, customerId);
  if (m.status !== 'pending') throw new AppError('CLUB_MEMBERSHIP_NOT_PENDING');
  await ctx.tx.delete(clubMembers).where(memberKey(ctx, clubId, customerId));
  await recordAudit(ctx, {
    action: 'clubs.memberRefused',
    entityType: 'club',
    entityId: clubId,
    changes: { customerId },
  });
}

export async function removeMember(ctx: Ctx, clubId: string, customerId: string) {
  await staffMember(ctx, clubId, customerId);
  await ctx.tx.delete(clubMembers).where(memberKey(ctx, clubId, customerId));
  await recordAudit(ctx, {
    action: 'clubs.memberRemoved',
    entityType: 'club',
    entityId: clubId,
    changes: { customerId },
  });
}

export async function setMemberRole(
  ctx: Ctx,
  clubId: string,
  customerId: string,
  role: MemberRole,
) {
  const m = await staffMember(ctx, clubId, customerId);
  if (m.status !== 'active') throw new AppError('CLUB_MEMBERSHIP_PENDING', { field: 'customerId' });
  await ctx.tx
    .update(clubMembers)
    .set({ role, updatedAt: ctx.clock.now() })
    .where(memberKey(ctx, clubId, customerId));
  await recordAudit(ctx, {
    action: 'clubs.memberRoleSet',
    entityType: 'club',
    entityId: clubId,
    changes: { customerId, from: m.role, to: role },
  });
  return memberView(ctx, clubId, customerId);
}

async function memberView(ctx: Ctx, clubId: string, customerId: string) {
  const { items } = await listMembers(ctx, clubId, { limit: 1 }, [customerId]);
  const [m] = items;
  if (!m) throw new AppError('NOT_FOUND', { field: 'customerId' });
  return m;
}

/** Members and requests, newest request first, with badges and trust from verified facts. */
export async function listMembers(
  ctx: Ctx,
  clubId: string,
  q: Partial<MemberListQueryInput> & { limit: number },
  only?: readonly string[],
) {
  const after = decodeCursor(q.cursor, ['instant', 'uuid']);
  const club = await clubRow(ctx, clubId);
  const rows = await ctx.tx
    .select({
      m: clubMembers,
      name: customers.name,
      sortKey: sql<string>`${clubMembers.requestedAt}::text`,
    })
    .from(clubMembers)
    .innerJoin(
      customers,
      and(eq(customers.tenantId, clubMembers.tenantId), eq(customers.id, clubMembers.customerId)),
    )
    .where(
      and(
        eq(clubMembers.tenantId, ctx.tenantId),
        eq(clubMembers.clubId, clubId),
        q.status ? eq(clubMembers.status, q.status) : undefined,
        q.role ? eq(clubMembers.role, q.role) : undefined,
        only ? inArray(clubMembers.customerId, [...only]) : undefined,
        after
          ? sql`(${clubMembers.requestedAt}, ${clubMembers.customerId}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(clubMembers.requestedAt), desc(clubMembers.customerId))
    .limit(q.limit + 1);
  const pageRows = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? pageRows[pageRows.length - 1] : undefined;
  const facts = await loadFacts(
    ctx,
    pageRows.map((r) => r.m.customerId),
  );
  return {
    items: pageRows.map(({ m, name }) => {
      const f = facts.get(m.customerId) ?? NO_FACTS;
      const role = m.status === 'active' ? m.role : null;
      return {
        customerId: m.customerId,
        name,
        status: m.status,
        role: m.role,
        badges: m.status === 'active' ? badgesFor(f, role, club) : [],
        trustLevel: trustLevel(f, role),
        requestedAt: m.requestedAt.toISOString(),
        joinedAt: m.joinedAt?.toISOString() ?? null,
      };
    }),
    nextCursor: last ? encodeCursor([last.sortKey, last.m.customerId]) : null,
  };
}
