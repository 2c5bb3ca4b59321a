import { Button, Dialog, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api.ts';
import { bookingApi, dateOf, timeOf, weekdayOf, type MyAppointment } from '../booking-api.ts';

const STATUS_COLOR: Record<MyAppointment['status'], string> = {
  booked: 'primary',
  confirmed: 'success',
  checked_in: 'success',
  completed: 'default',
  cancelled: 'default',
  no_show: 'warning',
};

/** "3月3日 周二 09:30" of a booking, in its store's timezone. */
export function useAppointmentWhen() {
  const { t } = useTranslation();
  return (a: Pick<MyAppointment, 'startsAt' | 'store'>) => {
    const date = dateOf(a.startsAt, a.store.timeZone);
    const [, m, d] = date.split('-').map(Number);
    return `${t('booking.dayLabel', { month: m, day: d })} ${t(`booking.weekday.${weekdayOf(date)}`)} ${timeOf(a.startsAt, a.store.timeZone)}`;
  };
}

/** One booking in "我的预约": when, where, which car, its status, and cancel while it can. */
export function AppointmentItem({
  appointment: a,
  onChanged,
}: {
  appointment: MyAppointment;
  onChanged: (a: MyAppointment) => void;
}) {
  const { t } = useTranslation();
  const when = useAppointmentWhen();
  const [busy, setBusy] = useState(false);

  async function cancel() {
    const ok = await Dialog.confirm({
      content: t('booking.cancelConfirm', { when: when(a) }),
      confirmText: t('booking.cancelYes'),
      cancelText: t('booking.cancelNo'),
    });
    if (!ok) return;
    setBusy(true);
    try {
      onChanged(await bookingApi.cancel(a.id));
      Toast.show({ icon: 'success', content: t('booking.cancelled') });
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const inactive = a.status === 'cancelled' || a.status === 'no_show';
  return (
    <li className={inactive ? 'appt appt-inactive' : 'appt'} data-testid="my-appointment">
      <Link to={`/appointments/${a.id}`} className="appt-main">
        <div className="appt-row">
          <span className="appt-when">{when(a)}</span>
          <Tag color={STATUS_COLOR[a.status]} fill="outline" className="appt-status">
            {t(`booking.status.${a.status}`)}
          </Tag>
        </div>
        <div className="appt-sub">
          {[a.store.name, a.vehicle?.plate].filter(Boolean).join(' · ')}
        </div>
      </Link>
      {a.canCancel && (
        <Button
          size="mini"
          fill="outline"
          shape="rounded"
          className="appt-cancel"
          loading={busy}
          onClick={() => void cancel()}
          data-testid="my-appointment-cancel"
        >
          {t('booking.cancel')}
        </Button>
      )}
    </li>
  );
}
