// The due list (到期项目): today's due items, service intervals, a car's due panel.
// Other parts of the console use only what this file exports.

export { default as DuePage } from './DuePage.tsx';
export { default as DueSettingsPage } from './DueSettingsPage.tsx';
export { default as DueVehiclePanel } from './DueVehiclePanel.tsx';
export { DueFilters } from './DueFilters.tsx';
