// Vehicles: cars (VIN, plate, make/model), their odometer readings and who owns them.
export { createVehicle, getVehicle, listVehiclesOfCustomers } from './vehicles.service.ts';
export { VehicleSchema, VehicleBody, type VehicleDto } from './vehicles.schemas.ts';
export { vehicles, odometerReadings, FUEL_TYPES } from './vehicles.tables.ts';
export { vehicleRoutes } from './vehicles.routes.ts';
