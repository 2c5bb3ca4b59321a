// The template editor checks a point as the server does: red worse than amber in the point's
// direction, thresholds within the range, the minimum below the maximum; pass / fail points send
// no numbers.
import { describe, expect, it } from 'vitest';
import { newPointKey, pointBody, pointProblems, type TemplatePoint } from './template-rules.ts';

const pads: TemplatePoint = {
  key: 'pads_front',
  section: '制动',
  label: '前刹车片',
  measurement: 'mm',
  min: 0,
  max: 15,
  amberAt: 4,
  redAt: 2,
  category: 'brakes',
  why: '',
};
const fluid: TemplatePoint = {
  ...pads,
  measurement: 'percent',
  amberAt: 2,
  redAt: 3,
  higherIsWorse: true,
};

describe('pointProblems', () => {
  it('takes sound thresholds, one threshold alone, and any numbers on a pass / fail point', () => {
    expect(pointProblems(pads)).toEqual({});
    expect(pointProblems(fluid)).toEqual({});
    expect(pointProblems({ ...pads, amberAt: null })).toEqual({});
    expect(pointProblems({ ...pads, measurement: 'none', redAt: 9, max: -1 })).toEqual({});
  });

  it('wants red below amber when lower is worse, above it when higher is worse', () => {
    expect(pointProblems({ ...pads, redAt: 5 })).toEqual({ redAt: 'order' });
    expect(pointProblems({ ...pads, redAt: 4 })).toEqual({ redAt: 'order' });
    expect(pointProblems({ ...fluid, redAt: 1 })).toEqual({ redAt: 'order' });
    expect(pointProblems({ ...pads, higherIsWorse: true })).toEqual({ redAt: 'order' });
  });

  it('wants thresholds within the range and the minimum below the maximum', () => {
    expect(pointProblems({ ...pads, amberAt: 16 })).toEqual({ amberAt: 'outside' });
    expect(pointProblems({ ...pads, redAt: -1 })).toEqual({ redAt: 'outside' });
    expect(pointProblems({ ...pads, min: 15, max: 15 })).toMatchObject({ max: 'range' });
  });
});

describe('pointBody', () => {
  it('drops the numbers of a pass / fail point and trims the texts', () => {
    expect(pointBody({ ...pads, measurement: 'none', label: ' 雨刮片 ' })).toEqual({
      key: 'pads_front',
      section: '制动',
      label: '雨刮片',
      measurement: 'none',
      category: 'brakes',
      why: '',
    });
    expect(pointBody(pads)).toMatchObject({ amberAt: 4, redAt: 2, higherIsWorse: false });
  });

  it('gives a new point a key the template does not have', () => {
    expect(newPointKey(['tyre_fl', 'point_3'])).toBe('point_4');
    expect(newPointKey(['point_2', 'x'])).toBe('point_3');
    expect(newPointKey([])).toBe('point_1');
  });
});
