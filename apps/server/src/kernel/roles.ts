// Staff roles: the HTTP layer checks them on every route, identity stores them on accounts.

export const STAFF_ROLES = ['owner', 'manager', 'advisor', 'technician', 'partner'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** The roles the owner gives in the console (partner accounts belong to their partner). */
export const TEAM_ROLES = ['owner', 'manager', 'advisor', 'technician'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Who runs marketing: segments and campaigns. */
export const MARKETING_ROLES: readonly StaffRole[] = ['owner', 'manager'];

/** Who runs the front desk: opens orders, prices them, takes payment. */
export const DESK_ROLES: readonly StaffRole[] = ['owner', 'manager', 'advisor'];

/**
 * Who may be given the work on a service order (lead technician, a line's technician): the
 * technicians, and the owner and managers — in a small shop the owner turns spanners too.
 * Advisors sell the work but do not do it.
 */
export const WORKSHOP_ROLES: readonly StaffRole[] = ['owner', 'manager', 'technician'];

/** Who reads any technician's jobs and hours (a technician reads only their own). */
export const WORKSHOP_LEAD_ROLES: readonly StaffRole[] = ['owner', 'manager'];
