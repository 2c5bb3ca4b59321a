// Automation: what each car needs next — mileage prediction, the materialised
// due-list (set-based SQL per tenant, incremental per car on events) and its staff/app views.
export {
  dueItemsForTenant,
  dueItemsForVehicles,
  countDueItems,
  dueStatus,
  ensureVehicleDueFresh,
  localDate,
  recomputeVehicleDue,
  refreshTenantDue,
  vehicleDue,
  createCustomDueItem,
  updateCustomDueItem,
  type DueStatus,
} from './due.service.ts';
export { nextDueItem, type NextDueItem } from './next-due.ts';
export {
  DUE_JOBS,
  DUE_VEHICLE_EVENTS,
  nightlyDueRefresh,
  registerDueEventHandlers,
} from './due.jobs.ts';
export { DUE_WINDOWS } from './due.schemas.ts';
export {
  DueItemSchema,
  TenantDueItemSchema,
  VehicleDueSchema,
  type DueItemDto,
  type TenantDueItemDto,
  type VehicleDueDto,
} from './due.schemas.ts';
export {
  estimateDailyKm,
  predictOdometer,
  dateAtMileage,
  DEFAULT_DAILY_KM,
  type MileageEstimate,
} from './prediction.ts';
export { BUILT_IN_INTERVALS } from './intervals.ts';
export { demoInsuranceExpiry, demoNextInspection } from './demo-dates.ts';
export {
  dueCustomItems,
  dueFleetStats,
  dueIntervals,
  dueSettings,
  vehicleDueItems,
  vehicleMileageEstimates,
} from './automation.tables.ts';
