/**
 * Small deterministic pseudo-random number generator for demo data, fixtures and tests.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "small fast counter", 128-bit state, passes
 * PractRand), seeded through splitmix32 so that nearby seeds (1, 2, 3 …) give unrelated streams.
 * Not for anything security related: use `node:crypto` there.
 */

export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform float in [min, max). */
  float(min: number, max: number): number;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One value of a non-empty list of `[value, weight]` pairs, with probability proportional to weight. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
  /** True with probability `p` (clamped to [0, 1]). */
  chance(p: number): boolean;
  /** Normally distributed number (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** A shuffled copy of the array (Fisher–Yates); the input is not modified. */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent generator derived from this one (advances this one by four draws). */
  fork(): Random;
}

const TWO_POW_32 = 4_294_967_296;

function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let t = state ^ (state >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return t >>> 0;
  };
}

function fromState(a0: number, b0: number, c0: number, d0: number): Random {
  let a = a0 | 0;
  let b = b0 | 0;
  let c = c0 | 0;
  let d = d0 | 0;

  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next32();

  const next = (): number => next32() / TWO_POW_32;

  const random: Random = {
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(${min}, ${max}): need integers with min <= max`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    float(min, max) {
      return min + next() * (max - min);
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick() from an empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
      let total = 0;
      for (const [, weight] of items) if (weight > 0) total += weight;
      if (!(total > 0)) throw new RangeError('weighted() needs at least one positive weight');
      let r = next() * total;
      let last: T | undefined;
      for (const [value, weight] of items) {
        if (!(weight > 0)) continue;
        last = value;
        if (r < weight) return value;
        r -= weight;
      }
      // Only reached when rounding leaves r marginally above the last positive weight.
      return last as T;
    },
    chance(p) {
      return next() < p;
    },
    normal(mean = 0, sd = 1) {
      const u1 = 1 - next(); // (0, 1]: log() stays finite
      const u2 = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
    fork() {
      return fromState(next32(), next32(), next32(), next32());
    },
  };
  return random;
}

/**
 * A deterministic generator: the same seed always gives the same sequence.
 * Any finite number is accepted; integers up to 2^53 are used in full (low and high 32 bits).
 */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed))
    throw new RangeError(`createRandom(): seed must be finite, got ${seed}`);
  const whole = Math.floor(seed);
  const low = whole >>> 0;
  const high = Math.floor(whole / TWO_POW_32) >>> 0;
  const frac = Math.floor((seed - whole) * TWO_POW_32) >>> 0;
  const mix = splitmix32(low ^ Math.imul(high, 0x85ebca6b) ^ Math.imul(frac, 0xc2b2ae35));
  return fromState(mix(), mix(), mix(), mix());
}
