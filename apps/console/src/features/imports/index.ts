// Import and export (导入导出) of customers, vehicles and service orders as CSV.
// Other parts of the console use only what this file exports.

export { default as ImportExportPage } from './ImportExportPage.tsx';
export { canImport } from './imports.ts';
