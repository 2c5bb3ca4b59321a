import { describe, expect, it } from 'vitest';
import { clubFocus } from './clubs.ts';

const club = { make: null, model: null, region: null, interest: null };

describe('what a club gathers around', () => {
  it('a make or model club: its make (and model)', () => {
    expect(clubFocus({ ...club, kind: 'make', make: '大众' })).toBe('大众');
    expect(clubFocus({ ...club, kind: 'model', make: '大众', model: '朗逸' })).toBe('大众 朗逸');
  });
  it('a region or interest club: its region and interest', () => {
    expect(clubFocus({ ...club, kind: 'region', region: '广州', interest: '越野' })).toBe(
      '广州 · 越野',
    );
    expect(clubFocus({ ...club, kind: 'interest', interest: '新能源' })).toBe('新能源');
    expect(clubFocus({ ...club, kind: 'interest' })).toBe('');
  });
});
