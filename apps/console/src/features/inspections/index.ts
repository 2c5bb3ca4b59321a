// Digital vehicle inspection (车辆检查): the technician's walk of a car, the inspections card on a
// service order, and the metrics. Other parts of the console use only what this file exports.

export { default as InspectionPage } from './InspectionPage.tsx';
export { default as InspectionMetricsPage } from './InspectionMetricsPage.tsx';
export { OrderInspectionsCard } from './OrderInspectionsCard.tsx';
