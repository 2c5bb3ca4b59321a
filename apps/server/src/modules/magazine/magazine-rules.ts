// The e-magazine's pure rules: which status changes an issue may make, when a call takes
// contributions, what a moderator's decision does to a contribution, when a contribution's author
// is credited, and how a contribution's text becomes a page.
import type { CALL_STATUSES, CONTRIBUTION_STATUSES, ISSUE_STATUSES } from './magazine.tables.ts';

export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export type CallStatus = (typeof CALL_STATUSES)[number];
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

export const CONTRIBUTION_MAX_CHARS = 2000;
export const CONTRIBUTION_MAX_PHOTOS = 9;

const ISSUE_MOVES: Record<IssueStatus, readonly IssueStatus[]> = {
  draft: ['published'],
  published: ['archived'],
  archived: ['published'],
};

/** draft → published → archived, and an archived issue may be published again. */
export function canMoveIssue(from: IssueStatus, to: IssueStatus): boolean {
  return ISSUE_MOVES[from].includes(to);
}

/** A call takes contributions while open and before its deadline (the deadline itself is late). */
export function callTakesContributions(
  call: { status: CallStatus; deadline: Date },
  now: Date,
): boolean {
  return call.status === 'open' && now.getTime() < call.deadline.getTime();
}

/**
 * A decision on a contribution (moderation's approve/hide or the 投稿审核 page's): approving
 * accepts a pending or rejected one; rejecting takes back any other (its page comes down, points
 * already granted stay). Null: nothing changes (approving what is already accepted, placed or
 * published; rejecting a rejected one).
 */
export function statusAfterDecision(
  current: ContributionStatus,
  decision: 'accept' | 'reject',
): ContributionStatus | null {
  if (decision === 'accept')
    return current === 'pending' || current === 'rejected' ? 'accepted' : null;
  return current === 'rejected' ? null : 'rejected';
}

/** How moderation sees a contribution: waiting, let through, or taken away. */
export function moderationStateOf(status: ContributionStatus): 'held' | 'visible' | 'hidden' {
  if (status === 'pending') return 'held';
  return status === 'rejected' ? 'hidden' : 'visible';
}

/** Only an accepted contribution becomes a page. */
export const canPlace = (status: ContributionStatus): boolean => status === 'accepted';

/**
 * Whether publishing an issue credits this contribution now: placed on one of its pages and not
 * credited before (publishing twice, or again after archiving, never credits twice).
 */
export function creditDue(c: { status: ContributionStatus; creditedAt: Date | null }): boolean {
  return c.status === 'placed' && c.creditedAt === null;
}

/** The initial a credit shows in place of an avatar: the name's first character, or 车友. */
export function creditInitial(name: string | null | undefined): string {
  const first = [...(name ?? '').trim()][0];
  return first ? first.toUpperCase() : '车';
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A contribution's plain text as a page's HTML: one paragraph per non-empty line, escaped. */
export function plainTextToHtml(text: string): string {
  return text
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${line.replace(/[&<>"']/gu, (c) => ESCAPES[c]!)}</p>`)
    .join('');
}

/** The layout a contribution's page takes: a gallery for several photos, a story for one. */
export function layoutForPhotos(count: number): 'gallery' | 'photo_story' | 'text' {
  if (count > 1) return 'gallery';
  return count === 1 ? 'photo_story' : 'text';
}

/** 王先生 / 李女士 / 张车友: how a page credits its author, never their full name or phone. */
export function courtesyName(name: string | null | undefined, gender: string | null): string {
  const surname = name?.trim() ? [...name.trim()][0]! : '';
  if (!surname) return '车友';
  return surname + (gender === 'male' ? '先生' : gender === 'female' ? '女士' : '车友');
}
