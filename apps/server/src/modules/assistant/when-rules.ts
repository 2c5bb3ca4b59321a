// Dates and times as an owner writes them ("明天上午", "下周三3点", "12月10日 14:30", "next
// monday 10am"), read against today's date in the shop's time zone. Pure: the caller passes the
// local date; the answer is a calendar date and a wall-clock time, never an instant.

/** Minutes after midnight, or a part of the day when no hour was given. */
export type When = {
  date: string | null;
  /** An exact time (minutes after midnight), or null. */
  minutes: number | null;
  /** A part of the day ("上午"), when no exact time was given. */
  part: DayPart | null;
};
export type DayPart = 'morning' | 'noon' | 'afternoon' | 'evening';

/** Where each part of the day starts and ends (minutes), to pick or filter slots. */
export const DAY_PARTS: Record<DayPart, { from: number; to: number }> = {
  morning: { from: 0, to: 12 * 60 },
  noon: { from: 11 * 60, to: 14 * 60 },
  afternoon: { from: 12 * 60, to: 18 * 60 },
  evening: { from: 17 * 60, to: 24 * 60 },
};

const DAY_MS = 86_400_000;

function parseDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}
function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date) + days * DAY_MS);
}
/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: string): number {
  const d = new Date(parseDate(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** "3", "十二", "二十三" → the number; null when it is not one. */
export function cnNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || ![...s].every((ch) => ch in CN_DIGITS)) return null;
  if (s.length === 1) return CN_DIGITS[s]!;
  const ten = s.indexOf('十');
  if (ten < 0) return null;
  const tens = ten === 0 ? 1 : CN_DIGITS[s[ten - 1]!]!;
  const ones = ten === s.length - 1 ? 0 : CN_DIGITS[s[ten + 1]!]!;
  return tens * 10 + ones;
}

const CN_WEEKDAY: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};
const EN_WEEKDAY: Record<string, number> = {
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};
const EN_MONTH = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];

/** The next date (today included) falling on `weekday`; with `nextWeek`, that day of next week. */
function weekdayDate(today: string, weekday: number, scope: 'coming' | 'this' | 'next'): string {
  const w = isoWeekday(today);
  if (scope === 'next') return addDays(today, 7 - w + weekday);
  if (scope === 'this') return addDays(today, weekday - w);
  return addDays(today, (weekday - w + 7) % 7);
}

