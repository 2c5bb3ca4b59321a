// An appointment as an iCalendar file (.ics) the car owner adds to their calendar.
import { createEvent, type EventAttributes } from 'ics';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { type Row, findRow } from './appointments.service.ts';

const CATEGORY_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  oil_change: { 'zh-CN': '更换机油', en: 'Oil change' },
  tyres: { 'zh-CN': '轮胎', en: 'Tyres' },
  brakes: { 'zh-CN': '刹车', en: 'Brakes' },
  battery: { 'zh-CN': '电瓶', en: 'Battery' },
  inspection: { 'zh-CN': '检测', en: 'Inspection' },
  wash: { 'zh-CN': '洗车', en: 'Wash' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** The booking as an iCalendar file for the owner's (or advisor's) calendar. */
function icsFor(ctx: Ctx, r: Row): string {
  const en = ctx.locale === 'en';
  const plate = r.plate ?? [r.make, r.model].filter(Boolean).join(' ');
  const title = [en ? 'Car service' : '保养预约', r.storeName, plate].filter(Boolean).join(' · ');
  const category = r.a.serviceCategory ? CATEGORY_LABELS[r.a.serviceCategory] : undefined;
  const description = [
    category ? `${en ? 'Service' : '项目'}: ${category[ctx.locale]}` : null,
    r.a.notes ? `${en ? 'Notes' : '备注'}: ${r.a.notes}` : null,
    r.storePhone ? `${en ? 'Store phone' : '门店电话'}: ${r.storePhone}` : null,
  ]
    .filter(Boolean)
    .join('\n');
  const attributes: EventAttributes = {
    uid: r.a.id,
    productId: 'liuke/appointments',
    method: 'PUBLISH',
    title,
    start: r.a.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: r.a.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    location: [r.storeName, r.storeAddress].filter(Boolean).join(' '),
    status:
      r.a.status === 'cancelled' || r.a.status === 'no_show'
        ? 'CANCELLED'
        : r.a.status === 'booked'
          ? 'TENTATIVE'
          : 'CONFIRMED',
    // A later export of the same booking (rescheduled, cancelled) replaces the earlier one.
    sequence: Math.max(0, Math.floor((r.a.updatedAt.getTime() - r.a.createdAt.getTime()) / 1000)),
    ...(description ? { description } : {}),
    alarms: [
      {
        action: 'display',
        description: title,
        trigger: { hours: 2, before: true },
      },
    ],
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw new AppError('INTERNAL', { cause: error });
  return value;
}

export async function appointmentIcs(ctx: Ctx, id: string, customerId?: string) {
  return icsFor(ctx, await findRow(ctx, id, customerId));
}
