// Onboarding: opening a new shop — tenant, first store and owner in one transaction — for the
// operator (admin API, CLI) and, when the operator allows it, for the shop itself (sign-up).
export { openShop } from './onboarding.service.ts';
