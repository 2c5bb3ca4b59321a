// The car clubs' shapes (from the API contract), their words as data, and who keeps them.
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';

export type Club = Json<paths['/api/v1/staff/clubs']['get']>['items'][number];
export type ClubInput = Body<paths['/api/v1/staff/clubs']['post']>;
export type ClubPatch = Body<paths['/api/v1/staff/clubs/{clubId}']['patch']>;
export type ClubKind = Club['kind'];
export type JoinPolicy = Club['joinPolicy'];
export type Member = Json<paths['/api/v1/staff/clubs/{clubId}/members']['get']>['items'][number];
export type MemberRole = Member['role'];
export type MemberStatus = Member['status'];
export type Badge = Member['badges'][number];
export type Feed = Json<paths['/api/v1/staff/clubs/{clubId}/posts']['get']>;
export type Post = Feed['items'][number];
export type PostState = Post['state'];

export const CLUB_KINDS = [
  'make',
  'model',
  'region',
  'interest',
] as const satisfies readonly ClubKind[];
export const JOIN_POLICIES = ['open', 'approval'] as const satisfies readonly JoinPolicy[];
export const MEMBER_ROLES = ['member', 'organiser', 'kol'] as const satisfies readonly MemberRole[];
export const POST_STATES = ['visible', 'held', 'hidden'] as const satisfies readonly PostState[];

export const KIND_COLORS: Record<ClubKind, string> = {
  make: 'blue',
  model: 'geekblue',
  region: 'green',
  interest: 'purple',
};
export const ROLE_COLORS: Record<MemberRole, string> = {
  member: 'default',
  organiser: 'orange',
  kol: 'magenta',
};
export const STATUS_COLORS: Record<MemberStatus, string> = { pending: 'gold', active: 'green' };
export const POST_STATE_COLORS: Record<PostState, string> = {
  visible: 'green',
  held: 'gold',
  hidden: 'red',
};
export const BADGE_COLORS: Record<Badge['code'], string> = {
  make_owner: 'blue',
  regular: 'green',
  event_goer: 'cyan',
  kol: 'magenta',
  organiser: 'orange',
};

/** Owner and manager keep clubs and their members; the front desk reads them. */
export function canKeepClubs(staff: StaffMe): boolean {
  return staff.role === 'owner' || staff.role === 'manager';
}
export function canReadClubs(staff: StaffMe): boolean {
  return canKeepClubs(staff) || staff.role === 'advisor';
}

/** What the club gathers around: 大众 · 大众 朗逸 · 杭州 · 越野. */
export function clubFocus(c: Pick<Club, 'kind' | 'make' | 'model' | 'region' | 'interest'>) {
  if (c.kind === 'make' || c.kind === 'model') return [c.make, c.model].filter(Boolean).join(' ');
  return [c.region, c.interest].filter(Boolean).join(' · ');
}
