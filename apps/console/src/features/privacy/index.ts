// Personal-data requests (个人信息请求): the list with deadlines, and registering one.
// Other parts of the console use only what this file exports.

export { default as DataRequestButton } from './DataRequestButton.tsx';
export { default as DataRequestsPage } from './DataRequestsPage.tsx';
