// Staff identity (员工): signing in, setting a password, the account's security, the team page.
// Other parts of the console use only what this file exports.

export { default as AccountPage } from './AccountPage.tsx';
export { default as SetPasswordPage } from './SetPasswordPage.tsx';
export { default as SignInPage } from './SignInPage.tsx';
export { default as StaffPage } from './StaffPage.tsx';
export { ContactFields } from './PasswordFields.tsx';
