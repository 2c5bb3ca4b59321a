import { CalendarOutline, ClockCircleOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLoad } from '../api.ts';
import { bookingApi, upcoming } from '../booking-api.ts';
import { AppointmentItem } from './AppointmentItem.tsx';
import '../booking.css';

/** Home: the 预约保养 entry (first of the three taps), 我的预约, and the next bookings. */
export function BookingEntry() {
  const { t } = useTranslation();
  const mine = useLoad(() => bookingApi.mine(), 'my-appointments');
  const next = mine.data ? upcoming(mine.data.items).slice(0, 3) : [];
  return (
    <>
      <section className="section">
        <div className="quick-actions">
          <Link to="/book" className="quick-action quick-action-primary" data-testid="book-entry">
            <CalendarOutline className="quick-action-icon" />
            <span className="quick-action-title">{t('booking.entry')}</span>
            <span className="quick-action-sub">{t('booking.entryHint')}</span>
          </Link>
          <Link to="/appointments" className="quick-action" data-testid="my-appointments-entry">
            <ClockCircleOutline className="quick-action-icon" />
            <span className="quick-action-title">{t('booking.mine')}</span>
            <span className="quick-action-sub">
              {next.length > 0
                ? t('booking.upcomingCount', { count: next.length })
                : t('booking.mineHint')}
            </span>
          </Link>
        </div>
      </section>
      {next.length > 0 && (
        <section className="section">
          <h2 className="section-title">
            {t('booking.upcoming')}
            <Link to="/appointments" className="section-more">
              {t('booking.all')} <RightOutline />
            </Link>
          </h2>
          <ul className="appt-list">
            {next.map((a) => (
              <AppointmentItem key={a.id} appointment={a} onChanged={() => void mine.reload()} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** On a car's page: book this car (the car is preselected). */
export function BookCarButton({ vehicleId }: { vehicleId: string }) {
  const { t } = useTranslation();
  return (
    <section className="section">
      <Link
        to={`/book?vehicle=${encodeURIComponent(vehicleId)}`}
        className="cal-button cal-button-outline"
        data-testid="book-entry"
      >
        <CalendarOutline /> {t('booking.entry')}
      </Link>
    </section>
  );
}
