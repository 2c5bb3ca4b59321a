// Events (活动): the list, one event with check-in and its attendance list.
// Other parts of the console use only what this file exports.

export { default as EventListPage } from './EventListPage.tsx';
export { default as EventPage } from './EventPage.tsx';
