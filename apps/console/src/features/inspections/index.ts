// Digital vehicle inspection (车辆检查): the technician's walk of a car, the inspections card on a
// service order, the metrics and the templates' editor. Other parts of the console use only what this file exports.

export { default as InspectionPage } from './InspectionPage.tsx';
export { default as InspectionMetricsPage } from './InspectionMetricsPage.tsx';
export { default as InspectionTemplatesPage } from './InspectionTemplatesPage.tsx';
export { default as InspectionTemplatePage } from './InspectionTemplatePage.tsx';
export { OrderInspectionsCard } from './OrderInspectionsCard.tsx';
