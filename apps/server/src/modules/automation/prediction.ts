// Mileage prediction, pure: a car's daily distance from its odometer readings (orders, owner
// reports, imports), robust to typos and rollbacks, with a confidence. The set-based SQL in
// `due.sql.ts` computes the same numbers for a whole tenant; `due.int.test.ts` checks they agree.

export interface Reading {
  at: Date;
  km: number;
}

export type RateSource = 'own' | 'fleet' | 'default';
export type Confidence = 'high' | 'medium' | 'low';

export interface MileageEstimate {
  /** Predicted km a day (0 for a car that does not move). */
  dailyKm: number;
  source: RateSource;
  confidence: Confidence;
  readingsTotal: number;
  /** Readings that agree with the majority (the others are taken for typos or rollbacks). */
  readingsUsed: number;
  /** Interquartile range of the pairwise rates, km a day (null without own rate). */
  spreadKmPerDay: number | null;
  /** Days between the first and the last reading used. */
  spanDays: number;
  /** The reading predictions start from: the newest one used (else the newest of all). */
  anchor: Reading | null;
}

/** Typical private car in China: 10,000–15,000 km a year (glossary). */
export const DEFAULT_DAILY_KM = 35;
/** Faster than this, sustained, is taken for a typo (ride-hailing cars stay below it). */
export const MAX_DAILY_KM = 500;
/** Owners round their reports; readings this far apart still agree. */
export const TOLERANCE_KM = 500;
/** Only the newest readings count: habits change and pairs grow with the square. */
export const MAX_READINGS = 20;
/** Slower than this a car is taken as parked: it never reaches a mileage. */
export const MIN_MOVING_KM = 0.1;
/** An own rate needs readings at least this many days apart. */
export const MIN_SPAN_DAYS = 7;

const DAY_MS = 86_400_000;

/** Linear-interpolated percentile of sorted values (PostgreSQL `percentile_cont`). */
export function percentileCont(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Do two readings agree: not backwards beyond the tolerance, not faster than a car can go. */
export function consistent(a: Reading, b: Reading): boolean {
  const days = (b.at.getTime() - a.at.getTime()) / DAY_MS;
  const dkm = b.km - a.km;
  if (days === 0) return Math.abs(dkm) <= MAX_DAILY_KM + TOLERANCE_KM;
  const forward = dkm * Math.sign(days);
  return (
    forward >= -TOLERANCE_KM && forward <= MAX_DAILY_KM * Math.max(Math.abs(days), 1) + TOLERANCE_KM
  );
}

/**
 * Theil–Sen on the readings that agree with at least half of the others: a typo (one extra
 * digit, a digit short) or a rollback disagrees with most readings and is left out; the median
 * of the pairwise rates then shrugs off what remains. With too little data the tenant's fleet
 * average (else the default) is used, with low confidence.
 */
export function estimateDailyKm(
  readings: readonly Reading[],
  fallback: { fleetDailyKm?: number | null; defaultDailyKm?: number | null } = {},
): MileageEstimate {
  const recent = [...readings].sort((a, b) => a.at.getTime() - b.at.getTime()).slice(-MAX_READINGS);
  const kept = recent.filter((r, i) => {
    const others = recent.length - 1;
    let ok = 0;
    recent.forEach((o, j) => {
      if (j !== i && consistent(r, o)) ok++;
    });
    return 2 * ok >= others;
  });
  const slopes: number[] = [];
  for (let i = 0; i < kept.length; i++)
    for (let j = 0; j < kept.length; j++) {
      const days = (kept[j]!.at.getTime() - kept[i]!.at.getTime()) / DAY_MS;
      if (days >= 1) slopes.push((kept[j]!.km - kept[i]!.km) / days);
    }
  slopes.sort((a, b) => a - b);
  const spanDays =
    kept.length > 1 ? (kept[kept.length - 1]!.at.getTime() - kept[0]!.at.getTime()) / DAY_MS : 0;
  const anchor = kept[kept.length - 1] ?? recent[recent.length - 1] ?? null;
  const base = {
    readingsTotal: readings.length,
    readingsUsed: kept.length,
    spanDays,
    anchor,
  };
  if (kept.length >= 2 && spanDays >= MIN_SPAN_DAYS && slopes.length > 0) {
    const median = percentileCont(slopes, 0.5);
    const spread = percentileCont(slopes, 0.75) - percentileCont(slopes, 0.25);
    const dailyKm = Math.min(Math.max(median, 0), MAX_DAILY_KM);
    const high = kept.length >= 4 && spanDays >= 90 && spread <= Math.max(5, 0.5 * dailyKm);
    return {
      ...base,
      dailyKm,
      source: 'own',
      confidence: high ? 'high' : 'medium',
      spreadKmPerDay: spread,
    };
  }
  const fleet = fallback.fleetDailyKm;
  return {
    ...base,
    dailyKm: fleet != null && fleet > 0 ? fleet : (fallback.defaultDailyKm ?? DEFAULT_DAILY_KM),
    source: fleet != null && fleet > 0 ? 'fleet' : 'default',
    confidence: 'low',
    spreadKmPerDay: null,
  };
}

/** The odometer predicted on `on` (never below the anchor). */
export function predictOdometer(estimate: MileageEstimate, on: Date): number | null {
  if (!estimate.anchor) return null;
  const days = (on.getTime() - estimate.anchor.at.getTime()) / DAY_MS;
  return Math.round(estimate.anchor.km + Math.max(0, days) * estimate.dailyKm);
}

/**
 * When the car reaches `km` (in the past if it already has, projected back at the same rate);
 * null for a car that does not move or has no reading.
 */
export function dateAtMileage(estimate: MileageEstimate, km: number): Date | null {
  if (!estimate.anchor || estimate.dailyKm < MIN_MOVING_KM) return null;
  const days = (km - estimate.anchor.km) / estimate.dailyKm;
  return new Date(estimate.anchor.at.getTime() + days * DAY_MS);
}
