// Shapes of the call list (电话清单) from the generated OpenAPI document, and who may act.
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';

export type CallList = Json<paths['/api/v1/staff/call-list']['get']>;
export type CallRow = CallList['items'][number];
export type CallStatus = CallRow['status'];
export type CallFilter = 'open' | 'all' | CallStatus;
export type CallOutcome = NonNullable<NonNullable<CallRow['lastContact']>['outcome']>;

export const CALL_FILTERS: CallFilter[] = [
  'open',
  'to_call',
  'will_book',
  'booked',
  'snoozed',
  'not_interested',
  'all',
];
export const CALL_OUTCOMES: CallOutcome[] = [
  'reached_will_book',
  'reached_not_now',
  'no_answer',
  'wrong_number',
  'other',
];

/** The front desk calls, sends, books and snoozes; technicians only read. */
export const canCall = (role: string) =>
  role === 'owner' || role === 'manager' || role === 'advisor';
