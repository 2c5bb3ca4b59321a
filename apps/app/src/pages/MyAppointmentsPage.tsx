import { Button, ErrorBlock, NavBar, PullToRefresh, Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { bookingApi, upcoming, type MyAppointment } from '../booking-api.ts';
import { AppointmentItem } from '../components/AppointmentItem.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import '../booking.css';

/** 我的预约: upcoming bookings (with cancel), then the earlier ones. */
export function MyAppointmentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(() => bookingApi.mine(), 'my-appointments');

  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/me', { replace: true });
  };

  let body;
  if (!data) {
    body = error ? (
      <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
    ) : (
      <div className="section" aria-busy="true">
        <Skeleton.Paragraph lineCount={4} animated />
      </div>
    );
  } else {
    const next = upcoming(data.items);
    const nextIds = new Set(next.map((a) => a.id));
    const earlier = data.items.filter((a) => !nextIds.has(a.id));
    const list = (items: MyAppointment[]) => (
      <ul className="appt-list">
        {items.map((a) => (
          <AppointmentItem key={a.id} appointment={a} onChanged={() => void reload()} />
        ))}
      </ul>
    );
    body = (
      <PullToRefresh
        onRefresh={reload}
        pullingText={t('common.pullToRefresh')}
        canReleaseText={t('common.releaseToRefresh')}
        refreshingText={t('common.refreshing')}
        completeText={t('common.refreshed')}
      >
        <section className="section">
          <h2 className="section-title">{t('booking.upcoming')}</h2>
          {next.length === 0 ? (
            <ErrorBlock
              className="empty-block"
              status="empty"
              title={t('booking.noUpcoming')}
              description=""
            >
              <Link to="/book">
                <Button color="primary" shape="rounded">
                  {t('booking.entry')}
                </Button>
              </Link>
            </ErrorBlock>
          ) : (
            list(next)
          )}
        </section>
        {earlier.length > 0 && (
          <section className="section">
            <h2 className="section-title">{t('booking.earlier')}</h2>
            {list(earlier)}
          </section>
        )}
      </PullToRefresh>
    );
  }

  return (
    <div className="page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {t('booking.mine')}
      </NavBar>
      {body}
    </div>
  );
}
