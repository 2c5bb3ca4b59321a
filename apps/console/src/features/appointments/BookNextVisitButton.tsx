import { useState } from 'react';
import { App, Button } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import type { Customer } from '../../types.ts';
import { useAction } from '../../kit/index.ts';
import { canBook } from './appointments.ts';
import BookingModal from './BookingModal.tsx';

/**
 * 预约下次 on a paid order: the booking dialog for the order's customer and car at the order's
 * store, on the day the car is next due (today when that has passed), its first free slot
 * already chosen — one more click books it.
 */
export default function BookNextVisitButton({
  orderId,
  customerId,
  vehicleId,
  storeId,
}: {
  orderId: string;
  customerId: string;
  vehicleId: string;
  storeId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const [plan, setPlan] = useState<{ customer: Customer; date?: string } | null>(null);
  const action = useAction();
  const load = async () => {
    const [customer, receipt] = await Promise.all([
      unwrap(api.GET('/api/v1/staff/customers/{customerId}', { params: { path: { customerId } } })),
      unwrap(
        api.GET('/api/v1/staff/service-orders/{orderId}/receipt', {
          params: { path: { orderId } },
        }),
      ).catch(() => null),
    ]);
    setPlan({ customer, ...(receipt?.nextDue ? { date: receipt.nextDue.dueDate } : {}) });
  };
  if (!canBook(staff.role)) return null;
  return (
    <>
      <Button
        icon={<CalendarOutlined />}
        loading={action.busy === 'book-next'}
        onClick={() => void action.run('book-next', load)}
        data-testid="order-book-next"
      >
        {t('appointments.bookNext')}
      </Button>
      {plan ? (
        <BookingModal
          open
          customer={plan.customer}
          vehicleId={vehicleId}
          storeId={storeId}
          {...(plan.date ? { date: plan.date } : {})}
          autoPickSlot
          onClose={() => setPlan(null)}
          onBooked={() => {
            setPlan(null);
            message.success(t('appointments.booked'));
          }}
        />
      ) : null}
    </>
  );
}
