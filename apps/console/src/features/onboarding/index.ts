// Onboarding (开店注册): a new shop signs itself up.
// Other parts of the console use only what this file exports.

export { default as SignUpPage } from './SignUpPage.tsx';
