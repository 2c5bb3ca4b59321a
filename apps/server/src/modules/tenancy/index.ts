// Tenancy: the businesses using Liuke and their stores. A tenant is resolved by its public code
// only through the narrow definer function; everything else runs inside the tenant's scope.
export {
  createTenant,
  createTenantHere,
  createStore,
  getTenant,
  listStoresFor,
  storeHeader,
  resolveTenantBySlug,
  resolveTenantIdBySlug,
} from './tenancy.service.ts';
export { TenantSlugSchema } from './tenancy.schemas.ts';
export { StoreSchema } from './tenancy.schemas.ts';
export { stores, tenants } from './tenancy.tables.ts';
