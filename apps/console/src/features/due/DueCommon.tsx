// Shapes and small pieces shared by the due-list screens (到期项目): types from the generated
// OpenAPI document, the status tag and the role checks.
import { StatusTag } from '../../kit/index.ts';
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';

export type VehicleDue = Json<paths['/api/v1/staff/vehicles/{vehicleId}/due']['get']>;
export type DueItem = VehicleDue['items'][number];
export type DueList = Json<paths['/api/v1/staff/due']['get']>;
export type TenantDueItem = DueList['items'][number];
export type DueSettings = Json<paths['/api/v1/staff/due/settings']['get']>;
export type DueSettingsInput = Body<paths['/api/v1/staff/due/settings']['put']>;
export type CustomDueItemInput = Body<
  paths['/api/v1/staff/vehicles/{vehicleId}/due-items']['post']
>;
export type DueWindow = 'due' | 'today' | 'week' | 'overdue' | 'month';
export type DueKind = DueItem['kind'];
export const DUE_KINDS: DueKind[] = [
  'maintenance',
  'insurance',
  'inspection',
  'warranty',
  'recall',
  'custom',
];

const STATUS_COLOR: Record<DueItem['status'], string> = {
  overdue: 'red',
  due_soon: 'orange',
  ok: 'green',
};

export const DueStatusTag = ({ status }: { status: DueItem['status'] }) => (
  <StatusTag value={status} prefix="due.status" colors={STATUS_COLOR} testId="due-status" />
);

/** Front-desk roles enter recalls and reminders; owners and managers change intervals. */
export const canEditDueItems = (staff: StaffMe) =>
  staff.role === 'owner' || staff.role === 'manager' || staff.role === 'advisor';
export const canManageDue = (staff: StaffMe) => staff.role === 'owner' || staff.role === 'manager';
