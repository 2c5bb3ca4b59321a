// Demo: the demo tenant that makes the product look lived-in at any hour it is seeded — shops,
// customers, cars, orders, bookings, campaigns, conversations — built through each module's own
// seeding function. Owns no table.
export { DEMO_PASSWORD, DEMO_TENANT, demoExists, seedDemo, type DemoSummary } from './seed.ts';
