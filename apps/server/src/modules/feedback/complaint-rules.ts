// The complaint ticket's status machine and the rules around it (pure): which moves exist, which
// statuses pause the SLA clocks, the reopen window, and what a survey answer means.
import { AppError } from '../../kernel/errors.ts';
import type { ComplaintStatus, Severity } from './feedback.tables.ts';

export const COMPLAINT_ACTIONS = [
  'start',
  'wait_parts',
  'wait_owner',
  'resume',
  'resolve',
  'close',
  'reopen',
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/** action → (from → to). Reopening is the owner's (within the window) or staff's. */
export const MOVES: Record<ComplaintAction, Partial<Record<ComplaintStatus, ComplaintStatus>>> = {
  start: { open: 'in_progress' },
  wait_parts: { in_progress: 'waiting_parts', waiting_owner: 'waiting_parts' },
  wait_owner: { in_progress: 'waiting_owner', waiting_parts: 'waiting_owner' },
  resume: { waiting_parts: 'in_progress', waiting_owner: 'in_progress' },
  resolve: { in_progress: 'resolved', waiting_parts: 'resolved', waiting_owner: 'resolved' },
  close: { resolved: 'closed' },
  reopen: { resolved: 'open' },
};

export const PAUSED_STATUSES: readonly ComplaintStatus[] = ['waiting_parts', 'waiting_owner'];
export const DONE_STATUSES: readonly ComplaintStatus[] = ['resolved', 'closed'];

export const isPaused = (s: ComplaintStatus) => PAUSED_STATUSES.includes(s);
export const isDone = (s: ComplaintStatus) => DONE_STATUSES.includes(s);

/** The status an action leads to, or 409 COMPLAINT_STATUS_INVALID. */
export function nextStatus(from: ComplaintStatus, action: ComplaintAction): ComplaintStatus {
  const to = MOVES[action][from];
  if (!to)
    throw new AppError('COMPLAINT_STATUS_INVALID', {
      field: 'action',
      details: { status: from, action },
    });
  return to;
}

/** The owner reopens a resolved ticket within `reopenDays` of its resolution. */
export function assertCanReopen(
  ticket: { status: ComplaintStatus; resolvedAt: Date | null },
  now: Date,
  reopenDays: number,
): void {
  if (ticket.status !== 'resolved')
    throw new AppError('COMPLAINT_STATUS_INVALID', {
      field: 'action',
      details: { status: ticket.status, action: 'reopen' },
    });
  const limit = (ticket.resolvedAt?.getTime() ?? 0) + reopenDays * 24 * 60 * 60 * 1000;
  if (now.getTime() > limit)
    throw new AppError('COMPLAINT_REOPEN_EXPIRED', { details: { reopenDays } });
}

/** A reply to the owner is possible until the ticket is closed. */
export function assertCanReply(status: ComplaintStatus): void {
  if (status === 'closed') throw new AppError('COMPLAINT_CLOSED');
}

export type NpsClass = 'promoter' | 'passive' | 'detractor';
export const npsClass = (score: number): NpsClass =>
  score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';

/** NPS = % promoters − % detractors, rounded; null without answers. */
export function npsOf(c: { promoters: number; passives: number; detractors: number }) {
  const n = c.promoters + c.passives + c.detractors;
  return n === 0 ? null : Math.round(((c.promoters - c.detractors) * 100) / n);
}

/** A detractor score or two stars or fewer raises the early warning. */
export const isWarning = (a: { nps: number | null; stars: number | null }) =>
  (a.nps !== null && a.nps <= 6) || (a.stars !== null && a.stars <= 2);

/** The severity of a ticket opened from a bad survey answer. */
export const surveySeverity = (a: { nps: number | null; stars: number | null }): Severity =>
  (a.nps !== null && a.nps <= 3) || a.stars === 1 ? 'high' : 'medium';

export const DEFAULT_CATEGORIES = ['服务态度', '维修质量', '价格', '等待时间', '配件', '其他'];

/** Default SLA targets (business minutes) when a tenant has not set its own. */
export const DEFAULT_SLA: Record<
  Severity,
  { firstResponseMinutes: number; resolutionMinutes: number }
> = {
  high: { firstResponseMinutes: 30, resolutionMinutes: 480 },
  medium: { firstResponseMinutes: 120, resolutionMinutes: 1440 },
  low: { firstResponseMinutes: 240, resolutionMinutes: 2880 },
};

/** The ticket number: TS-YYYYMMDD-NNNN. */
export const ticketNumber = (localDate: string, seq: number) =>
  `TS-${localDate.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`;
