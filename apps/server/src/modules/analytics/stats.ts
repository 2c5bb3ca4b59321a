// Confidence intervals for conversion rates and their difference (pure). The lift of a campaign
// over its hold-out is a difference of two independent proportions; its 95% interval is
// Newcombe's hybrid score interval (Newcombe 1998, method 10), built from the two Wilson score
// intervals: unlike the plain normal (Wald) interval it stays inside [−1, 1] and keeps its
// coverage for small groups and rates near 0, which hold-out groups of a few dozen often are.

export const Z95 = 1.959963984540054;

/** Wilson score interval of x successes in n trials (null when n is 0). */
export function wilson(x: number, n: number, z = Z95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface Lift {
  /** p1 − p2 */
  lift: number;
  low: number;
  high: number;
}

/** Difference p1 − p2 of x1/n1 and x2/n2 with Newcombe's 95% interval (null without both). */
export function newcombeLift(x1: number, n1: number, x2: number, n2: number, z = Z95): Lift | null {
  const w1 = wilson(x1, n1, z);
  const w2 = wilson(x2, n2, z);
  if (!w1 || !w2) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  return {
    lift: d,
    low: d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
  };
}
