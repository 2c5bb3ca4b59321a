// The workbench's shapes (from the API contract) and who has one.
import type { paths } from '@liuke/api-client';
import type { Json, Role } from '../../types.ts';

export type Workbench = Json<paths['/api/v1/staff/workbench']['get']>;
export type WorkbenchBooking = Workbench['bookings'][number]['items'][number];
export type WorkbenchOrder = Workbench['orders']['open'][number];
export type WorkbenchCall = Workbench['dueCalls'][number];

/** The front desk has a workbench: owner, manager, advisor. */
export const hasWorkbench = (role: Role): boolean =>
  role === 'owner' || role === 'manager' || role === 'advisor';

/** How often the page reloads itself. */
export const REFRESH_MS = 60_000;

/** Today's bookings as table rows, with how many rows each hour spans (its first row only). */
export function bookingRows(hours: Workbench['bookings']) {
  return hours.flatMap((h) =>
    h.items.map((b, i) => ({ ...b, hourSpan: i === 0 ? h.items.length : 0 })),
  );
}
export type BookingRow = ReturnType<typeof bookingRows>[number];
