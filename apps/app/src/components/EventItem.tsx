// One event in a list: title, kind, time and place, and where the owner stands (signed up,
// waitlisted, places left, full, closed) — one tap to the event.
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { eventTime, type AppEvent } from '../events-api.ts';

export function EventStateTag({ event }: { event: AppEvent }) {
  const { t } = useTranslation();
  const s = event.mySignup?.status;
  if (event.status === 'cancelled')
    return <Tag color="default">{t('events.state.eventCancelled')}</Tag>;
  if (s === 'confirmed')
    return (
      <Tag color="success" data-testid="event-state-confirmed">
        {event.mySignup?.checkedInAt ? t('events.checkedIn') : t('events.state.confirmed')}
      </Tag>
    );
  if (s === 'waitlisted') return <Tag color="warning">{t('events.state.waitlisted')}</Tag>;
  if (!event.signupOpen) return <Tag color="default">{t('events.state.closed')}</Tag>;
  if (event.placesLeft <= 0) return <Tag color="danger">{t('events.state.full')}</Tag>;
  return <Tag color="primary">{t('events.state.open', { n: event.placesLeft })}</Tag>;
}

export function EventItem({ event, to }: { event: AppEvent; to?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <li>
      <Link to={to ?? `/events/${event.id}`} className="event-item" data-testid="event-item">
        <span className="event-item-head">
          <span className="event-item-title">{event.title}</span>
          <EventStateTag event={event} />
        </span>
        <span className="event-item-sub">
          {t(`events.kind.${event.kind}`)} ·{' '}
          {eventTime(event.startsAt, i18n.language, event.timeZone)}
          {event.place ? ` · ${event.place}` : ''}
        </span>
      </Link>
    </li>
  );
}
