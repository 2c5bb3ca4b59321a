import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { page } from '../../kernel/paging.ts';
import type { StaffRole } from '../identity/index.ts';
import { ServiceOrderSchema } from '../service/index.ts';
import {
  ApplyCouponBody,
  CouponListQuery,
  CouponSchema,
  CouponTemplateSchema,
  CreateTemplateBody,
  IssueBody,
  IssueResultSchema,
  MemberCardLookupSchema,
  MemberCardSchema,
  MyCouponSchema,
  MyCouponsQuery,
  ReissueBody,
  TemplateListQuery,
  UpdateTemplateBody,
  ValidateBody,
  ValidateQuery,
  ValidationSchema,
  VoidBody,
} from './coupons.schemas.ts';
import { issueCoupons } from './issuing.ts';
import { lookupMemberCard, myMemberCard } from './member-card.ts';
import { applyCouponToOrder, removeCouponFromOrder, validateCoupon } from './order-redemption.ts';
import { redeemPackageCoupon } from './package-redemption.ts';
import { getCoupon, listCoupons, listMyCoupons } from './reading.ts';
import { createTemplate, getTemplate, listTemplates, updateTemplate } from './templates.ts';
import { reissueCoupon, voidCoupon } from './void-reissue.ts';

const TemplateParams = z.object({ templateId: z.string().uuid() });
const CouponParams = z.object({ couponId: z.string().uuid() });
const OrderParams = z.object({ orderId: z.string().uuid() });
const OrderCouponParams = z.object({ orderId: z.string().uuid(), couponId: z.string().uuid() });
const TokenParams = z.object({ token: z.string().min(1).max(200) });

const MANAGERS: readonly StaffRole[] = ['owner', 'manager'];
const DESK: readonly StaffRole[] = ['owner', 'manager', 'advisor'];
const TAGS = ['coupons'];
const USE_ERRORS: ErrorCode[] = [
  'COUPON_EXPIRED',
  'COUPON_NOT_YET_VALID',
  'COUPON_MIN_SPEND_NOT_MET',
  'COUPON_OUT_OF_SCOPE',
  'COUPON_WRONG_CUSTOMER',
  'COUPON_NOT_FOR_ORDERS',
  'COUPON_ALREADY_REDEEMED',
  'COUPON_VOIDED',
  'COUPON_ORDER_HAS_COUPON',
  'SERVICE_ORDER_STATUS_CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
];

export function couponRoutes(app: FastifyInstance, deps: RouteDeps) {
  templateRoutes(app, deps);
  couponLookupRoutes(app, deps);
  couponChangeRoutes(app, deps);
  orderCouponRoutes(app, deps);
  memberCardRoutes(app, deps);
}

/** Templates: listed, created, read, changed, and issued to customers. */
function templateRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/coupon-templates',
    audience: 'staff',
    summary: 'Coupon templates (券模板), newest first',
    tags: TAGS,
    querystring: TemplateListQuery,
    response: page(CouponTemplateSchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => listTemplates(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/coupon-templates',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Create a coupon template',
    description:
      'Kinds: amount_off (`amountOffFen`), percent_off (`percentOff` 1–100, optional cap `maxDiscountFen`), free_item (`freeItemName`, `freeItemCategory`, optional value cap), package (`packageName`, `packageUses`). Validity: fixed `validFrom`/`validUntil` or `validDays` from issue. Scope: `storeIds`, `categories`, `partnerId` (empty = all).',
    tags: TAGS,
    body: CreateTemplateBody,
    status: 201,
    response: CouponTemplateSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => createTemplate(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/coupon-templates/{templateId}',
    audience: 'staff',
    summary: 'A coupon template with its issued and redeemed counts',
    tags: TAGS,
    params: TemplateParams,
    response: CouponTemplateSchema,
    handler: async (ctx, { params }) => getTemplate(ctx, params.templateId),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/coupon-templates/{templateId}',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Change a coupon template, or archive it (status archived: no more issuing)',
    tags: TAGS,
    params: TemplateParams,
    body: UpdateTemplateBody,
    response: CouponTemplateSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) => updateTemplate(ctx, params.templateId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/coupon-templates/{templateId}/issue',
    audience: 'staff',
    roles: DESK,
    summary: 'Issue coupons to one customer or many (ids and/or pasted phones)',
    description:
      'One statement inserts the coupons and raises the template’s issued count; a budget too small for the batch issues nothing (409 COUPON_BUDGET_EXHAUSTED). Customers at the per-customer limit are skipped and listed. The same `batchKey` again issues nobody a second coupon. Emits `coupon.issued`.',
    tags: TAGS,
    params: TemplateParams,
    body: IssueBody,
    status: 201,
    response: IssueResultSchema,
    errors: [
      'COUPON_BUDGET_EXHAUSTED',
      'COUPON_CUSTOMER_LIMIT',
      'COUPON_TEMPLATE_ARCHIVED',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params, body }) => issueCoupons(ctx, params.templateId, body),
  });
}

