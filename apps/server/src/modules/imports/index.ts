// Imports: CSV import of customers, cars and service history (dry run, idempotent upsert by
// external id, progress, error report) and the CSV export of the same data.
export { importJobs, importErrors } from './imports.tables.ts';
