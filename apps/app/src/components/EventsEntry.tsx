// Home: the next events (up to three) — one tap to an event, a second to 报名; and the Me page's
// link to my events.
import { List } from 'antd-mobile';
import { FlagOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useLoad } from '../api.ts';
import { eventsApi } from '../events-api.ts';
import { EventItem } from './EventItem.tsx';
import '../events.css';

export function EventsEntry() {
  const { t } = useTranslation();
  const { data } = useLoad(() => eventsApi.list(), 'home-events');
  const next = (data?.items ?? []).slice(0, 3);
  if (!next.length) return null;
  return (
    <section className="section" data-testid="home-events">
      <h2 className="section-title">
        {t('events.entry')}
        <Link to="/events" className="events-more" data-testid="home-events-more">
          {t('events.more')} <RightOutline />
        </Link>
      </h2>
      <ul className="event-list">
        {next.map((e) => (
          <EventItem key={e.id} event={e} />
        ))}
      </ul>
    </section>
  );
}

/** Me: 我的活动 — the events I signed up to, with their tickets. */
export function MyEventsLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <section className="section">
      <List>
        <List.Item
          prefix={<FlagOutline />}
          onClick={() => navigate('/events/tickets')}
          data-testid="me-events"
        >
          {t('events.myTickets')}
        </List.Item>
      </List>
    </section>
  );
}
