// The workbench (今日工作台): the landing page — today's takings, cars in the shop, bookings by
// hour with check-in, unread conversations and calls due. Other parts use only this file.
export { default as WorkbenchPage } from './WorkbenchPage.tsx';
export { hasWorkbench } from './workbench.ts';
