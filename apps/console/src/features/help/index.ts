// The help center (帮助中心): FAQ entries, categories and synonym groups, and a search box to try.
// Other parts of the console use only what this file exports.

export { default as HelpCenterPage } from './HelpCenterPage.tsx';
