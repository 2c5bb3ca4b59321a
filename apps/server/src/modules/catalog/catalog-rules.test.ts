import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import {
  assertComponents,
  assertFieldsForKind,
  catalogSearchTerms,
  expandToLines,
  nameSearchKeys,
  packagePriceFen,
  scaleLinesTo,
  type CatalogLine,
  type ExpandableItem,
} from './catalog-rules.ts';
import { soldByPartNumber } from './stock.ts';

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};
const total = (lines: readonly CatalogLine[]) =>
  lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0);

describe('name search keys', () => {
  it('gives pinyin initials and full pinyin, ü typed as v', () => {
    expect(nameSearchKeys('机油滤芯')).toEqual({ initials: 'jylx', pinyin: 'jiyoulvxin' });
  });
  it('keeps letters and digits of mixed names, drops punctuation and spaces', () => {
    expect(nameSearchKeys('机油 5W-30 4L')).toEqual({
      initials: 'jy5w304l',
      pinyin: 'jiyou5w304l',
    });
    expect(nameSearchKeys('四轮定位+动平衡').initials).toBe('sldwdph');
  });
  it('reads a search box entry as text and as a key', () => {
    expect(catalogSearchTerms('  JY  ')).toEqual({ text: 'JY', key: 'jy' });
    expect(catalogSearchTerms('5W-30')).toEqual({ text: '5W-30', key: '5w30' });
    expect(catalogSearchTerms('机油')).toEqual({ text: '机油', key: '' });
    expect(catalogSearchTerms('   ')).toBeNull();
  });
});

