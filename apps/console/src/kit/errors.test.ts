// A server error naming a field of a Form.List row finds that row's field.
import { describe, expect, it } from 'vitest';
import { listRowField } from './errors.ts';

describe('listRowField', () => {
  it('names the row field a pattern with * fits, and nothing else', () => {
    const patterns = ['name', 'points.*.redAt', 'points.*.label'];
    expect(listRowField('points.3.redAt', patterns)).toEqual(['points', 3, 'redAt']);
    expect(listRowField('points/0/label', patterns)).toEqual(['points', 0, 'label']);
    expect(listRowField('points.3.amberAt', patterns)).toBeNull();
    expect(listRowField('points.x.redAt', patterns)).toBeNull();
    expect(listRowField('name', patterns)).toBeNull();
  });
});
