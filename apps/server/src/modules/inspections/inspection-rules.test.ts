import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { DEFAULT_POINTS } from './default-template.ts';
import {
  assertCanCarryJob,
  assertCanDecide,
  assertCanInspect,
  assertJobEditable,
  assertMeasurement,
  assertTemplatePoints,
  declinedTitle,
  jobTotal,
  limitMileage,
  normalisePoint,
  suggestStatus,
} from './inspection-rules.ts';
import type { TemplatePoint } from './inspections.tables.ts';

const point = (key: string) => DEFAULT_POINTS.find((p) => p.key === key)!;
const pads = point('pads_front'); // amber ≤ 4, red ≤ 2, 0–15 mm
const fluid = point('brake_fluid'); // higher is worse: amber ≥ 2, red ≥ 3
const lights = point('lights');

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

describe('suggestStatus', () => {
  it.each([
    [8, 'green'],
    [4.01, 'green'],
    [4, 'amber'],
    [3, 'amber'],
    [2.01, 'amber'],
    [2, 'red'],
    [0, 'red'],
  ] as const)('brake pads at %s mm → %s', (v, s) => expect(suggestStatus(pads, v)).toBe(s));

  it.each([
    [0.5, 'green'],
    [2, 'amber'],
    [2.9, 'amber'],
    [3, 'red'],
    [6, 'red'],
  ] as const)('water in brake fluid at %s %% (higher is worse) → %s', (v, s) =>
    expect(suggestStatus(fluid, v)).toBe(s),
  );

  it('suggests nothing without a reading, for a visual point, or without thresholds', () => {
    expect(suggestStatus(pads, null)).toBeNull();
    expect(suggestStatus(lights, 1)).toBeNull();
    const bare: TemplatePoint = { ...pads, amberAt: null, redAt: null };
    expect(suggestStatus(bare, 3)).toBeNull();
    const redOnly: TemplatePoint = { ...pads, amberAt: null };
    expect(suggestStatus(redOnly, 3)).toBe('green');
    expect(suggestStatus(redOnly, 1)).toBe('red');
  });
});

