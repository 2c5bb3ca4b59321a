import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { DESK_ROLES } from '../../kernel/roles.ts';
import { markInvoiceIssued, putMyInvoiceRequest } from './invoice-requests.ts';
import { myReceipt, staffReceipt } from './receipt.ts';
import {
  InvoiceIssuedBody,
  InvoiceRequestBody,
  InvoiceRequestSchema,
  MyReceiptSchema,
  ReceiptSchema,
} from './receipts.schemas.ts';

const OrderParams = z.object({ orderId: z.string().uuid() });
const TAGS = ['receipts'];

export function receiptsRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/service-orders/{orderId}/receipt',
    audience: 'staff',
    summary: 'Everything the printed order (A4) and till slip (80 mm) show',
    description:
      'Shop header, order number and dates in the business’s time zone, car, customer (phone as the caller’s role sees it), advisor, lines, discounts, totals, every payment part, the points the order earned and the customer’s balances, the car’s next due item and the invoice request.',
    tags: TAGS,
    params: OrderParams,
    response: ReceiptSchema,
    handler: async (ctx, { params }) => staffReceipt(ctx, params.orderId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/service-orders/{orderId}/receipt',
    audience: 'app',
    summary: 'The e-receipt of one of my visits',
    description:
      'The same as the printed receipt, without the customer’s phone and the shop’s notes. Points and balances only on orders I was the customer of; the next due item only for a car I own.',
    tags: TAGS,
    params: OrderParams,
    response: MyReceiptSchema,
    handler: async (ctx, { params }) => myReceipt(ctx, ctx.actor.id!, params.orderId),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/app/me/service-orders/{orderId}/invoice-request',
    audience: 'app',
    summary: 'Request a tax invoice (发票) for a paid order, or change the request',
    description:
      'Personal or company; a company needs its tax number (15, 18 or 20 capital letters and digits, lower case is upper-cased). A special invoice (专票) is for a company and needs address, phone, bank and account. Only for paid or closed orders; editable until the shop marks it issued.',
    tags: TAGS,
    params: OrderParams,
    body: InvoiceRequestBody,
    response: InvoiceRequestSchema,
    errors: [
      'INVOICE_ORDER_NOT_PAID',
      'INVOICE_ALREADY_ISSUED',
      'INVOICE_TAX_NUMBER_REQUIRED',
      'INVOICE_TAX_NUMBER_INVALID',
      'INVOICE_SPECIAL_COMPANY_ONLY',
      'INVOICE_SPECIAL_DETAILS_REQUIRED',
      'NOT_FOUND',
    ],
    handler: async (ctx, { params, body }) =>
      putMyInvoiceRequest(ctx, ctx.actor.id!, params.orderId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders/{orderId}/invoice-request/issued',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Mark the order’s invoice issued (已开票)',
    tags: TAGS,
    params: OrderParams,
    body: InvoiceIssuedBody,
    response: InvoiceRequestSchema,
    errors: ['INVOICE_REQUEST_MISSING', 'INVOICE_ALREADY_ISSUED', 'NOT_FOUND'],
    handler: async (ctx, { params, body }) => markInvoiceIssued(ctx, params.orderId, body),
  });
}
