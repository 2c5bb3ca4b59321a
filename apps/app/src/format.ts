// Display helpers: money from integer fen, dates, phones and plates.

/** ¥1,234.50 from 123450 fen. Integer arithmetic only, no floating-point rounding. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${grouped}.${String(cents).padStart(2, '0')}`;
}

/** An amount in its currency: ¥ for CNY, else the locale's form (Stripe's minor unit, as fen). */
export const formatMoney = (minor: number, currency: string, locale: string) =>
  currency === 'CNY'
    ? formatFen(minor)
    : new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);

function isEnglish(lang: string): boolean {
  return lang.toLowerCase().startsWith('en');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

const EN_MONTHS = [
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

function formatYmd(y: number, m: number, d: number, lang: string): string {
  if (isEnglish(lang)) return `${EN_MONTHS[m - 1] ?? m} ${d}, ${y}`;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Formats a calendar date ("2025-03-05") or an instant ("2025-03-05T02:00:00Z").
 * Calendar dates are shown as they are (no timezone shift); instants in the
 * phone's local time.
 */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    return formatYmd(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]), lang);
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return formatYmd(d.getFullYear(), d.getMonth() + 1, d.getDate(), lang);
}

/** "35,200 km" (with a no-break space) */
export function formatKm(km: number | null | undefined): string {
  if (km === null || km === undefined) return '';
  return `${String(Math.round(km)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}\u00a0km`;
}

/** National number from E.164: "+8613812345678" → "13812345678". Other countries keep their "+". */
export function nationalPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  if (phone.startsWith('+86')) return phone.slice(3);
  return phone;
}

/** "+8613812345678" → "138****5678" (also accepts an already-masked or national number). */
export function maskPhone(phone: string | null | undefined): string {
  const national = nationalPhone(phone);
  if (!national) return '';
  if (national.includes('*')) return national;
  if (/^1\d{10}$/.test(national)) return `${national.slice(0, 3)}****${national.slice(7)}`;
  if (national.length < 8) return national;
  return `${national.slice(0, 3)}****${national.slice(-4)}`;
}

/** "+8613812345678" → "138 1234 5678" for the owner's own number. */
export function formatPhone(phone: string | null | undefined): string {
  const national = nationalPhone(phone);
  if (/^1\d{10}$/.test(national)) {
    return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  }
  return national;
}

/** Mainland mobile number typed by the user → 11 digits, or null when it is not one. */
export function normaliseMobileInput(input: string): string | null {
  let digits = input.replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export type PlateColour = 'blue' | 'green' | 'plain';

/**
 * Chinese plate colour: 7 characters (京A12345) is a blue fuel-car plate,
 * 8 characters (京AD12345) a green new-energy plate.
 */
export function plateColour(plate: string | null | undefined): PlateColour {
  const chars = Array.from((plate ?? '').replace(/[\s·•.-]/g, ''));
  if (chars.length === 8) return 'green';
  if (chars.length === 7) return 'blue';
  return 'plain';
}

/** Splits a plate into the province + city part and the serial ("京A", "12345"). */
export function splitPlate(plate: string): [string, string] {
  const chars = Array.from(plate.replace(/[\s·•.-]/g, ''));
  if (chars.length >= 7 && /[\u4e00-\u9fff]/.test(chars[0] ?? '')) {
    return [chars.slice(0, 2).join(''), chars.slice(2).join('')];
  }
  return ['', chars.join('')];
}
