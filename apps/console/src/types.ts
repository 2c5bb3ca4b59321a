// Shapes of the API resources the console shows, taken from the OpenAPI types generated
// into @liuke/api-client (so they follow the server's contract exactly).
import type { paths } from '@liuke/api-client';

export type Json<Op> = Op extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;
export type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } }
  ? B
  : never;

export type AppConfig = Json<paths['/api/v1/public/app-config']['get']>;
export type StaffMe = Json<paths['/api/v1/staff/me']['get']>['staff'];
export type Store = StaffMe['stores'][number];
export type Role = StaffMe['role'];

export type CustomerSummary = Json<paths['/api/v1/staff/customers']['get']>['items'][number];
export type Customer = Json<paths['/api/v1/staff/customers/{customerId}']['get']>;
export type CustomerInput = Body<paths['/api/v1/staff/customers']['post']>;
export type Gender = CustomerSummary['gender'];
export type CustomerSource = CustomerSummary['source'];

export type Vehicle = Customer['vehicles'][number];
export type VehicleInput = Body<paths['/api/v1/staff/customers/{customerId}/vehicles']['post']>;
export type FuelType = Vehicle['fuelType'];

export type ServiceOrderSummary = Json<
  paths['/api/v1/staff/vehicles/{vehicleId}/service-orders']['get']
>['items'][number];
export type ServiceOrderStatus = ServiceOrderSummary['status'];

export type OutboxMessage = Json<paths['/api/v1/staff/dev/outbox']['get']>['items'][number];

export const GENDERS = ['male', 'female', 'unknown'] as const satisfies readonly Gender[];
export const FUEL_TYPES = [
  'petrol',
  'diesel',
  'hybrid',
  'electric',
  'other',
] as const satisfies readonly FuelType[];
