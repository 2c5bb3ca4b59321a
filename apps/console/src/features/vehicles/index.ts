// Vehicles (车辆): a car's form, actions (mileage, transfer) and history, due-date tags.
// Other parts of the console use only what this file exports.

export { default as DueDate } from './DueDate.tsx';
export { default as VehicleActions } from './VehicleActions.tsx';
export { default as VehicleFormModal } from './VehicleFormModal.tsx';
export { default as VehicleHistory } from './VehicleHistory.tsx';