describe('assertMeasurement', () => {
  it('takes readings within the range and none', () => {
    for (const v of [0, 7.5, 15, null])
      expect(codeOf(() => assertMeasurement(pads, v, 'value'))).toBeNull();
    expect(codeOf(() => assertMeasurement(lights, null, 'value'))).toBeNull();
  });
  it('refuses readings outside the range, not finite, or on a visual point', () => {
    for (const v of [-0.1, 15.1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(codeOf(() => assertMeasurement(pads, v, 'value'))).toBe(
        'INSPECTION_MEASUREMENT_OUT_OF_RANGE',
      );
    expect(codeOf(() => assertMeasurement(lights, 1, 'value'))).toBe(
      'INSPECTION_MEASUREMENT_OUT_OF_RANGE',
    );
  });
});

describe('jobs and decisions', () => {
  it('only amber and red carry a job', () => {
    expect(codeOf(() => assertCanCarryJob('amber'))).toBeNull();
    expect(codeOf(() => assertCanCarryJob('red'))).toBeNull();
    expect(codeOf(() => assertCanCarryJob('green'))).toBe('INSPECTION_JOB_NEEDS_FINDING');
    expect(codeOf(() => assertCanCarryJob(null))).toBe('INSPECTION_JOB_NEEDS_FINDING');
  });

  const ok = { sent: true, hasJob: true, decision: null, orderStatus: 'open' } as const;
  it.each([
    [ok, null],
    [{ ...ok, sent: false }, 'NOT_FOUND'],
    [{ ...ok, hasJob: false }, 'NOT_FOUND'],
    [{ ...ok, decision: 'approved' as const }, 'INSPECTION_ITEM_DECIDED'],
    [{ ...ok, decision: 'declined' as const }, 'INSPECTION_ITEM_DECIDED'],
    [{ ...ok, orderStatus: 'completed' }, 'INSPECTION_ORDER_CLOSED'],
    [{ ...ok, orderStatus: 'paid' }, 'INSPECTION_ORDER_CLOSED'],
    [{ ...ok, orderStatus: 'cancelled' }, 'INSPECTION_ORDER_CLOSED'],
  ])('decide %o → %s', (state, code) => expect(codeOf(() => assertCanDecide(state))).toBe(code));

  it('a decided job is no longer staff’s to change', () => {
    expect(codeOf(() => assertJobEditable(null))).toBeNull();
    expect(codeOf(() => assertJobEditable('approved'))).toBe('INSPECTION_ITEM_DECIDED');
  });

  it.each([
    ['open', null],
    ['completed', null],
    ['paid', 'INSPECTION_ORDER_CLOSED'],
    ['closed', 'INSPECTION_ORDER_CLOSED'],
    ['cancelled', 'INSPECTION_ORDER_CLOSED'],
    ['refunded', 'INSPECTION_ORDER_CLOSED'],
  ])('an inspection on a %s order → %s', (s, code) =>
    expect(codeOf(() => assertCanInspect(s))).toBe(code),
  );

  it('adds labour and parts', () => {
    expect(jobTotal({ labourFen: 12000, partsFen: 38000 })).toBe(50000);
    expect(jobTotal({ labourFen: null, partsFen: 100 })).toBe(100);
  });
});

describe('declined work', () => {
  it('predicts the mileage at the red limit from the wear rate', () => {
    // 3 mm − 2 mm red = 1 mm left at 0.25 mm per 1,000 km → 4,000 km.
    expect(limitMileage(pads, 3, 45200)).toBe(49200);
    expect(limitMileage(pads, 1.5, 45200)).toBe(45200);
    expect(limitMileage(pads, null, 45200)).toBeNull();
    expect(limitMileage(pads, 3, null)).toBeNull();
    expect(limitMileage(point('battery'), 60, 45200)).toBeNull();
  });

  it('words the due item with the reading and the mileage', () => {
    expect(declinedTitle(pads, 3, 45200)).toBe('前刹车片 3 mm（45,200 km）');
    expect(declinedTitle(point('battery'), 48, null)).toBe('电瓶健康度 48%');
    expect(declinedTitle(lights, null, 1000)).toBe('前后灯光（1,000 km）');
  });
});

describe('assertTemplatePoints', () => {
  const errorOf = (points: TemplatePoint[]) => {
    try {
      assertTemplatePoints(points);
      return null;
    } catch (e) {
      return e instanceof AppError ? { code: e.code, field: e.field } : String(e);
    }
  };

  it('takes the standard check', () => expect(errorOf(DEFAULT_POINTS)).toBeNull());

  it.each([
    ['red above amber, lower is worse', { ...pads, redAt: 5 }, 'redAt'],
    ['red equal to amber', { ...pads, redAt: 4 }, 'redAt'],
    ['red below amber, higher is worse', { ...fluid, redAt: 1 }, 'redAt'],
  ] as const)('refuses %s', (_, p, name) =>
    expect(errorOf([lights, p])).toEqual({
      code: 'INSPECTION_THRESHOLDS_INCONSISTENT',
      field: `points.1.${name}`,
    }),
  );

  it.each([
    ['min not below max', { ...pads, min: 15, max: 15 }, 'max'],
    ['amber above max', { ...pads, amberAt: 16 }, 'amberAt'],
    ['red below min', { ...pads, redAt: -1 }, 'redAt'],
  ] as const)('refuses %s', (_, p, name) =>
    expect(errorOf([p])).toEqual({ code: 'INSPECTION_RANGE_INVALID', field: `points.0.${name}` }),
  );

  it('takes one threshold alone, either direction, and any numbers on a pass / fail point', () => {
    expect(
      errorOf([
        { ...pads, amberAt: null },
        { ...fluid, redAt: null },
      ]),
    ).toBeNull();
    expect(errorOf([{ ...lights, amberAt: 2, redAt: 9, min: 5, max: 1 }])).toBeNull();
  });

  it('a pass / fail point keeps no range, thresholds or wear rate', () => {
    const p = normalisePoint({ ...pads, measurement: 'none' });
    expect(p).toEqual({
      key: 'pads_front',
      section: '制动',
      label: '前刹车片',
      measurement: 'none',
      category: 'brakes',
      why: pads.why,
    });
    expect(normalisePoint(pads)).toBe(pads);
  });
});
