// The comparison period of a period (pure): the one just before it, or the same days a year
// earlier — always as long as the period (the server refuses another length).
import dayjs from 'dayjs';

export type CompareMode = 'none' | 'previous' | 'lastYear';

const days = (from: string, to: string) => dayjs(to).diff(dayjs(from), 'day') + 1;

export function comparePeriod(
  from: string,
  to: string,
  mode: CompareMode,
): { compareFrom?: string; compareTo?: string } {
  if (mode === 'none') return {};
  const n = days(from, to);
  const end = mode === 'previous' ? dayjs(from).subtract(1, 'day') : dayjs(to).subtract(364, 'day');
  return {
    compareFrom: end.subtract(n - 1, 'day').format('YYYY-MM-DD'),
    compareTo: end.format('YYYY-MM-DD'),
  };
}

/** The default period: from the first of the month eleven months ago to today. */
export function defaultPeriod(today: string): [string, string] {
  return [dayjs(today).subtract(11, 'month').startOf('month').format('YYYY-MM-DD'), today];
}
