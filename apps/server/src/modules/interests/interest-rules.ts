// How reading becomes interest, as pure functions: points per reading event, their exponential
// decay, the 0–1 score, the effect of a follow, and the index key segments compare against.
//
// Points decay with a half-life; a score is 1 − e^(−points / SATURATION), so it is monotone in
// the points and never reaches 1 by reading alone. A followed tag has at least FOLLOW_SCORE and
// reading adds on top of it: score = 1 − (1 − reading)(1 − FOLLOW_SCORE). Stored points are
// kept with the instant they were valued at; `level` = log2(points) + t / half-life is the same
// number whenever it is computed (decay moves points and time together), so "score ≥ v now" is
// the index range `level ≥ levelNeeded(v, now)` — exact at any hour, whatever ran last.

export const HALF_LIFE_DAYS = 30;
export const HALF_LIFE_MS = HALF_LIFE_DAYS * 86_400_000;
/** Points at which the reading score is 1 − 1/e (≈ 0.63): about one and a half full reads. */
export const SATURATION = 8;
/** A followed tag's score with no reading at all (a strong signal that does not decay). */
export const FOLLOW_SCORE = 0.6;

export const OPENED_POINTS = 1;
/** Time on the page: 1 point per TIME_SECONDS_PER_POINT seconds, at most TIME_CAP_POINTS. */
export const TIME_SECONDS_PER_POINT = 90;
export const TIME_CAP_POINTS = 2;
export const FINISHED_POINTS = 3;
/** One reading of a subject: repeats of an event within this window count once. */
export const DEDUPE_WINDOW_MS = 30 * 60_000;

export type ReadingEvent = 'opened' | 'progress' | 'finished';

/** What already counted for this subject and customer within the dedupe window. */
export interface CountedBefore {
  opened: boolean;
  finished: boolean;
  /** The most seconds on the page already credited. */
  seconds: number;
}

/** Points for the time on the page (capped), from seconds. */
export function timePoints(seconds: number): number {
  if (!(seconds > 0)) return 0;
  return Math.min(TIME_CAP_POINTS, seconds / TIME_SECONDS_PER_POINT);
}

/**
 * The points a new event adds: `opened` once per window, `finished` once per window, and for any
 * event with seconds the time credit above what was already credited (so progress pings that
 * resend the running total are not counted twice).
 */
export function eventPoints(
  e: { event: ReadingEvent; seconds?: number | undefined },
  before: CountedBefore,
): number {
  let points = 0;
  if (e.event === 'opened' && !before.opened) points += OPENED_POINTS;
  if (e.event === 'finished' && !before.finished) points += FINISHED_POINTS;
  if (e.seconds !== undefined)
    points += Math.max(0, timePoints(e.seconds) - timePoints(before.seconds));
  return points;
}

/** Points valued at `from`, decayed to `to` (never grown: a `to` before `from` keeps them). */
export function decay(points: number, from: Date, to: Date): number {
  if (!(points > 0)) return 0;
  const age = Math.max(0, to.getTime() - from.getTime());
  return points * Math.pow(0.5, age / HALF_LIFE_MS);
}

/** Reading points → 0..1. */
export function readingScore(points: number): number {
  if (!(points > 0)) return 0;
  return 1 - Math.exp(-points / SATURATION);
}

/** The score of a tag from its current points and whether it is followed. */
export function combinedScore(points: number, followed: boolean): number {
  const r = readingScore(points);
  return followed ? 1 - (1 - r) * (1 - FOLLOW_SCORE) : r;
}

/** A decay-invariant key of stored points (−Infinity for none). */
export function level(points: number, at: Date): number {
  if (!(points > 0)) return -Infinity;
  return Math.log2(points) + at.getTime() / HALF_LIFE_MS;
}

/**
 * The reading score needed for a combined score ≥ v: v itself, or with a follow less (0 when the
 * follow alone is enough). Null when no reading can reach it (v ≥ 1).
 */
export function readingNeeded(v: number, followed: boolean): number | null {
  if (v >= 1) return null;
  if (!followed) return Math.max(0, v);
  if (v <= FOLLOW_SCORE) return 0;
  return 1 - (1 - v) / (1 - FOLLOW_SCORE);
}

/** The least `level` whose points score at least `r` (0 < r < 1) at `now`. */
export function levelNeeded(r: number, now: Date): number {
  const points = -SATURATION * Math.log(1 - r);
  return Math.log2(points) + now.getTime() / HALF_LIFE_MS;
}

/** Rounded for display and the API (two decimals is what a bar can show). */
export const roundScore = (s: number) => Math.round(Math.min(1, Math.max(0, s)) * 100) / 100;
