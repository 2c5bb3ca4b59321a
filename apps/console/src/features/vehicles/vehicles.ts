// Shapes and helpers of the customer profile depth (consents, merge) and a car's life
// (odometer readings, owners), taken from the generated OpenAPI types.
import { useEffect, useState } from 'react';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { paths } from '@liuke/api-client';
import type { Customer } from '../../types.ts';

type Ok<Op> = Op extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

export type ConsentState = Customer['consents'][number];
export type Channel = ConsentState['channel'];
export type Purpose = ConsentState['purpose'];
export type ConsentRecord = Ok<
  paths['/api/v1/staff/customers/{customerId}/consents']['get']
>['items'][number];
export type MergeResult = Ok<paths['/api/v1/staff/customers/{customerId}/merge']['post']>;
export type OdometerReading = Ok<
  paths['/api/v1/staff/vehicles/{vehicleId}/odometer']['get']
>['items'][number];
export type Ownership = Ok<
  paths['/api/v1/staff/vehicles/{vehicleId}/owners']['get']
>['items'][number];

export const CHANNELS = [
  'sms',
  'inapp',
  'webpush',
  'wechat',
  'email',
] as const satisfies readonly Channel[];
export const PURPOSES = ['service', 'marketing'] as const satisfies readonly Purpose[];
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

/**
 * Props for a Form.Item holding a DatePicker while the form value stays a "YYYY-MM-DD"
 * string (or '' when cleared), as the API takes it.
 */
export const dateItemProps = {
  getValueProps: (value: string | null | undefined) => ({
    value: value ? dayjs(value) : null,
  }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : ''),
};

/** Days from today (the browser's calendar day) to a YYYY-MM-DD date; negative when past. */
export function daysUntil(date: string | null | undefined): number | null {
  if (!date) return null;
  const d = dayjs(date);
  if (!d.isValid()) return null;
  return d.startOf('day').diff(dayjs().startOf('day'), 'day');
}

// ---- "this car changed" signal, so the histories reload after an action elsewhere ----

const listeners = new Map<string, Set<() => void>>();

export function notifyVehicleChanged(vehicleId: string): void {
  for (const listener of listeners.get(vehicleId) ?? []) listener();
}

/** A counter that goes up each time `notifyVehicleChanged(vehicleId)` is called. */
export function useVehicleVersion(vehicleId: string): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    let set = listeners.get(vehicleId);
    if (!set) listeners.set(vehicleId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }, [vehicleId]);
  return version;
}
