// Dates and times as owners write them, read against a fixed local date (Monday 7 December 2026
// in the shop's time zone).
import { describe, expect, it } from 'vitest';
import { cnNumber, describeDate, isoWeekday, parseWhen } from './when-rules.ts';

const TODAY = '2026-12-07';
const when = (text: string, today = TODAY) => parseWhen(text, today);

describe('dates', () => {
  it.each([
    ['今天', '2026-12-07'],
    ['明天', '2026-12-08'],
    ['后天', '2026-12-09'],
    ['大后天', '2026-12-10'],
    ['周六', '2026-12-12'],
    ['星期天', '2026-12-13'],
    ['周一', '2026-12-07'],
    ['下周三', '2026-12-16'],
    ['下星期一', '2026-12-14'],
    ['这周五', '2026-12-11'],
    ['12月10日', '2026-12-10'],
    ['十二月二十号', '2026-12-20'],
    ['1月5号', '2027-01-05'],
    ['12/24', '2026-12-24'],
    ['15号', '2026-12-15'],
    ['3号', '2027-01-03'],
    ['tomorrow', '2026-12-08'],
    ['day after tomorrow', '2026-12-09'],
    ['next monday', '2026-12-14'],
    ['saturday', '2026-12-12'],
    ['Dec 10', '2026-12-10'],
    ['January 2nd', '2027-01-02'],
  ])('%s → %s', (text, date) => expect(when(text).date).toBe(date));

  it('refuses dates that do not exist and texts without a date', () => {
    expect(when('2月30日').date).toBeNull();
    expect(when('我想约保养').date).toBeNull();
  });

  it('rolls over the year end', () => {
    expect(when('明天', '2026-12-31').date).toBe('2027-01-01');
    expect(when('下周一', '2026-12-31').date).toBe('2027-01-04');
  });
});

describe('times', () => {
  it.each([
    ['上午', null, 'morning'],
    ['下午', null, 'afternoon'],
    ['3点', 15 * 60, null],
    ['下午3点', 15 * 60, 'afternoon'],
    ['上午10点', 10 * 60, 'morning'],
    ['十点半', 10 * 60 + 30, null],
    ['两点一刻', 14 * 60 + 15, null],
    ['9点', 9 * 60, null],
    ['14:30', 14 * 60 + 30, null],
    ['晚上7点', 19 * 60, 'evening'],
    ['中午12点', 12 * 60, 'noon'],
    ['10am', 10 * 60, null],
    ['3:30 pm', 15 * 60 + 30, null],
    ['tomorrow morning', null, 'morning'],
  ])('%s → %s', (text, minutes, part) => {
    const w = when(text);
    expect(w.minutes).toBe(minutes);
    expect(w.part).toBe(part);
  });

  it('does not read a date as a time', () => {
    expect(when('12/24').minutes).toBeNull();
    expect(when('12月10日').minutes).toBeNull();
  });
});

describe('helpers', () => {
  it('counts in Chinese and names weekdays', () => {
    expect(cnNumber('二十三')).toBe(23);
    expect(cnNumber('十二')).toBe(12);
    expect(cnNumber('两')).toBe(2);
    expect(cnNumber('x')).toBeNull();
    expect(isoWeekday('2026-12-13')).toBe(7);
    expect(describeDate('2026-12-12', 'zh-CN')).toBe('12月12日 周六');
    expect(describeDate('2026-12-12', 'en')).toBe('Sat Dec 12');
  });
});
