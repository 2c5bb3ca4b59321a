// Receipts: the one table is the owner's tax-invoice request (发票申请) on a paid order, one per
// order, kept until the shop marks it issued.
import { foreignKey, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { serviceOrders } from '../service/index.ts';

export const INVOICE_TYPES = ['personal', 'company'] as const;
/** normal: 普通发票; special: 增值税专用发票, which needs the company's address, phone and bank. */
export const INVOICE_KINDS = ['normal', 'special'] as const;
export const INVOICE_STATUSES = ['requested', 'issued'] as const;

export const invoiceRequests = pgTable(
  'invoice_requests',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    type: text('type', { enum: INVOICE_TYPES }).notNull(),
    kind: text('kind', { enum: INVOICE_KINDS }).notNull(),
    /** 抬头: the person's or the company's name. */
    title: text('title').notNull(),
    /** 税号 (统一社会信用代码); required for a company. */
    taxNumber: text('tax_number'),
    email: text('email'),
    address: text('address'),
    phone: text('phone'),
    bankName: text('bank_name'),
    bankAccount: text('bank_account'),
    status: text('status', { enum: INVOICE_STATUSES }).notNull().default('requested'),
    invoiceNumber: text('invoice_number'),
    issuedAt: instant('issued_at'),
    issuedBy: uuid('issued_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('invoice_requests_order_key').on(t.tenantId, t.orderId),
    foreignKey({
      columns: [t.tenantId, t.orderId],
      foreignColumns: [serviceOrders.tenantId, serviceOrders.id],
    }).onDelete('cascade'),
  ],
);
