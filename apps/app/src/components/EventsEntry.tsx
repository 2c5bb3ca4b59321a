// Home: the next events (up to three) — one tap to an event, a second to 报名.
import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
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