describe('fields by kind', () => {
  it('refuses a field another kind owns', () => {
    expect(codeOf(() => assertFieldsForKind('labour', { partNumber: 'X1' }))).toBe(
      'CATALOG_FIELD_NOT_FOR_KIND',
    );
    expect(codeOf(() => assertFieldsForKind('part', { standardMinutes: 30 }))).toBe(
      'CATALOG_FIELD_NOT_FOR_KIND',
    );
    expect(codeOf(() => assertFieldsForKind('part', { components: [] }))).toBe(
      'CATALOG_FIELD_NOT_FOR_KIND',
    );
    expect(codeOf(() => assertFieldsForKind('package', { stockQty: 3 }))).toBe(
      'CATALOG_FIELD_NOT_FOR_KIND',
    );
  });
  it('lets only a package go without a price', () => {
    expect(codeOf(() => assertFieldsForKind('part', { priceFen: null }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => assertFieldsForKind('package', { priceFen: null, components: [] }))).toBe(
      null,
    );
    expect(codeOf(() => assertFieldsForKind('labour', { standardMinutes: 30 }))).toBe(null);
  });
});

describe('package components', () => {
  const kinds = new Map([
    ['oil', 'part'],
    ['work', 'labour'],
    ['pkg', 'package'],
  ] as const);
  it('takes labour and parts, each once', () => {
    expect(
      codeOf(() =>
        assertComponents(
          'new',
          [
            { itemId: 'oil', quantity: 1 },
            { itemId: 'work', quantity: 1 },
          ],
          kinds,
        ),
      ),
    ).toBe(null);
  });
  it('refuses itself, another package, an unknown or repeated item, or nothing', () => {
    expect(codeOf(() => assertComponents('oil', [{ itemId: 'oil', quantity: 1 }], kinds))).toBe(
      'CATALOG_PACKAGE_NESTED',
    );
    expect(codeOf(() => assertComponents('new', [{ itemId: 'pkg', quantity: 1 }], kinds))).toBe(
      'CATALOG_PACKAGE_NESTED',
    );
    expect(codeOf(() => assertComponents('new', [{ itemId: 'nope', quantity: 1 }], kinds))).toBe(
      'CATALOG_COMPONENT_UNKNOWN',
    );
    expect(
      codeOf(() =>
        assertComponents(
          'new',
          [
            { itemId: 'oil', quantity: 1 },
            { itemId: 'oil', quantity: 2 },
          ],
          kinds,
        ),
      ),
    ).toBe('CATALOG_COMPONENT_REPEATED');
    expect(codeOf(() => assertComponents('new', [], kinds))).toBe('CATALOG_PACKAGE_EMPTY');
  });
  it('names the offending component in the error field', () => {
    try {
      assertComponents(
        'new',
        [
          { itemId: 'oil', quantity: 1 },
          { itemId: 'x', quantity: 1 },
        ],
        kinds,
      );
    } catch (e) {
      expect((e as AppError).field).toBe('components.1.itemId');
    }
  });
});

describe('package price', () => {
  it('is its own price when set, else the sum of its components', () => {
    const parts = [
      { quantity: 1, unitPriceFen: 39800 },
      { quantity: 4, unitPriceFen: 6500 },
    ];
    expect(packagePriceFen(null, parts)).toBe(39800 + 26000);
    expect(packagePriceFen(46800, parts)).toBe(46800);
  });
});

const item = (over: Partial<ExpandableItem> & Pick<ExpandableItem, 'kind' | 'name'>) =>
  ({
    category: 'oil_change',
    partNumber: null,
    standardMinutes: null,
    unitPriceFen: 0,
    ...over,
  }) satisfies ExpandableItem;

describe('expanding into order lines', () => {
  const oil = item({ kind: 'part', name: '机油', partNumber: 'G-052', unitPriceFen: 39800 });
  const filter = item({ kind: 'part', name: '机滤', partNumber: '06L', unitPriceFen: 6800 });
  const work = item({ kind: 'labour', name: '工时', standardMinutes: 30, unitPriceFen: 8000 });
  const components = [
    { item: oil, quantity: 1 },
    { item: filter, quantity: 1 },
    { item: work, quantity: 1 },
  ];

  it('makes one line of a part or labour, with labour minutes for the quantity', () => {
    expect(expandToLines(work, 2, [])).toEqual([
      {
        kind: 'labour',
        category: 'oil_change',
        description: '工时',
        partNumber: null,
        quantity: 2,
        unitPriceFen: 8000,
        labourMinutes: 60,
      },
    ]);
    expect(expandToLines(oil, 1, [])[0]).toMatchObject({
      partNumber: 'G-052',
      labourMinutes: null,
    });
  });

  it('makes a summed package its components at their prices', () => {
    const lines = expandToLines(
      item({ kind: 'package', name: '小保养', unitPriceFen: null }),
      1,
      components,
    );
    expect(lines.map((l) => [l.description, l.unitPriceFen])).toEqual([
      ['小保养 · 机油', 39800],
      ['小保养 · 机滤', 6800],
      ['小保养 · 工时', 8000],
    ]);
  });

  it('scales a priced package’s lines to add up to its price, times the quantity', () => {
    const pkg = item({ kind: 'package', name: '小保养', unitPriceFen: 46800 });
    expect(total(expandToLines(pkg, 1, components))).toBe(46800);
    const two = expandToLines(pkg, 2, components);
    expect(two.map((l) => l.quantity)).toEqual([2, 2, 2]);
    expect(total(two)).toBe(93600);
    expect(two.find((l) => l.kind === 'labour')?.labourMinutes).toBe(60);
  });

  it('refuses a package inside a package', () => {
    const inner = item({ kind: 'package', name: '套餐' });
    expect(
      codeOf(() =>
        expandToLines(item({ kind: 'package', name: 'x' }), 1, [{ item: inner, quantity: 1 }]),
      ),
    ).toBe('CATALOG_PACKAGE_NESTED');
  });
});

describe('scaling lines to a price', () => {
  const line = (quantity: number, unitPriceFen: number, labourMinutes: number | null = null) =>
    ({
      kind: labourMinutes === null ? 'part' : 'labour',
      category: 'other',
      description: 'x',
      partNumber: null,
      quantity,
      unitPriceFen,
      labourMinutes,
    }) satisfies CatalogLine;

  it('adds up exactly for awkward prices, the rest on a single unit', () => {
    for (const target of [1, 99, 10001, 33333, 46800, 123457]) {
      const out = scaleLinesTo([line(1, 3333), line(3, 1111), line(1, 777)], target);
      expect(total(out), String(target)).toBe(target);
      expect(out.every((l) => l.unitPriceFen >= 0)).toBe(true);
    }
  });

  it('splits one unit off the first line when no line has quantity 1', () => {
    const out = scaleLinesTo([line(4, 6500, 120), line(2, 1000)], 25001);
    expect(total(out)).toBe(25001);
    expect(out.map((l) => l.quantity)).toEqual([3, 1, 2]);
    expect(out[0]!.labourMinutes! + out[1]!.labourMinutes!).toBe(120);
  });

  it('puts a price on components that cost nothing', () => {
    expect(total(scaleLinesTo([line(1, 0), line(2, 0)], 5000))).toBe(5000);
  });

  it('leaves lines as they are when they already add up', () => {
    const lines = [line(1, 100), line(2, 50)];
    expect(scaleLinesTo(lines, 200)).toEqual(lines);
  });
});

describe('parts sold on an order', () => {
  it('adds up part lines by part number, in upper case, ignoring labour', () => {
    const sold = soldByPartNumber([
      { kind: 'part', partNumber: '06l115562b', quantity: 1 },
      { kind: 'part', partNumber: '06L115562B ', quantity: 2 },
      { kind: 'labour', partNumber: 'X', quantity: 1 },
      { kind: 'part', partNumber: null, quantity: 5 },
    ]);
    expect([...sold]).toEqual([['06L115562B', 3]]);
  });
});
