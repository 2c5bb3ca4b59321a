import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { page } from '../../kernel/paging.ts';
import type { StaffRole } from '../../kernel/roles.ts';
import {
  AdjustmentBody,
  AwardBody,
  CustomerPackageSchema,
  LedgerLineSchema,
  LedgerQuery,
  OwnerLedgerLineSchema,
  OwnerLedgerQuery,
  LiabilitySchema,
  LoyaltySummarySchema,
  PackageProductBody,
  PackageProductPatch,
  PackageProductSchema,
  RedemptionBody,
  SellPackageBody,
  TopUpBody,
  UsePackageBody,
  WalletRefundBody,
  WalletRefundSchema,
  WalletSchema,
} from './loyalty.schemas.ts';
import * as loyalty from './loyalty.service.ts';
import * as packages from './packages.ts';
import {
  LoyaltySettingsSchema,
  TierSettingsSchema,
  TopUpPackagesSchema,
  loadSettings,
  saveSettings,
} from './settings.ts';
import { liabilityReport, refundWallet, topUp } from './stored-value.ts';

const CustomerParams = z.object({ customerId: z.string().uuid() });
const PackageParams = z.object({ packageId: z.string().uuid() });
const ProductParams = z.object({ productId: z.string().uuid() });

const DESK: readonly StaffRole[] = ['owner', 'manager', 'advisor'];
const MANAGERS: readonly StaffRole[] = ['owner', 'manager'];
const TAGS = ['loyalty'];
const WRITE: ErrorCode[] = ['IDEMPOTENCY_KEY_REUSED'];

/**
 * The key under which a request's ledger transfers are made: the request's Idempotency-Key
 * (scoped by the caller) when sent — so even a retry after the stored answer expired moves
 * nothing twice — else a fresh one.
 */
function opKey(ctx: Ctx, req: FastifyRequest): string {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' && key
    ? `req:${ctx.actor.type}:${ctx.actor.id ?? ''}:${key}`
    : `op:${newId()}`;
}

