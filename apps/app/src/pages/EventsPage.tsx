// 活动: the shop's upcoming events with where the owner stands on each, and "my events" (tickets).
import { ErrorBlock, NavBar, PullToRefresh, Skeleton } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { eventsApi } from '../events-api.ts';
import { EventItem } from '../components/EventItem.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import '../events.css';

export function EventsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(() => eventsApi.list(), 'events');
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/', { replace: true }));

  let body;
  if (!data)
    body = error ? (
      <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
    ) : (
      <Skeleton.Paragraph lineCount={5} animated />
    );
  else if (!data.items.length)
    body = (
      <ErrorBlock className="empty-block" status="empty" title={t('events.empty')} description="" />
    );
  else
    body = (
      <ul className="event-list" data-testid="events-list">
        {data.items.map((e) => (
          <EventItem key={e.id} event={e} />
        ))}
      </ul>
    );

  return (
    <div className="page">
      <NavBar
        className="page-nav"
        onBack={back}
        right={
          <Link to="/events/tickets" data-testid="events-my-tickets">
            {t('events.myTickets')} <RightOutline />
          </Link>
        }
      >
        {t('events.title')}
      </NavBar>
      <PullToRefresh
        onRefresh={reload}
        pullingText={t('common.pullToRefresh')}
        canReleaseText={t('common.releaseToRefresh')}
        refreshingText={t('common.refreshing')}
        completeText={t('common.refreshed')}
      >
        <section className="section">{body}</section>
      </PullToRefresh>
    </div>
  );
}

/** 我的活动: the events I signed up to or wait for; a tap opens the ticket. */
export function EventTicketsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(() => eventsApi.mine(), 'my-events');
  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate('/events', { replace: true });
  let body;
  if (!data)
    body = error ? (
      <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
    ) : (
      <Skeleton.Paragraph lineCount={4} animated />
    );
  else if (!data.items.length)
    body = (
      <ErrorBlock
        className="empty-block"
        status="empty"
        title={t('events.noTickets')}
        description=""
      />
    );
  else
    body = (
      <ul className="event-list" data-testid="my-events-list">
        {data.items.map((e) => (
          <EventItem
            key={e.id}
            event={e}
            to={e.mySignup?.status === 'confirmed' ? `/events/${e.id}/ticket` : `/events/${e.id}`}
          />
        ))}
      </ul>
    );
  return (
    <div className="page">
      <NavBar className="page-nav" onBack={back}>
        {t('events.myTickets')}
      </NavBar>
      <section className="section">{body}</section>
    </div>
  );
}
