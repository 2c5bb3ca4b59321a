// The booking (预约) calls of the app and their types, taken from the server's OpenAPI document.
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';

type Json<Op> = Op extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } }
  ? B
  : never;

export type AppStores = Json<paths['/api/v1/app/stores']['get']>;
export type AppStore = AppStores['items'][number];
export type Availability = Json<paths['/api/v1/app/availability']['get']>;
export type AvailableDay = Availability['days'][number];
export type AvailableSlot = AvailableDay['slots'][number];
export type MyAppointment = Json<paths['/api/v1/app/me/appointments/{id}']['get']>;
export type AppointmentStatus = MyAppointment['status'];
export type BookingInput = Body<paths['/api/v1/app/appointments']['post']>;

export const bookingApi = {
  stores: (): Promise<AppStores> => unwrap(client.GET('/api/v1/app/stores')),
  availability: (storeId: string, days = 14): Promise<Availability> =>
    unwrap(client.GET('/api/v1/app/availability', { params: { query: { storeId, days } } })),
  book: (input: BookingInput): Promise<MyAppointment> =>
    unwrap(client.POST('/api/v1/app/appointments', { body: input })),
  mine: (): Promise<{ items: MyAppointment[] }> =>
    unwrap(client.GET('/api/v1/app/me/appointments')),
  one: (id: string): Promise<MyAppointment> =>
    unwrap(client.GET('/api/v1/app/me/appointments/{id}', { params: { path: { id } } })),
  cancel: (id: string): Promise<MyAppointment> =>
    unwrap(
      client.POST('/api/v1/app/me/appointments/{id}/cancel', {
        params: { path: { id } },
        body: {},
      }),
    ),
};

/** The .ics download of a booking (a plain link: the session cookie goes with it). */
export const icsUrl = (id: string) => `/api/v1/app/me/appointments/${encodeURIComponent(id)}/ics`;

/** Upcoming bookings that still hold a place, soonest first. */
export function upcoming(items: MyAppointment[], now = Date.now()): MyAppointment[] {
  return items
    .filter(
      (a) => (a.status === 'booked' || a.status === 'confirmed') && Date.parse(a.endsAt) > now,
    )
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

// ---- showing times in the store's timezone ----

const formatters = new Map<string, Intl.DateTimeFormat>();
function parts(iso: string, timeZone: string | undefined): Record<string, string> {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        weekday: 'short',
      });
    } catch {
      f = new Intl.DateTimeFormat('en-US', {
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        weekday: 'short',
      });
    }
    formatters.set(key, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(iso))) out[p.type] = p.value;
  return out;
}

/** "09:30" in the store's timezone. */
export function timeOf(iso: string, timeZone?: string): string {
  const p = parts(iso, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** The calendar date "2026-03-03" of an instant in the store's timezone. */
export function dateOf(iso: string, timeZone?: string): string {
  const p = parts(iso, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 of a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
}
