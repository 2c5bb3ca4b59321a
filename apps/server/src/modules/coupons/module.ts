// What coupons plugs into the application (wired by the composition root, src/modules.ts).
// Coupons: templates, issuing and redemption; coupons released when their order is cancelled or
// refunded and issued when a member reaches a tier; expired member-card codes purged hourly.
import type { ModuleDef } from '../../app/module.ts';
import { couponRoutes } from './coupons.routes.ts';
import { COUPON_EVENT_HANDLERS, COUPON_JOBS } from './index.ts';

export const couponsModule: ModuleDef = {
  name: 'coupons',
  routes: [couponRoutes],
  jobs: COUPON_JOBS,
  events: COUPON_EVENT_HANDLERS,
};
