// Moderation's pure rules: how keywords are normalised and found, when a new piece is held, when
// reports hide a piece, and how long a mute lasts.
import { containsLink } from '../../kernel/sanitize.ts';

export type HoldReason = 'keyword' | 'link' | 'image' | 'new_member';

export const DEFAULT_SETTINGS = { autoHideThreshold: 5, minTrustForLinks: 1 } as const;

/**
 * A keyword or a text as matched: Unicode NFKC (full-width letters and digits become their
 * ordinary forms, "ＷＸ" → "WX"), lower case, and without white space, so "加 微 信" still holds
 * "加微信".
 */
export function normaliseForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** The keywords (normalised) that occur in the text. */
export function matchingKeywords(text: string, normalisedKeywords: readonly string[]): string[] {
  const haystack = normaliseForMatch(text);
  return normalisedKeywords.filter((k) => k.length > 0 && haystack.includes(k));
}

export interface HoldInput {
  text: string;
  hasImage: boolean;
  /** The author's trust (the owner module's: e.g. 0 for a newcomer, 1 for a member…). */
  trustLevel: number;
  minTrustForLinks: number;
  normalisedKeywords: readonly string[];
}

/**
 * Why a new piece waits for a moderator (empty: it is published): a keyword of the tenant's list,
 * whoever writes; a link or an image from an author below the tenant's trust for them.
 */
export function holdReasons(input: HoldInput): HoldReason[] {
  const reasons: HoldReason[] = [];
  if (matchingKeywords(input.text, input.normalisedKeywords).length) reasons.push('keyword');
  const trusted = input.trustLevel >= input.minTrustForLinks;
  if (!trusted && containsLink(input.text)) reasons.push('link');
  if (!trusted && input.hasImage) reasons.push('image');
  return reasons;
}

/**
 * Whether the report that brought the open weighted sum from `before` to `after` is the one that
 * hides the piece: the sum reaches the threshold with it (exactly at the threshold counts), and
 * it had not before, so concurrent reports hide a piece once.
 */
export function crossesThreshold(before: number, after: number, threshold: number): boolean {
  return before < threshold && after >= threshold;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The end of a mute of `days` days from `now`. */
export function muteEnd(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** The queue's reasons with the new ones added once, in the order they came. */
export function mergeReasons<R extends string>(current: readonly R[], added: readonly R[]): R[] {
  return [...new Set([...current, ...added])];
}
