// Complaint tickets and survey results as the API gives them, who may do what, and the SLA
// timer's arithmetic (the business minutes left, counting down while the store is open).
import type { paths } from '@liuke/api-client';
import type { Json, StaffMe } from '../../types.ts';

export type Complaint = Json<paths['/api/v1/staff/complaints']['get']>['items'][number];
export type ComplaintDetail = Json<paths['/api/v1/staff/complaints/{ticketId}']['get']>;
export type TimelineEntry = ComplaintDetail['timeline'][number];
export type ComplaintStatus = Complaint['status'];
export type Sla = Complaint['sla'];
export type SlaClock = Sla['firstResponse'];
export type MetricsRow = Json<paths['/api/v1/staff/surveys/metrics']['get']>['items'][number];
export type SurveyResponse = Json<paths['/api/v1/staff/surveys/responses']['get']>['items'][number];
export type FeedbackSettings = Json<paths['/api/v1/staff/feedback/settings']['get']>;
export type SlaPolicy = Json<paths['/api/v1/staff/feedback/sla-policies']['get']>['items'][number];
export type Holiday = Json<paths['/api/v1/staff/feedback/holidays']['get']>['items'][number];

export const STATUSES: ComplaintStatus[] = [
  'open',
  'in_progress',
  'waiting_parts',
  'waiting_owner',
  'resolved',
  'closed',
];
export const STATUS_COLORS: Partial<Record<ComplaintStatus, string>> = {
  open: 'error',
  in_progress: 'processing',
  waiting_parts: 'warning',
  waiting_owner: 'warning',
  resolved: 'success',
  closed: 'default',
};
export const SEVERITY_COLORS: Record<string, string> = {
  high: 'red',
  medium: 'orange',
  low: 'blue',
};

export type Action =
  'start' | 'wait_parts' | 'wait_owner' | 'resume' | 'resolve' | 'close' | 'reopen';
/** The moves offered from each status (the server has the final word). */
export const ACTIONS: Record<ComplaintStatus, Action[]> = {
  open: ['start'],
  in_progress: ['wait_parts', 'wait_owner', 'resolve'],
  waiting_parts: ['resume', 'wait_owner', 'resolve'],
  waiting_owner: ['resume', 'wait_parts', 'resolve'],
  resolved: ['close', 'reopen'],
  closed: [],
};

export const canHandle = (staff: StaffMe) =>
  staff.role === 'owner' || staff.role === 'manager' || staff.role === 'advisor';
export const canConfigure = (staff: StaffMe) => staff.role === 'owner' || staff.role === 'manager';

/**
 * The business minutes left on a clock at `now`: what the server said at `asOf`, less the time
 * since while the store was open (until `runningUntil`); a paused clock does not move.
 */
export function minutesLeft(sla: Sla, clock: SlaClock, now: number): number | null {
  if (clock.remainingMinutes === null) return null;
  if (sla.paused || !sla.runningUntil) return clock.remainingMinutes;
  const ran = Math.max(0, Math.min(now, Date.parse(sla.runningUntil)) - Date.parse(sla.asOf));
  return clock.remainingMinutes - ran / 60_000;
}

/** 2 h 05 m / -0 h 12 m; seconds shown under an hour so the countdown visibly runs. */
export function formatLeft(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.abs(minutes) * 60;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.floor(total % 60);
  return h > 0
    ? `${sign}${h}h ${String(m).padStart(2, '0')}m`
    : `${sign}${m}m ${String(s).padStart(2, '0')}s`;
}