/** A month and day without a year: this year's, or next year's when it has passed. */
function monthDay(today: string, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  let year = Number(today.slice(0, 4));
  const make = (y: number) =>
    `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (formatDate(parseDate(make(year))) !== make(year)) return null; // 2月30日
  if (make(year) < today) year += 1;
  const d = make(year);
  return formatDate(parseDate(d)) === d ? d : null;
}

const NUM = '(\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})';

function relativeDate(text: string, today: string): string | null {
  if (/大后天/.test(text)) return addDays(today, 3);
  if (/后天|day after tomorrow/i.test(text)) return addDays(today, 2);
  if (/明天|明日|明早|tomorrow/i.test(text)) return addDays(today, 1);
  if (/今天|今日|今早|今晚|today|tonight/i.test(text)) return today;
  return null;
}

function weekdayIn(text: string, today: string): string | null {
  const cn = /(下下|下|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])/.exec(text);
  if (cn) {
    const scope = cn[1] === '下' ? 'next' : cn[1] === '这' || cn[1] === '本' ? 'this' : 'coming';
    const d = weekdayDate(today, CN_WEEKDAY[cn[2]!]!, scope);
    return cn[1] === '下下' ? addDays(weekdayDate(today, CN_WEEKDAY[cn[2]!]!, 'next'), 7) : d;
  }
  const en = /\b(next|this)?\s*(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/i.exec(text);
  if (en) {
    const scope = en[1]?.toLowerCase() === 'next' ? 'next' : 'coming';
    return weekdayDate(today, EN_WEEKDAY[en[2]!.toLowerCase()]!, scope);
  }
  return null;
}

function calendarDate(text: string, today: string): string | null {
  const cn = new RegExp(`${NUM}月${NUM}[日号]?`).exec(text);
  if (cn) return monthDay(today, cnNumber(cn[1]!) ?? 0, cnNumber(cn[2]!) ?? 0);
  const en =
    /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b/i.exec(
      text,
    );
  if (en) return monthDay(today, EN_MONTH.indexOf(en[1]!.toLowerCase()) + 1, Number(en[2]));
  const slash = /(?<![\d:])(\d{1,2})[/.](\d{1,2})(?![\d:])/.exec(text);
  if (slash) return monthDay(today, Number(slash[1]), Number(slash[2]));
  const dayOnly = new RegExp(`(?<![月\\d])${NUM}[号日](?!元)`).exec(text);
  if (dayOnly) {
    const day = cnNumber(dayOnly[1]!) ?? 0;
    const month = Number(today.slice(5, 7));
    const here = monthDay(today, month, day);
    if (here && here.slice(0, 7) === today.slice(0, 7)) return here;
    return monthDay(today, (month % 12) + 1, day);
  }
  return null;
}

/** The date the text names, or null. */
export function parseDateIn(text: string, today: string): string | null {
  return relativeDate(text, today) ?? weekdayIn(text, today) ?? calendarDate(text, today);
}

function dayPartOf(text: string): DayPart | null {
  if (/上午|早上|早晨|明早|今早|morning/i.test(text)) return 'morning';
  if (/中午|noon|lunch/i.test(text)) return 'noon';
  if (/下午|afternoon/i.test(text)) return 'afternoon';
  if (/晚上|傍晚|今晚|evening|tonight/i.test(text)) return 'evening';
  return null;
}

function clockTime(text: string, part: DayPart | null): number | null {
  const hm = /(?<![\d/])(\d{1,2})[:：](\d{2})(?:\s*(am|pm))?/i.exec(text);
  const cn = new RegExp(`${NUM}\\s*[点點时](半|一刻|三刻|(\\d{1,2})分?)?`).exec(text);
  const en = /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)/i.exec(text);
  let hour: number | null = null;
  let minute = 0;
  let meridiem: string | null = null;
  if (hm) {
    hour = Number(hm[1]);
    minute = Number(hm[2]);
    meridiem = hm[3]?.toLowerCase() ?? null;
  } else if (en) {
    hour = Number(en[1]);
    minute = en[2] ? Number(en[2]) : 0;
    meridiem = en[3]!.toLowerCase().startsWith('p') ? 'pm' : 'am';
  } else if (cn) {
    hour = cnNumber(cn[1]!);
    const rest = cn[2];
    minute =
      rest === '半' ? 30 : rest === '一刻' ? 15 : rest === '三刻' ? 45 : cn[3] ? Number(cn[3]) : 0;
  }
  if (hour === null || hour > 23 || minute > 59) return null;
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  if (!meridiem && hour < 12) {
    // "下午3点", or a bare "3点": a workshop is not open at three in the night.
    if (part === 'afternoon' || part === 'evening' || (!part && hour < 7)) hour += 12;
    else if (part === 'noon' && hour < 3) hour += 12;
  }
  return hour * 60 + minute;
}

/** The date and time the text names (each null when absent), read against today's date. */
export function parseWhen(text: string, today: string): When {
  const part = dayPartOf(text);
  return { date: parseDateIn(text, today), minutes: clockTime(text, part), part };
}

/** "12月10日 周四" for a date; the weekday in the owner's language. */
export function describeDate(date: string, lang: 'zh-CN' | 'en'): string {
  const w = isoWeekday(date);
  const [, m, d] = date.split('-').map(Number);
  if (lang === 'en') {
    const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    const months = [
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ];
    return `${names[w - 1]} ${months[m! - 1]} ${d}`;
  }
  return `${m}月${d}日 周${'一二三四五六日'[w - 1]}`;
}

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
