import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession, useStaff } from '../../api.ts';
import { canBook, dateIn } from './appointments.ts';
import BookingModal from './BookingModal.tsx';

/** 预约到店 on a customer's page: books a slot for this customer, then opens that day's board. */
export default function BookForCustomerButton({
  customer,
}: {
  customer: {
    id: string;
    name: string | null;
    phone: string;
    vehicles: { id: string; plate: string | null; make: string | null; model: string | null }[];
  };
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const { store } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  if (!canBook(staff.role)) return null;
  return (
    <>
      <Button icon={<CalendarOutlined />} onClick={() => setOpen(true)} data-testid="customer-book">
        {t('appointments.bookForCustomer')}
      </Button>
      <BookingModal
        open={open}
        customer={customer}
        storeId={store?.id}
        onClose={() => setOpen(false)}
        onBooked={(a) => {
          setOpen(false);
          message.success(t('appointments.booked'));
          navigate(`/appointments?storeId=${a.storeId}&date=${dateIn(a.startsAt, a.timeZone)}`);
        }}
      />
    </>
  );
}
