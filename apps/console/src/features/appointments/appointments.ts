// Appointment (预约) types of the console, from the server's OpenAPI document, and helpers to
// show slot times in the store's timezone.
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { useSession } from '../../api.ts';

export type Board = Json<paths['/api/v1/staff/appointments']['get']>;
export type BoardSlot = Board['slots'][number];
export type Appointment = Board['items'][number];
export type AppointmentStatus = Appointment['status'];
export type Availability = Json<paths['/api/v1/staff/availability']['get']>;
export type AvailableSlot = Availability['days'][number]['slots'][number];
export type OpeningHours = Json<paths['/api/v1/staff/stores/{storeId}/opening-hours']['get']>;
export type OpeningDay = OpeningHours['days'][number];

export const APPOINTMENT_STATUS_COLOR: Record<AppointmentStatus, string> = {
  booked: 'processing',
  confirmed: 'blue',
  checked_in: 'success',
  completed: 'default',
  cancelled: 'default',
  no_show: 'error',
};

/** Which staff actions each status allows (the server enforces the same rules). */
export const ACTIONS_FROM: Record<
  'confirm' | 'checkIn' | 'noShow' | 'cancel' | 'reschedule',
  readonly AppointmentStatus[]
> = {
  confirm: ['booked'],
  checkIn: ['booked', 'confirmed'],
  noShow: ['booked', 'confirmed'],
  cancel: ['booked', 'confirmed'],
  reschedule: ['booked', 'confirmed'],
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "09:30" of an instant in a timezone. */
export function timeIn(iso: string, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    }
    formatters.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

/** Today's date (YYYY-MM-DD) in a timezone. */
export function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  } catch {
    return new Intl.DateTimeFormat('en-CA').format(new Date());
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in a timezone. */
export function dateIn(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en-CA').format(new Date(iso));
  }
}

/** Staff who may book, move and cancel. */
export const canBook = (role: string) =>
  role === 'owner' || role === 'manager' || role === 'advisor';
/** Staff who may change opening hours. */
export const canEditHours = (role: string) => role === 'owner' || role === 'manager';

/**
 * The store a page works on: the one chosen in the header. A link may name another store
 * (`?storeId=`): it becomes the header's choice, so the two never disagree.
 */
export function usePageStore(): string | undefined {
  const { staff, store, setStoreId } = useSession();
  const [params, setParams] = useSearchParams();
  const linked = params.get('storeId');
  useEffect(() => {
    if (!linked) return;
    setStoreId(linked);
    const next = new URLSearchParams(params);
    next.delete('storeId');
    setParams(next, { replace: true });
  }, [linked, params, setParams, setStoreId]);
  const known = linked && staff?.stores.some((s) => s.id === linked) ? linked : undefined;
  return known ?? store?.id ?? staff?.stores[0]?.id;
}
