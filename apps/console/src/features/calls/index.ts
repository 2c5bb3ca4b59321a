// The call list (电话清单): cars to call about what is due, and what staff did about it.
// Other parts of the console use only what this file exports.

export { default as CallListPage } from './CallListPage.tsx';
