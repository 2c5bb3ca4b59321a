// Shapes and choices of the customer profile: the merge answer, the languages and timezones
// the customer form offers.
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';

export type MergeResult = Json<paths['/api/v1/staff/customers/{customerId}/merge']['post']>;
export const CUSTOMER_LANGUAGES = ['zh-CN', 'en'] as const;

/** Timezones offered first in the customer form (the rest follow alphabetically). */
const COMMON_TIMEZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Singapore',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
];

export function timezoneOptions(): string[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    // Older browsers: the common list is enough.
  }
  return [...COMMON_TIMEZONES, ...all.filter((z) => !COMMON_TIMEZONES.includes(z))];
}
