// 车友会 (car clubs): the clubs list, a club's page with its members and its feed as staff see it.
// Other parts of the console use only what this file exports.

export { default as ClubListPage } from './ClubListPage.tsx';
export { default as ClubPage } from './ClubPage.tsx';
export { canReadClubs } from './clubs.ts';