/** The business's coupons: listed, checked against an order or basket, one read. */
function couponLookupRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/coupons',
    audience: 'staff',
    summary: 'Issued coupons, newest first (filter by customer, template, status)',
    tags: TAGS,
    querystring: CouponListQuery,
    response: page(CouponSchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => listCoupons(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/coupons/validate',
    audience: 'staff',
    summary: 'Check a coupon code against an order (or a store and amount) without redeeming it',
    description:
      'Answers 200 with `valid` and, when not, the precise `reason` code; an unknown code or another tenant’s is 404.',
    tags: TAGS,
    body: ValidateBody,
    response: ValidationSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED', 'NOT_FOUND'],
    handler: async (ctx, { body }) => validateCoupon(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/coupons/validate',
    audience: 'staff',
    summary: 'Check a coupon code (query form of POST /coupons/validate)',
    tags: TAGS,
    querystring: ValidateQuery,
    response: ValidationSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { query }) => validateCoupon(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/coupons/{couponId}',
    audience: 'staff',
    summary: 'One issued coupon',
    tags: TAGS,
    params: CouponParams,
    response: CouponSchema,
    handler: async (ctx, { params }) => getCoupon(ctx, params.couponId),
  });
}

/** A coupon voided, reissued, or (a package) redeemed at the counter. */
function couponChangeRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/coupons/{couponId}/void',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Void an unused coupon (audit log)',
    tags: TAGS,
    params: CouponParams,
    body: VoidBody,
    response: CouponSchema,
    errors: ['COUPON_ALREADY_REDEEMED', 'COUPON_VOIDED', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) => voidCoupon(ctx, params.couponId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/coupons/{couponId}/reissue',
    audience: 'staff',
    roles: MANAGERS,
    summary: 'Void a coupon and issue its replacement (new code, fresh window)',
    tags: TAGS,
    params: CouponParams,
    body: ReissueBody,
    status: 201,
    response: CouponSchema,
    errors: ['COUPON_ALREADY_REDEEMED', 'COUPON_VOIDED', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) => reissueCoupon(ctx, params.couponId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/coupons/{couponId}/redeem',
    audience: 'staff',
    roles: DESK,
    summary: 'Redeem a package coupon at the counter (no order)',
    description: 'Other kinds are redeemed on an order: POST /service-orders/{orderId}/coupons.',
    tags: TAGS,
    params: CouponParams,
    response: CouponSchema,
    errors: [
      'COUPON_EXPIRED',
      'COUPON_NOT_YET_VALID',
      'COUPON_ALREADY_REDEEMED',
      'COUPON_VOIDED',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params }) => redeemPackageCoupon(ctx, params.couponId),
  });
}

/** A coupon redeemed on a service order, and taken off again. */
function orderCouponRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders/{orderId}/coupons',
    audience: 'staff',
    roles: DESK,
    summary: 'Redeem a coupon on an order and apply its discount (answers the order)',
    description:
      'By `code` or `couponId`. At most once: of two tills redeeming the same coupon at once, one succeeds and the other gets 409 COUPON_ALREADY_REDEEMED. One coupon per order. Emits `coupon.redeemed`.',
    tags: TAGS,
    params: OrderParams,
    body: ApplyCouponBody,
    response: ServiceOrderSchema,
    errors: USE_ERRORS,
    handler: async (ctx, { params, body }) => applyCouponToOrder(ctx, params.orderId, body),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/service-orders/{orderId}/coupons/{couponId}',
    audience: 'staff',
    roles: DESK,
    summary: 'Take a coupon off an unpaid order; the customer keeps it (answers the order)',
    tags: TAGS,
    params: OrderCouponParams,
    response: ServiceOrderSchema,
    errors: ['COUPON_NOT_REDEEMED', 'SERVICE_ORDER_STATUS_CONFLICT', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => removeCouponFromOrder(ctx, params.orderId, params.couponId),
  });
}

/** The member card (staff scan, the owner shows it) and the owner's own coupons. */
function memberCardRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/member-cards/{token}',
    audience: 'staff',
    summary: 'The customer behind a scanned member-card code (QR payload or bare token)',
    tags: ['member card'],
    params: TokenParams,
    response: MemberCardLookupSchema,
    errors: ['MEMBER_CARD_TOKEN_EXPIRED'],
    handler: async (ctx, { params }) => lookupMemberCard(ctx, params.token),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/member-card',
    audience: 'app',
    summary: 'My member card: number, rotating QR token (5 min), valid coupon count',
    tags: ['member card'],
    response: MemberCardSchema,
    handler: async (ctx) => myMemberCard(ctx, ctx.actor.id!),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/coupons',
    audience: 'app',
    summary: 'My coupons: valid, used or expired',
    tags: TAGS,
    querystring: MyCouponsQuery,
    response: z.object({ items: z.array(MyCouponSchema) }),
    handler: async (ctx, { query }) => listMyCoupons(ctx, ctx.actor.id!, query.state),
  });
}
