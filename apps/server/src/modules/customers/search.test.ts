import { describe, expect, it } from 'vitest';
import { likeEscape, nameInitials, namePair, planSearch } from './search.ts';

describe('planSearch', () => {
  it('treats 4+ digits as phone digits and also as part of a plate', () => {
    expect(planSearch('5678')).toEqual({
      phoneDigits: '5678',
      name: null,
      initials: null,
      plateOrVin: '5678',
    });
    expect(planSearch('+86 138 1234 5678')?.phoneDigits).toBe('13812345678');
  });
  it('does not search phones by fewer than 4 digits', () => {
    expect(planSearch('123')?.phoneDigits).toBeNull();
  });
  it('reads a partial plate typed without the province', () => {
    expect(planSearch('a12')?.plateOrVin).toBe('A12');
  });
  it('reads Chinese as a name, and a province start as a plate', () => {
    expect(planSearch('王')).toMatchObject({ name: '王', plateOrVin: null });
    expect(planSearch('粤A12')).toMatchObject({ name: '粤A12', plateOrVin: '粤A12' });
  });
  it('reads latin letters as pinyin initials', () => {
    expect(planSearch('ZS')).toMatchObject({ initials: 'zs', name: 'ZS' });
  });
  it('returns null for an empty box', () => {
    expect(planSearch('   ')).toBeNull();
  });
});

describe('nameInitials', () => {
  it('takes the first letter of each syllable', () => {
    expect(nameInitials('张三')).toBe('zs');
    expect(nameInitials('欧阳娜娜')).toBe('oynn');
    expect(nameInitials(null)).toBe('');
  });
});

describe('likeEscape', () => {
  it('escapes wildcards', () => {
    expect(likeEscape('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});

describe('namePair', () => {
  const pair = (q: string) => namePair(planSearch(q)!);
  it('takes two characters without case, and nothing else', () => {
    expect(pair('张伟')).toBe('张伟');
    expect(pair('伟')).toBeNull();
    expect(pair('张伟明')).toBeNull();
    expect(pair('zw')).toBeNull(); // initials
    expect(pair('Li')).toBeNull();
  });
});
