// Clubs (车友会): a shop's communities of owners — clubs, membership and roles (organiser, KOL),
// the feed (posts, comments, likes, pins, search) and badges and trust from verified facts.
export {
  clubs,
  clubMembers,
  clubPosts,
  clubComments,
  clubLikes,
  CLUB_KINDS,
  MEMBER_ROLES,
  MEMBER_STATUSES,
  type MemberRole,
  type MemberStatus,
} from './clubs.tables.ts';
export { clubActivity, type ClubActivityDay } from './activity.ts';
export { setEventAttendance, type EventAttendance } from './facts.ts';
export { moveClubsOnMerge } from './merge.ts';
export { BADGES, type Badge, type BadgeCode } from './trust-rules.ts';
export { seedDemoClubs } from './demo.ts';
