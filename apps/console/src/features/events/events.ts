// The events' shapes (from the API contract) and who may keep them.
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';

export type EventItem = Json<paths['/api/v1/staff/activities']['get']>['items'][number];
export type EventKind = EventItem['kind'];
export type EventInput = Body<paths['/api/v1/staff/activities']['post']>;
export type Signup = Json<
  paths['/api/v1/staff/activities/{eventId}/signups']['get']
>['items'][number];
export type CheckInResult = Json<paths['/api/v1/staff/activities/{eventId}/check-in']['post']>;
export const EVENT_KINDS = [
  'trip',
  'workshop',
  'test_drive',
  'meetup',
] as const satisfies readonly EventKind[];

export const STATUS_COLORS = { draft: 'default', published: 'green', cancelled: 'red' } as const;
export const SIGNUP_COLORS = {
  confirmed: 'blue',
  waitlisted: 'gold',
  cancelled: 'default',
} as const;

/** Owner and manager keep events; the whole team reads them and checks people in. */
export function canKeepEvents(staff: StaffMe): boolean {
  return staff.role === 'owner' || staff.role === 'manager';
}
