import { describe, expect, it } from 'vitest';
import { planSearch } from '../../apps/server/src/modules/customers/search.ts';
import { baselineSearch } from './search-sql.ts';
import { QUERY_KINDS, searchQueries, type SearchSample } from './search-queries.ts';
import { percentile, summarize } from './stats.ts';

const SAMPLE: SearchSample = {
  customers: [
    { name: '陈志明', phoneDigits: '13900000001', nameInitials: 'czm' },
    { name: '张伟', phoneDigits: '13812345678', nameInitials: 'zw' },
  ],
  vehicles: [
    { plate: '粤A12345', vin: 'LSVAU2180N2183294' },
    { plate: '粤AD12345', vin: 'LGXCH4C38P1234567' },
  ],
};

describe('searchQueries', () => {
  it('draws a fixed, seeded mix of every kind from the tenant’s own data', () => {
    const queries = searchQueries(SAMPLE, 25, 42);
    expect(queries).toEqual(searchQueries(SAMPLE, 25, 42));
    expect(queries).not.toEqual(searchQueries(SAMPLE, 25, 43));
    expect(queries).toHaveLength(25 * QUERY_KINDS.length);
    for (const { kind, q } of queries) {
      if (kind === 'phone4')
        expect(SAMPLE.customers.some((c) => c.phoneDigits.includes(q))).toBe(true);
      if (kind === 'phone') expect(q).toMatch(/^1\d{10}$/);
      if (kind === 'name') expect(['陈志明', '张伟']).toContain(q);
      if (kind === 'initials') expect(['czm', 'zw']).toContain(q);
      if (kind === 'plate') expect(['A12', 'AD1']).toContain(q);
      if (kind === 'vin') expect(['183294', '234567']).toContain(q);
      expect(planSearch(q)).not.toBeNull();
    }
  });
});

describe('baselineSearch', () => {
  it('binds every pattern as a parameter and escapes LIKE wildcards', () => {
    const s = baselineSearch('t', planSearch('50%_off')!, 20);
    expect(s.text).not.toContain('50%_off');
    expect(s.values).toContain('%50\\%\\_off%');
    expect(s.values.at(-1)).toBe(21);
    expect(s.text.match(/\$\d+/g)!.every((p) => Number(p.slice(1)) <= s.values.length)).toBe(true);
  });

  it('follows the application’s rules for short parts', () => {
    // Two letters: initials only; two characters of a plate match nothing.
    const zw = baselineSearch('t', planSearch('zw')!, 20);
    expect(zw.text).toContain('name_initials like');
    expect(zw.text).not.toContain('plate like');
    expect(zw.text).not.toContain('name ilike');
    // Two Chinese characters are looked up among the names' character pairs, one by ILIKE.
    const pair = baselineSearch('t', planSearch('张伟')!, 20);
    expect(pair.text).toContain('liuke_name_pairs(name) @>');
    expect(pair.values).toContain('张伟');
    expect(baselineSearch('t', planSearch('芳')!, 20).text).toContain('name ilike');
  });
});

describe('percentiles', () => {
  it('are nearest-rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(summarize([3, 1, 2])).toEqual({ n: 3, p50: 2, p95: 3, p99: 3 });
  });
});
