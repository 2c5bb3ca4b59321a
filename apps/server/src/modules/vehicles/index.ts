// Vehicles: cars (VIN, plate, make/model, insurance, inspection), their odometer readings and
// who owned them when. Other modules record mileage through `recordOdometer`.
export {
  createVehicle,
  getVehicle,
  listVehiclesOfCustomers,
  updateVehicle,
} from './vehicles.service.ts';
export {
  recordOdometer,
  lastReading,
  transferVehicle,
  ROLLBACK_TOLERANCE_KM,
} from './ownership.ts';
export {
  VehicleSchema,
  VehicleBody,
  type VehicleDto,
  type VehicleInput,
} from './vehicles.schemas.ts';
export { vehicles, odometerReadings, vehicleOwnerships, FUEL_TYPES } from './vehicles.tables.ts';
export { vehicleDataOf, anonymiseVehicles } from './privacy.ts';
export { insertReadingHistory, insertVehicleHistory } from './history.ts';
export {
  announceVehicleHistory,
  assertNotFuture,
  pastDay,
  recordPastReading,
} from './past-readings.ts';
export {
  saveImportedVehicles,
  saveImportedReadings,
  IMPORTED_VEHICLE_FIELDS,
  type ImportedVehicle,
  type ImportedReading,
} from './bulk-import.ts';
