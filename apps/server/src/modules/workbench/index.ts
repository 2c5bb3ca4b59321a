// Workbench (今日工作台): today at a glance per role — takings, the shop floor, bookings by hour,
// unread conversations and calls due — read from their owners' exported functions. Owns no table.
export { getWorkbench } from './workbench.service.ts';
export { WorkbenchSchema, type WorkbenchDto } from './workbench.schemas.ts';
