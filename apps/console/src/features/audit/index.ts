// The audit log (操作日志): who did what, when, with the values before and after.
// Other parts of the console use only what this file exports.

export { default as AuditLogPage } from './AuditLogPage.tsx';
