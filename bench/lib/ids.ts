// Deterministic UUIDv7 ids for generated rows: the 48-bit timestamp is the row's own time (when
// the customer, car or order came to be), the 74 random bits come from the seeded generator, so
// one seed always gives the same ids and ids still sort roughly by creation like newId()'s.
import type { Random } from '../../apps/server/src/kernel/random.ts';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const TWO_POW_32 = 4_294_967_296;

const hex16 = (n: number): string => (HEX[(n >>> 8) & 0xff] as string) + HEX[n & 0xff];
const hex32 = (n: number): string => hex16(n >>> 16) + hex16(n & 0xffff);
const draw32 = (r: Random): number => Math.floor(r.next() * TWO_POW_32) >>> 0;

export function uuidv7At(ms: number, r: Random): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= 2 ** 48)
    throw new RangeError(`uuidv7At(): bad timestamp ${ms}`);
  const high = Math.floor(ms / 65_536);
  const low = ms % 65_536;
  const a = draw32(r);
  const b = draw32(r);
  const c = draw32(r);
  return (
    `${hex32(high)}-${hex16(low)}-7${hex16(a & 0xfff).slice(1)}-` +
    `${hex16(0x8000 | ((a >>> 12) & 0x3fff))}-${hex32(b)}${hex16(c & 0xffff)}`
  );
}
