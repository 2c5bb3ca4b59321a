import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayBounds,
  formatTime,
  isValidDate,
  isValidTimeZone,
  offsetMinutes,
  parseTime,
  slotStartingAt,
  slotsForDay,
  toInstant,
  toLocal,
  todayIn,
  weekdayOf,
  type DayHours,
} from './slots.ts';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const starts = (slots: { startsAt: Date }[]) => slots.map((s) => s.startsAt.toISOString());

/** The same hours every day of the week. */
function everyDay(opens: string, closes: string, slotMinutes: number, capacity = 3) {
  const map = new Map<number, DayHours>();
  for (let weekday = 0; weekday < 7; weekday++)
    map.set(weekday, {
      weekday,
      opensAt: parseTime(opens)!,
      closesAt: parseTime(closes)!,
      slotMinutes,
      capacity,
    });
  return map;
}

describe('wall-clock times and calendar dates', () => {
  it('parses HH:MM and the HH:MM:SS PostgreSQL returns, and nothing else', () => {
    expect(parseTime('08:30')).toBe(510);
    expect(parseTime('08:30:00')).toBe(510);
    expect(parseTime('00:00')).toBe(0);
    expect(parseTime('23:59')).toBe(1439);
    for (const bad of ['24:00', '8:30', '08:60', '0830', '', '08:30 ', 'ab:cd'])
      expect(parseTime(bad), bad).toBeNull();
    expect(formatTime(510)).toBe('08:30');
    expect(formatTime(0)).toBe('00:00');
  });

  it('knows real dates, weekdays and leap years', () => {
    expect(isValidDate('2026-03-02')).toBe(true);
    expect(isValidDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-3-2', '0099-01-01', ''])
      expect(isValidDate(bad), bad).toBe(false);
    expect(weekdayOf('2026-03-02')).toBe(1); // Monday
    expect(weekdayOf('2026-03-08')).toBe(0); // Sunday
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('accepts IANA zone names the runtime knows', () => {
    expect(isValidTimeZone(SHANGHAI)).toBe(true);
    expect(isValidTimeZone(NEW_YORK)).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('a zone without daylight saving (Asia/Shanghai, UTC+8)', () => {
  it('maps wall clock to instants and back', () => {
    expect(offsetMinutes(Date.parse('2026-01-15T00:00:00Z'), SHANGHAI)).toBe(480);
    expect(offsetMinutes(Date.parse('2026-07-15T00:00:00Z'), SHANGHAI)).toBe(480);
    expect(iso(toInstant('2026-03-02', 510, SHANGHAI))).toBe('2026-03-02T00:30:00.000Z');
    expect(toLocal(new Date('2026-03-01T16:00:00Z'), SHANGHAI)).toEqual({
      date: '2026-03-02',
      minutes: 0,
    });
    expect(toLocal(new Date('2026-03-01T15:59:00Z'), SHANGHAI)).toEqual({
      date: '2026-03-01',
      minutes: 1439,
    });
    expect(todayIn(new Date('2026-03-01T17:00:00Z'), SHANGHAI)).toBe('2026-03-02');
  });

  it('a day runs from local midnight to local midnight (24 hours)', () => {
    const { start, end } = dayBounds('2026-03-02', SHANGHAI);
    expect(start.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });

  it('08:30–18:00 in 60-minute slots: 9 slots, the last ending by closing time', () => {
    const slots = slotsForDay('2026-03-02', everyDay('08:30', '18:00', 60), SHANGHAI);
    expect(slots).toHaveLength(9);
    expect(iso(slots[0]!.startsAt)).toBe('2026-03-02T00:30:00.000Z'); // 08:30
    expect(iso(slots[8]!.startsAt)).toBe('2026-03-02T08:30:00.000Z'); // 16:30
    expect(iso(slots[8]!.endsAt)).toBe('2026-03-02T09:30:00.000Z'); // 17:30
    expect(slots.every((s) => s.capacity === 3)).toBe(true);
    expect(slotsForDay('2026-03-02', everyDay('09:00', '10:00', 30), SHANGHAI)).toHaveLength(2);
  });

  it('a closed weekday or a weekday with no capacity has no slots', () => {
    const hours = everyDay('08:30', '18:00', 60);
    hours.delete(0); // closed on Sundays
    expect(slotsForDay('2026-03-08', hours, SHANGHAI)).toEqual([]);
    expect(slotsForDay('2026-03-02', everyDay('08:30', '18:00', 60, 0), SHANGHAI)).toEqual([]);
    // Shorter than one slot: nothing fits.
    expect(slotsForDay('2026-03-02', everyDay('08:30', '09:00', 60), SHANGHAI)).toEqual([]);
  });

  it('finds the slot that starts at an instant, and only a real slot start', () => {
    const hours = everyDay('08:30', '18:00', 60);
    const slot = slotStartingAt(new Date('2026-03-02T01:30:00Z'), hours, SHANGHAI);
    expect(iso(slot?.startsAt ?? null)).toBe('2026-03-02T01:30:00.000Z');
    expect(iso(slot?.endsAt ?? null)).toBe('2026-03-02T02:30:00.000Z');
    for (const notAStart of [
      '2026-03-02T01:00:00Z', // 09:00: inside the 08:30 slot
      '2026-03-02T01:30:30Z', // seconds past a start
      '2026-03-02T09:30:00Z', // 17:30: would end after closing
      '2026-03-02T00:00:00Z', // 08:00: before opening
      '2026-03-01T16:30:00Z', // 00:30 at night
    ])
      expect(slotStartingAt(new Date(notAStart), hours, SHANGHAI), notAStart).toBeNull();
    expect(slotStartingAt(new Date('nonsense'), hours, SHANGHAI)).toBeNull();
  });
});

describe('a zone with a half-hour offset (Asia/Kolkata, UTC+5:30)', () => {
  it('keeps the half hour', () => {
    expect(iso(toInstant('2026-03-02', 9 * 60, 'Asia/Kolkata'))).toBe('2026-03-02T03:30:00.000Z');
    expect(toLocal(new Date('2026-03-02T03:30:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2026-03-02',
      minutes: 540,
    });
  });
});

describe('a zone with daylight saving (America/New_York)', () => {
  it('uses UTC−5 in winter and UTC−4 in summer', () => {
    expect(iso(toInstant('2026-01-15', 8 * 60, NEW_YORK))).toBe('2026-01-15T13:00:00.000Z');
    expect(iso(toInstant('2026-07-15', 8 * 60, NEW_YORK))).toBe('2026-07-15T12:00:00.000Z');
    const winter = slotsForDay('2026-01-15', everyDay('08:00', '17:00', 60), NEW_YORK);
    const summer = slotsForDay('2026-07-15', everyDay('08:00', '17:00', 60), NEW_YORK);
    expect(winter).toHaveLength(9);
    expect(summer).toHaveLength(9);
    expect(iso(winter[0]!.startsAt)).toBe('2026-01-15T13:00:00.000Z');
    expect(iso(summer[0]!.startsAt)).toBe('2026-07-15T12:00:00.000Z');
  });

  it('spring forward (2026-03-08, 02:00 → 03:00): the skipped slots do not exist', () => {
    expect(toInstant('2026-03-08', 150, NEW_YORK)).toBeNull(); // 02:30 never happens
    expect(iso(toInstant('2026-03-08', 150, NEW_YORK, 'later'))).toBe('2026-03-08T07:30:00.000Z');
    const slots = slotsForDay('2026-03-08', everyDay('00:00', '06:00', 30), NEW_YORK);
    expect(slots).toHaveLength(10); // 12 wall-clock slots minus 02:00 and 02:30
    expect(starts(slots).slice(2, 5)).toEqual([
      '2026-03-08T06:00:00.000Z', // 01:00 EST
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
    ]);
    // A slot lasts its length in real time.
    expect(slots.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 30 * 60_000)).toBe(
      true,
    );
    const { start, end } = dayBounds('2026-03-08', NEW_YORK);
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  it('fall back (2026-11-01, 02:00 → 01:00): a repeated time is its first occurrence', () => {
    expect(iso(toInstant('2026-11-01', 90, NEW_YORK))).toBe('2026-11-01T05:30:00.000Z'); // EDT
    expect(toLocal(new Date('2026-11-01T06:30:00Z'), NEW_YORK)).toEqual({
      date: '2026-11-01',
      minutes: 90, // 01:30 EST, the second time round
    });
    const hours = everyDay('00:00', '06:00', 30);
    const slots = slotsForDay('2026-11-01', hours, NEW_YORK);
    expect(slots).toHaveLength(12);
    expect(new Set(starts(slots)).size).toBe(12);
    expect(starts(slots).slice(3, 5)).toEqual([
      '2026-11-01T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T07:00:00.000Z', // 02:00 EST
    ]);
    expect(slotStartingAt(new Date('2026-11-01T05:30:00Z'), hours, NEW_YORK)).not.toBeNull();
    expect(slotStartingAt(new Date('2026-11-01T06:30:00Z'), hours, NEW_YORK)).toBeNull();
    const { start, end } = dayBounds('2026-11-01', NEW_YORK);
    expect(start.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(25);
  });

  it('a day that starts after a jump at midnight (America/Santiago, 2026-09-06) starts at 01:00', () => {
    expect(toInstant('2026-09-06', 0, 'America/Santiago')).toBeNull();
    const { start } = dayBounds('2026-09-06', 'America/Santiago');
    expect(start.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(toLocal(start, 'America/Santiago')).toEqual({ date: '2026-09-06', minutes: 60 });
  });
});
