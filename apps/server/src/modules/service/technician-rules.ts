// The rules of who does the work on a service order that need no database: who may be given it,
// when it may change, labour time on labour lines only, and whose minutes a line counts for.
import { AppError } from '../../kernel/errors.ts';
import { WORKSHOP_ROLES, type StaffRole } from '../../kernel/roles.ts';
import type { ServiceOrderStatus } from './service-order-rules.ts';

/**
 * Who does the work (the order's lead technician, a line's technician) and the labour time may
 * change while the order is open or completed (hours are often written up after the job), not
 * once it is paid, closed, cancelled or refunded: 409 TECHNICIAN_ASSIGNMENT_LOCKED.
 */
export function canAssignWork(status: ServiceOrderStatus): boolean {
  return status === 'open' || status === 'completed';
}

export function assertCanAssignWork(status: ServiceOrderStatus): void {
  if (!canAssignWork(status))
    throw new AppError('TECHNICIAN_ASSIGNMENT_LOCKED', { field: 'status', details: { status } });
}

/** What the rules need to know of a staff member proposed for the work. */
export interface TechnicianCandidate {
  role: StaffRole;
  active: boolean;
  /** The stores the person works in; null for every store (owners). */
  storeIds: readonly string[] | null;
}

/**
 * The person may do work at the order's store: an active staff member of the tenant (else 422
 * TECHNICIAN_NOT_FOUND), a technician, manager or owner (else TECHNICIAN_ROLE_INVALID), working
 * at that store (else TECHNICIAN_NOT_IN_STORE; owners work at every store).
 */
export function assertTechnician(
  candidate: TechnicianCandidate | undefined,
  storeId: string,
  field = 'technicianId',
): void {
  if (!candidate || !candidate.active) throw new AppError('TECHNICIAN_NOT_FOUND', { field });
  if (!WORKSHOP_ROLES.includes(candidate.role))
    throw new AppError('TECHNICIAN_ROLE_INVALID', { field, details: { role: candidate.role } });
  if (candidate.storeIds !== null && !candidate.storeIds.includes(storeId))
    throw new AppError('TECHNICIAN_NOT_IN_STORE', { field, details: { storeId } });
}

/** Labour time is recorded on labour lines only (a part has no hours): 422 otherwise. */
export function assertLabourMinutes(
  kind: 'labour' | 'part',
  labourMinutes: number | null | undefined,
): void {
  if (kind === 'part' && labourMinutes !== null && labourMinutes !== undefined)
    throw new AppError('LABOUR_MINUTES_NOT_LABOUR', { field: 'labourMinutes' });
}

/** Who did a line: its own technician, else the order's lead technician. */
export function lineTechnician(
  line: { technicianId: string | null },
  order: { technicianId: string | null },
): string | null {
  return line.technicianId ?? order.technicianId;
}

/** The labour minutes a technician is credited with: their lines' minutes (labour lines only). */
export function labourMinutesOf(
  technicianId: string,
  order: { technicianId: string | null },
  lines: readonly {
    kind: 'labour' | 'part';
    technicianId: string | null;
    labourMinutes: number | null;
  }[],
): number {
  let minutes = 0;
  for (const line of lines)
    if (line.kind === 'labour' && lineTechnician(line, order) === technicianId)
      minutes += line.labourMinutes ?? 0;
  return minutes;
}
