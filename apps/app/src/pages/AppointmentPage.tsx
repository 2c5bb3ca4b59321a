import { Button, Dialog, ErrorBlock, List, NavBar, Skeleton, Tag, Toast } from 'antd-mobile';
import { CalendarOutline, CheckCircleFill } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage, useLoad } from '../api.ts';
import { bookingApi, icsUrl } from '../booking-api.ts';
import { useAppointmentWhen } from '../components/AppointmentItem.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import { PlateBadge } from '../components/PlateBadge.tsx';
import '../booking.css';

/** One booking; right after booking (`?booked=1`) it is the success page. */
export function AppointmentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const justBooked = params.get('booked') === '1';
  const when = useAppointmentWhen();
  const { data: a, error, reload } = useLoad(() => bookingApi.one(id), id);
  const [cancelling, setCancelling] = useState(false);

  async function cancel() {
    if (!a) return;
    const ok = await Dialog.confirm({
      content: t('booking.cancelConfirm', { when: when(a) }),
      confirmText: t('booking.cancelYes'),
      cancelText: t('booking.cancelNo'),
    });
    if (!ok) return;
    setCancelling(true);
    try {
      await bookingApi.cancel(a.id);
      Toast.show({ icon: 'success', content: t('booking.cancelled') });
      navigate('/appointments', { replace: true });
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    } finally {
      setCancelling(false);
    }
  }

  let body;
  if (!a) {
    if (error instanceof ApiError && error.status === 404)
      body = <ErrorBlock status="empty" title={t('booking.notFound')} description="" />;
    else if (error)
      body = <LoadError message={errorMessage(error)} onRetry={() => void reload()} />;
    else
      body = (
        <div className="section" aria-busy="true">
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={4} animated />
        </div>
      );
  } else {
    const showSuccess = justBooked && a.status === 'booked';
    body = (
      <>
        {showSuccess ? (
          <div className="booking-success" data-testid="booking-success">
            <CheckCircleFill className="booking-success-icon" />
            <h1 className="booking-success-title">{t('booking.successTitle')}</h1>
            <p className="booking-success-when">{when(a)}</p>
            <p className="muted">{t('booking.successHint')}</p>
          </div>
        ) : (
          <div className="booking-head">
            <div className="booking-head-when">{when(a)}</div>
            <Tag color="primary" fill="outline">
              {t(`booking.status.${a.status}`)}
            </Tag>
          </div>
        )}
        <section className="section">
          <List className="detail-list">
            <List.Item extra={<span className="detail-value">{a.store.name}</span>}>
              {t('booking.store')}
            </List.Item>
            {a.store.address && (
              <List.Item extra={<span className="detail-value">{a.store.address}</span>}>
                {t('booking.address')}
              </List.Item>
            )}
            {a.store.phone && (
              <List.Item extra={<a href={`tel:${a.store.phone}`}>{a.store.phone}</a>}>
                {t('booking.storePhone')}
              </List.Item>
            )}
            {a.vehicle && (
              <List.Item extra={<PlateBadge plate={a.vehicle.plate} />}>
                {t('booking.car')}
              </List.Item>
            )}
            {a.serviceCategory && (
              <List.Item
                extra={
                  <span className="detail-value" data-testid="appointment-service">
                    {t(`booking.services.${a.serviceCategory}`, {
                      defaultValue: a.serviceCategory,
                    })}
                  </span>
                }
              >
                {t('booking.service')}
              </List.Item>
            )}
            {a.notes && (
              <List.Item description={<span data-testid="appointment-note">{a.notes}</span>}>
                {t('booking.note')}
              </List.Item>
            )}
          </List>
        </section>
        <section className="section booking-actions">
          {a.status !== 'cancelled' && (
            <a
              className="cal-button"
              href={icsUrl(a.id)}
              download={`appointment-${a.id}.ics`}
              data-testid="add-to-calendar"
            >
              <CalendarOutline /> {t('booking.addToCalendar')}
            </a>
          )}
          <Link to="/appointments" className="booking-link" data-testid="my-appointments-link">
            <Button block size="large" shape="rounded" fill="outline" color="primary">
              {t('booking.mine')}
            </Button>
          </Link>
          {a.canCancel && !justBooked && (
            <Button
              block
              size="large"
              shape="rounded"
              fill="none"
              color="danger"
              loading={cancelling}
              onClick={() => void cancel()}
            >
              {t('booking.cancel')}
            </Button>
          )}
        </section>
      </>
    );
  }

  return (
    <div className="page">
      <NavBar
        className="page-nav"
        backIcon
        onBack={() => (justBooked ? navigate('/', { replace: true }) : navigate(-1))}
      >
        {justBooked ? t('booking.successNav') : t('booking.detail')}
      </NavBar>
      {body}
    </div>
  );
}
