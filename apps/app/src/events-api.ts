// The events (活动) calls of the app and their types, taken from the server's OpenAPI document.
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';
import { dateOf, timeOf } from './booking-api.ts';

type Json<Op> = Op extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

export type AppEvent = Json<paths['/api/v1/app/activities/{eventId}']['get']>;
export type MySignup = NonNullable<AppEvent['mySignup']>;

export const eventsApi = {
  list: (): Promise<{ items: AppEvent[] }> => unwrap(client.GET('/api/v1/app/activities')),
  mine: (): Promise<{ items: AppEvent[] }> => unwrap(client.GET('/api/v1/app/me/activities')),
  one: (eventId: string): Promise<AppEvent> =>
    unwrap(client.GET('/api/v1/app/activities/{eventId}', { params: { path: { eventId } } })),
  signUp: (
    eventId: string,
    body: { partySize: number; vehicleId?: string | null; joinWaitlist: boolean },
  ): Promise<AppEvent> =>
    unwrap(
      client.POST('/api/v1/app/activities/{eventId}/signup', {
        params: { path: { eventId } },
        body,
      }),
    ),
  cancel: (eventId: string): Promise<AppEvent> =>
    unwrap(
      client.POST('/api/v1/app/activities/{eventId}/signup/cancel', {
        params: { path: { eventId } },
      }),
    ),
};

/** "12月12日 19:30" / "Dec 12, 19:30" in the business's timezone. */
export function eventTime(iso: string, lang: string, timeZone: string): string {
  const date = dateOf(iso, timeZone);
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  const time = timeOf(iso, timeZone);
  if (lang === 'en')
    return `${new Date(Date.UTC(2000, m - 1, d)).toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' })}, ${time}`;
  return `${m}月${d}日 ${time}`;
}
