// What checkout plugs into the application (wired by the composition root, src/modules.ts).
// Checkout: the payment and refund routes over the pay-order workflow.
import type { ModuleDef } from '../../app/module.ts';
import { checkoutRoutes } from './checkout.routes.ts';

export const checkoutModule: ModuleDef = { name: 'checkout', routes: [checkoutRoutes] };
