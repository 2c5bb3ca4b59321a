// The fixed, seeded mix of what staff type into the one search box, drawn from a tenant's own
// customers and cars so that every query finds someone. Pure.
import { createRandom } from '../../apps/server/src/kernel/random.ts';

export const QUERY_KINDS = ['phone4', 'phone', 'name', 'initials', 'plate', 'vin'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export const KIND_LABELS: Record<QueryKind, string> = {
  phone4: '4 phone digits',
  phone: 'full phone',
  name: 'name',
  initials: 'pinyin initials',
  plate: 'partial plate',
  vin: 'VIN, last 6',
};

export interface SearchSample {
  customers: { name: string | null; phoneDigits: string; nameInitials: string }[];
  vehicles: { plate: string | null; vin: string | null }[];
}

export interface SearchQuery {
  kind: QueryKind;
  q: string;
}

function queryOf(kind: QueryKind, sample: SearchSample, r: ReturnType<typeof createRandom>) {
  for (;;) {
    const c = r.pick(sample.customers);
    const v = r.pick(sample.vehicles);
    switch (kind) {
      case 'phone4': {
        const at = r.int(0, c.phoneDigits.length - 4);
        return c.phoneDigits.slice(at, at + 4);
      }
      case 'phone':
        return c.phoneDigits;
      case 'name':
        if (c.name) return c.name;
        break;
      case 'initials':
        if (c.nameInitials.length >= 2) return c.nameInitials;
        break;
      case 'plate': {
        // "A12": the city letter and the first two characters of the serial.
        const chars = Array.from(v.plate ?? '');
        if (chars.length >= 4) return chars.slice(1, 4).join('');
        break;
      }
      case 'vin':
        // 车架号后六位: staff read the last six characters off the registration or the car.
        if (v.vin) return v.vin.slice(-6);
        break;
    }
  }
}

/** `perKind` queries of every kind, in a seeded order that interleaves the kinds. */
export function searchQueries(sample: SearchSample, perKind: number, seed: number): SearchQuery[] {
  if (!sample.customers.length || !sample.vehicles.length)
    throw new Error('searchQueries(): the tenant has no customers or cars');
  const r = createRandom(seed);
  const all: SearchQuery[] = [];
  for (const kind of QUERY_KINDS)
    for (let i = 0; i < perKind; i++) all.push({ kind, q: queryOf(kind, sample, r) });
  return r.shuffle(all);
}
