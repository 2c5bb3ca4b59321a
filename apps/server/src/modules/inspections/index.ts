// Inspections: digital vehicle inspection (车辆检查) — templates, the technician's walk of a car
// with readings and photos, the owner's line-by-line approval, and declined work coming back.
export {
  inspections,
  inspectionItems,
  inspectionTemplates,
  type TemplatePoint,
} from './inspections.tables.ts';
export { InspectionSchema, type InspectionDto } from './inspections.schemas.ts';
export { getInspection, getMyInspection, listMyInspections } from './inspection-read.ts';
export { openInspection, updateItem, setJob, sendInspection } from './inspection-editing.ts';
export { decideJob } from './decisions.ts';
export { recoverDeclinedWork, INSPECTION_EVENT_HANDLERS } from './recovery.ts';
export { inspectionMetrics } from './metrics.ts';
export { INSPECTION_READY } from './messages.ts';
export { seedDemoInspections } from './demo.ts';
