// Group deals' shapes (from the API contract), who may run them, and the words of progress.
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';

export type Deal = Json<paths['/api/v1/staff/deals']['get']>['items'][number];
export type DealDetail = Json<paths['/api/v1/staff/deals/{dealId}']['get']>;
export type Participation = DealDetail['participations'][number];
export type DealInput = Body<paths['/api/v1/staff/deals']['post']>;
export type DealStatus = Deal['status'];

export const STATUS_COLORS: Partial<Record<DealStatus, string>> = {
  draft: 'default',
  open: 'processing',
  settling: 'warning',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'default',
};
export const HOLD_COLORS: Partial<Record<Participation['status'], string>> = {
  holding: 'processing',
  captured: 'success',
  released: 'default',
  left: 'default',
};

/** Owner and manager run deals; the rest of the team reads them. */
export const canRunDeals = (staff: StaffMe): boolean =>
  staff.role === 'owner' || staff.role === 'manager';

/** Whole hours and days left until `deadline` (null once past). */
export function timeLeft(
  deadline: string,
  now = Date.now(),
): { days: number; hours: number } | null {
  const ms = Date.parse(deadline) - now;
  if (ms <= 0) return null;
  const hours = Math.floor(ms / 3_600_000);
  return { days: Math.floor(hours / 24), hours: hours % 24 };
}
