// What onboarding plugs into the application (wired by the composition root, src/modules.ts).
// Onboarding: opening a shop (operator API, sign-up).
import type { ModuleDef } from '../../app/module.ts';
import { onboardingRoutes } from './onboarding.routes.ts';

export const onboardingModule: ModuleDef = { name: 'onboarding', routes: [onboardingRoutes] };