export function loyaltyRoutes(app: FastifyInstance, deps: RouteDeps) {
  // ---- the member's summary and ledger ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers/{customerId}/loyalty',
    audience: 'staff',
    summary: 'A member’s points, stored value, packages and tier',
    tags: TAGS,
    params: CustomerParams,
    response: LoyaltySummarySchema,
    handler: async (ctx, { params }) => loyalty.getLoyaltySummary(ctx, params.customerId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers/{customerId}/ledger',
    audience: 'staff',
    summary: 'A member’s ledger lines, newest first, each with its running balance',
    tags: TAGS,
    params: CustomerParams,
    querystring: LedgerQuery,
    response: page(LedgerLineSchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { params, query }) => loyalty.ledgerHistory(ctx, params.customerId, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/loyalty',
    audience: 'app',
    summary: 'My points, stored value, packages and tier (member card)',
    tags: TAGS,
    response: LoyaltySummarySchema,
    handler: async (ctx) => loyalty.getLoyaltySummary(ctx, ctx.actor.id!),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/ledger',
    audience: 'app',
    summary: 'My points, stored-value or package history, newest first (one line per movement)',
    description:
      'Moves between my own accounts (points becoming available) are not lines; each line carries the net amount and my total after it.',
    tags: TAGS,
    querystring: OwnerLedgerQuery,
    response: page(OwnerLedgerLineSchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => loyalty.ownerHistory(ctx, ctx.actor.id!, query),
  });

  // ---- points ----
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers/{customerId}/loyalty/adjustments',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Adjust points or stored value by hand, with a reason (audit log)',
    description:
      'Positive adds (points as a new lot), negative takes away (points oldest lots first). Never below zero.',
    tags: TAGS,
    params: CustomerParams,
    body: AdjustmentBody,
    status: 201,
    response: LoyaltySummarySchema,
    errors: [...WRITE, 'POINTS_INSUFFICIENT', 'STORED_VALUE_INSUFFICIENT'],
    handler: async (ctx, { params, body }, req) =>
      loyalty.adjust(ctx, params.customerId, body, opKey(ctx, req)),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers/{customerId}/points/redemptions',
    audience: 'staff',
    roles: DESK,
    summary: 'Redeem points (oldest-expiring first)',
    tags: TAGS,
    params: CustomerParams,
    body: RedemptionBody,
    status: 201,
    response: LoyaltySummarySchema,
    errors: [...WRITE, 'POINTS_INSUFFICIENT', 'SERVICE_ORDER_REFERENCE_INVALID'],
    handler: async (ctx, { params, body }, req) =>
      loyalty.redeemPoints(ctx, params.customerId, body, opKey(ctx, req)),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers/{customerId}/points/awards',
    audience: 'staff',
    roles: DESK,
    summary: 'Award points for an action (review, referral, event) per the tenant’s rules',
    description:
      'Once per action and reference: a second award for the same reference adds nothing.',
    tags: TAGS,
    params: CustomerParams,
    body: AwardBody,
    status: 201,
    response: LoyaltySummarySchema,
    errors: WRITE,
    handler: async (ctx, { params, body }) => loyalty.awardAction(ctx, params.customerId, body),
  });

  // ---- stored value ----
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers/{customerId}/stored-value/top-ups',
    audience: 'staff',
    roles: DESK,
    summary: 'Top up stored value at the counter (储值充值)',
    description:
      'With a top-up package (pay 500 get 550) or an amount. The balance after it must stay within the card’s cap (registered ¥5,000 / anonymous ¥1,000 by default; a customer with a name on file is registered).',
    tags: TAGS,
    params: CustomerParams,
    body: TopUpBody,
    status: 201,
    response: WalletSchema,
    errors: [...WRITE, 'STORED_VALUE_CAP_EXCEEDED'],
    handler: async (ctx, { params, body }, req) =>
      topUp(ctx, { ...body, customerId: params.customerId }, opKey(ctx, req)),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers/{customerId}/stored-value/refunds',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Pay stored value back to the customer (退卡 / 退款) per the tenant’s refund rule',
    tags: TAGS,
    params: CustomerParams,
    body: WalletRefundBody,
    status: 201,
    response: WalletRefundSchema,
    errors: [...WRITE, 'STORED_VALUE_INSUFFICIENT'],
    handler: async (ctx, { params, body }, req) =>
      refundWallet(ctx, { ...body, customerId: params.customerId }, opKey(ctx, req)),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/loyalty/liability',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Stored-value liability: what the business owes its customers, per store and total',
    description: 'Per the customers’ home store (null: none set); principal and bonus apart.',
    tags: TAGS,
    response: LiabilitySchema,
    handler: async (ctx) => liabilityReport(ctx),
  });

  // ---- service packages ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/loyalty/package-products',
    audience: 'staff',
    summary: 'Service packages on sale (计次卡)',
    tags: TAGS,
    response: z.object({ items: z.array(PackageProductSchema) }),
    handler: async (ctx) => packages.listProducts(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/loyalty/package-products',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Create a service package product',
    tags: TAGS,
    body: PackageProductBody,
    status: 201,
    response: PackageProductSchema,
    errors: WRITE,
    handler: async (ctx, { body }) => packages.createProduct(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/loyalty/package-products/{productId}',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Change or withdraw a service package product (packages sold keep their terms)',
    tags: TAGS,
    params: ProductParams,
    body: PackageProductPatch,
    response: PackageProductSchema,
    errors: WRITE,
    handler: async (ctx, { params, body }) => packages.updateProduct(ctx, params.productId, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers/{customerId}/packages',
    audience: 'staff',
    summary: 'A member’s service packages, newest first (all statuses)',
    tags: TAGS,
    params: CustomerParams,
    response: z.object({ items: z.array(CustomerPackageSchema) }),
    handler: async (ctx, { params }) => {
      await loyalty.assertCustomer(ctx, params.customerId);
      return { items: await packages.packagesOfCustomer(ctx, params.customerId) };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customers/{customerId}/packages',
    audience: 'staff',
    roles: DESK,
    summary: 'Sell a service package to a member',
    tags: TAGS,
    params: CustomerParams,
    body: SellPackageBody,
    status: 201,
    response: CustomerPackageSchema,
    errors: WRITE,
    handler: async (ctx, { params, body }, req) =>
      packages.sellPackage(ctx, { ...body, customerId: params.customerId }, opKey(ctx, req)),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/customer-packages/{packageId}/use',
    audience: 'staff',
    roles: [...DESK, 'technician'],
    summary: 'Use one visit of a service package',
    tags: TAGS,
    params: PackageParams,
    body: UsePackageBody,
    response: CustomerPackageSchema,
    errors: [...WRITE, 'PACKAGE_NOT_USABLE', 'SERVICE_ORDER_REFERENCE_INVALID'],
    handler: async (ctx, { params, body }, req) =>
      packages.usePackage(ctx, { ...body, packageId: params.packageId }, opKey(ctx, req)),
  });

  // ---- settings ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/loyalty/settings',
    audience: 'staff',
    summary: 'Points and stored-value rules',
    tags: TAGS,
    response: LoyaltySettingsSchema,
    handler: async (ctx) => {
      const s = await loadSettings(ctx);
      return { points: s.points, storedValue: s.storedValue };
    },
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/loyalty/settings',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Replace the points and stored-value rules',
    tags: TAGS,
    body: LoyaltySettingsSchema,
    response: LoyaltySettingsSchema,
    errors: WRITE,
    handler: async (ctx, { body }) => {
      const s = await saveSettings(ctx, body);
      return { points: s.points, storedValue: s.storedValue };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/loyalty/top-up-packages',
    audience: 'staff',
    summary: 'Top-up packages (充值套餐, e.g. 充 500 送 50)',
    tags: TAGS,
    response: TopUpPackagesSchema,
    handler: async (ctx) => ({ items: (await loadSettings(ctx)).topUpPackages }),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/loyalty/top-up-packages',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Replace the top-up packages (ids are chosen by the client and must be unique)',
    tags: TAGS,
    body: TopUpPackagesSchema,
    response: TopUpPackagesSchema,
    errors: WRITE,
    handler: async (ctx, { body }) => ({
      items: (await saveSettings(ctx, { topUpPackages: body.items })).topUpPackages,
    }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/loyalty/tiers',
    audience: 'staff',
    summary: 'Member tiers: metric, period, notice and levels',
    tags: TAGS,
    response: TierSettingsSchema,
    handler: async (ctx) => (await loadSettings(ctx)).tiers,
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/loyalty/tiers',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Replace the member tiers',
    description:
      'Thresholds ascend from 0. Upgrades happen at the next payment; the nightly review schedules downgrades with notice.',
    tags: TAGS,
    body: TierSettingsSchema,
    response: TierSettingsSchema,
    errors: WRITE,
    handler: async (ctx, { body }) => (await saveSettings(ctx, { tiers: body })).tiers,
  });
}
