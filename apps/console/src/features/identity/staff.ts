// Shapes and role checks of the team page (员工管理).
import type { paths } from '@liuke/api-client';
import type { Json, StaffMe } from '../../types.ts';

export type StaffMember = Json<paths['/api/v1/staff/staff-members']['get']>['items'][number];
export type TeamRole = StaffMember['role'];
export const TEAM_ROLES: readonly TeamRole[] = ['owner', 'manager', 'advisor', 'technician'];

export const canManageStaff = (staff: StaffMe) => staff.role === 'owner';
