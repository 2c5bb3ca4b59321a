// Shapes and helpers of a car's life (odometer readings, owners, due dates), taken from the
// generated OpenAPI types, and the signal that a car changed.
import { useEffect, useState } from 'react';
import dayjs from 'dayjs';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';

export type OdometerReading = Json<
  paths['/api/v1/staff/vehicles/{vehicleId}/odometer']['get']
>['items'][number];
export type Ownership = Json<
  paths['/api/v1/staff/vehicles/{vehicleId}/owners']['get']
>['items'][number];

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
