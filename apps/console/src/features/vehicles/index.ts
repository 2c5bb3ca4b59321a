// Vehicles (车辆): a car's card on the customer page (details, due dates, mileage, transfer,
// history) and its form. Other parts of the console use only what this file exports.

export { VehicleCard } from './VehicleCard.tsx';
export { default as VehicleFormModal } from './VehicleFormModal.tsx';
export { RollbackAlert, rollbackOf } from './odometer.tsx';
export type { Rollback } from './odometer.tsx';
