// A service order as it is printed (A4 order, 80 mm till slip) or shown as the owner's e-receipt:
// gathered from the modules that own each part — the order (service), the shop header (tenancy),
// the customer's phone as staff see it (customers), points and balances (loyalty), the car's next
// due item (automation) — plus this module's invoice request.
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { nextDueItem } from '../automation/index.ts';
import { getCustomer } from '../customers/index.ts';
import { getLoyaltySummary, pointsEarnedForOrder } from '../loyalty/index.ts';
import { getMyServiceOrder, getServiceOrder, type ServiceOrderDto } from '../service/index.ts';
import { storeHeader } from '../tenancy/index.ts';
import { invoiceRequestFor } from './invoice-requests.ts';
import type { MyReceiptDto, ReceiptDto } from './receipts.schemas.ts';

/** `YYYY-MM-DD HH:mm` in the business's time zone. */
export function localMinute(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

const when = (iso: string | null, timeZone: string) =>
  iso ? { at: iso, local: localMinute(new Date(iso), timeZone) } : null;

/** Balances and points belong to the order's customer; shown only to them (or to staff). */
async function customerValue(ctx: Ctx, o: ServiceOrderDto, show: boolean) {
  if (!show) return { pointsEarned: null, balances: null };
  const earned = await pointsEarnedForOrder(ctx, o.id);
  const summary = await getLoyaltySummary(ctx, o.customerId);
  return {
    pointsEarned: earned,
    balances: {
      pointsAvailable: summary.points.available,
      pointsPending: summary.points.pending,
      storedValueFen: summary.storedValue.balanceFen,
    },
  };
}

async function receiptOf(
  ctx: Ctx,
  o: ServiceOrderDto,
  view: { showCustomerValue: boolean; dueOwnerId?: string },
): Promise<Omit<ReceiptDto, 'customer' | 'notes'>> {
  const shop = await storeHeader(ctx, o.storeId);
  const tz = shop.timeZone;
  const value = await customerValue(ctx, o, view.showCustomerValue);
  const next = await nextDueItem(ctx, o.vehicleId, view.dueOwnerId);
  return {
    shop: {
      tenantName: shop.tenantName,
      storeName: shop.storeName,
      address: shop.address,
      phone: shop.phone,
    },
    orderId: o.id,
    number: o.number,
    status: o.status,
    timeZone: tz,
    dates: {
      opened: when(o.openedAt, tz),
      completed: when(o.completedAt, tz),
      paid: when(o.paidAt, tz),
      closed: when(o.closedAt, tz),
    },
    plate: o.plate,
    vehicleName: o.vehicleName,
    mileageKm: o.mileageKm,
    advisorName: o.advisorName,
    lines: o.items.map((i) => ({
      kind: i.kind,
      description: i.description,
      partNumber: i.partNumber,
      quantity: i.quantity,
      unitPriceFen: i.unitPriceFen,
      amountFen: i.amountFen,
    })),
    discounts: o.discounts.map((d) => ({ label: d.label, amountFen: d.amountFen })),
    totals: {
      labourFen: o.labourFen,
      partsFen: o.partsFen,
      totalFen: o.totalFen,
      discountFen: o.discountFen,
      amountDueFen: o.amountDueFen,
      paidFen: o.paidFen,
    },
    payments: o.payments,
    ...value,
    nextDue: next
      ? {
          key: next.key,
          label: next.label,
          dueDate: next.dueDate,
          dueKm: next.dueKm,
          status: next.status,
        }
      : null,
    invoiceRequest: await invoiceRequestFor(ctx, o.id),
  };
}

/** The staff receipt of an order (404 for an order not of the tenant). */
export async function staffReceipt(ctx: Ctx, orderId: string): Promise<ReceiptDto> {
  const o = await getServiceOrder(ctx, orderId);
  const customer = await getCustomer(ctx, o.customerId).catch((err: unknown) => {
    // A customer merged away since: the order keeps its name, the phone is left off.
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  });
  return {
    ...(await receiptOf(ctx, o, { showCustomerValue: true })),
    customer: { name: o.customerName, phone: customer?.phone ?? null },
    notes: o.notes,
  };
}

/**
 * The car owner's e-receipt: their orders only (as `getMyServiceOrder` decides, else 404). Points
 * and balances show only on an order they were the customer of, the next due item only for a
 * car they still own.
 */
export async function myReceipt(
  ctx: Ctx,
  customerId: string,
  orderId: string,
): Promise<MyReceiptDto> {
  await getMyServiceOrder(ctx, customerId, orderId);
  const o = await getServiceOrder(ctx, orderId);
  return receiptOf(ctx, o, {
    showCustomerValue: o.customerId === customerId,
    dueOwnerId: customerId,
  });
}
