// One event: what, when, where, places left and the points for coming; 报名 opens a popup for the
// party size (and the car, when asked); a full event offers the waitlist (never joined silently);
// a confirmed owner sees the ticket, and may cancel (or leave the waitlist) before the start.
import { useState } from 'react';
import { Button, Dialog, NavBar, Popup, Selector, Skeleton, Stepper, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '@liuke/api-client';
import { api, errorMessage, useLoad } from '../api.ts';
import { dateOf, timeOf } from '../booking-api.ts';
import { eventsApi, eventTime, type AppEvent } from '../events-api.ts';
import { EventStateTag } from '../components/EventItem.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import { useQrDataUrl } from './MemberCardPage.tsx';
import '../events.css';

function SignUpPopup({
  event,
  visible,
  onClose,
  onDone,
}: {
  event: AppEvent;
  visible: boolean;
  onClose: () => void;
  onDone: (e: AppEvent) => void;
}) {
  const { t } = useTranslation();
  const [party, setParty] = useState(1);
  const [vehicleId, setVehicleId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const vehicles = useLoad(
    () => (event.askVehicle ? api.vehicles() : Promise.resolve({ items: [] })),
    `event-vehicles-${event.askVehicle}`,
  );

  async function send(joinWaitlist: boolean) {
    setBusy(true);
    try {
      const next = await eventsApi.signUp(event.id, { partySize: party, vehicleId, joinWaitlist });
      Toast.show({ content: joinWaitlist ? t('events.waitlisted') : t('events.done') });
      onDone(next);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'EVENT_FULL' && !joinWaitlist) {
        const join = await Dialog.confirm({
          title: t('events.fullDialog.title'),
          content: t('events.fullDialog.content'),
          confirmText: t('events.fullDialog.confirm'),
          cancelText: t('events.fullDialog.cancel'),
        });
        if (join) await send(true);
      } else Toast.show({ content: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Popup visible={visible} onMaskClick={onClose} bodyStyle={{ borderRadius: '14px 14px 0 0' }}>
      <div className="event-form" data-testid="event-signup-form">
        <h2>{t('events.form.title')}</h2>
        <div className="event-form-row">
          <span>{t('events.form.party')}</span>
          <Stepper
            min={1}
            max={event.maxPartySize}
            value={party}
            onChange={setParty}
            data-testid="event-party"
          />
        </div>
        {event.maxPartySize > 1 && (
          <span className="event-hint">
            {t('events.form.partyHint', { n: event.maxPartySize })}
          </span>
        )}
        {event.askVehicle && (vehicles.data?.items.length ?? 0) > 0 && (
          <>
            <span>{t('events.form.vehicle')}</span>
            <Selector
              options={(vehicles.data?.items ?? []).map((v) => ({
                label: v.plate ?? v.id.slice(0, 6),
                value: v.id,
              }))}
              value={vehicleId ? [vehicleId] : []}
              onChange={(v) => setVehicleId(v[0] ?? null)}
            />
          </>
        )}
        <span className="event-hint">{t('events.form.noCharge')}</span>
        <Button
          block
          color="primary"
          size="large"
          loading={busy}
          onClick={() => void send(false)}
          data-testid="event-signup-submit"
        >
          {t('events.form.submit')}
        </Button>
      </div>
    </Popup>
  );
}

export function EventPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const loaded = useLoad(() => eventsApi.one(id), `event-${id}`);
  const [event, setEvent] = useState<AppEvent | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate('/events', { replace: true });
  const e = event?.id === id ? event : loaded.data;

  let body;
  if (!e)
    body = loaded.error ? (
      <LoadError message={errorMessage(loaded.error)} onRetry={() => void loaded.reload()} />
    ) : (
      <Skeleton.Paragraph lineCount={6} animated />
    );
  else {
    const s = e.mySignup;
    const active = s && s.status !== 'cancelled';
    const cancel = async () => {
      const ok = await Dialog.confirm({ content: t('events.cancelConfirm') });
      if (!ok) return;
      setBusy(true);
      try {
        setEvent(await eventsApi.cancel(e.id));
        Toast.show({ content: t('events.cancelled') });
      } catch (err) {
        Toast.show({ content: errorMessage(err) });
      } finally {
        setBusy(false);
      }
    };
    body = (
      <div className="event-detail" data-testid="event-detail">
        <div>
          <EventStateTag event={e} />
        </div>
        <h1>{e.title}</h1>
        <span className="event-meta">
          {t(`events.kind.${e.kind}`)} · {eventTime(e.startsAt, i18n.language, e.timeZone)} –{' '}
          {dateOf(e.endsAt, e.timeZone) === dateOf(e.startsAt, e.timeZone)
            ? timeOf(e.endsAt, e.timeZone)
            : eventTime(e.endsAt, i18n.language, e.timeZone)}
        </span>
        {(e.place || e.storeName) && (
          <span className="event-meta">{t('events.place', { place: e.place || e.storeName })}</span>
        )}
        <span className="event-meta">
          {t('events.deadline', { at: eventTime(e.signupDeadline, i18n.language, e.timeZone) })}
        </span>
        <span className="event-meta">
          {t('events.free')}
          {e.attendancePoints > 0 ? ` · ${t('events.points', { points: e.attendancePoints })}` : ''}
        </span>
        {e.description && <p>{e.description}</p>}
        {s?.status === 'waitlisted' && s.waitlistPosition && (
          <span className="event-hint" data-testid="event-waitlist-position">
            {t('events.waitlistPosition', { n: s.waitlistPosition })}
          </span>
        )}
        <div className="event-actions">
          {s?.status === 'confirmed' && (
            <Link to={`/events/${e.id}/ticket`}>
              <Button block color="primary" size="large" data-testid="event-show-ticket">
                {t('events.showTicket')}
              </Button>
            </Link>
          )}
          {!active && e.signupOpen && (
            <Button
              block
              color="primary"
              size="large"
              onClick={() => setOpen(true)}
              data-testid="event-signup"
            >
              {e.placesLeft > 0 ? t('events.signUp') : t('events.joinWaitlist')}
            </Button>
          )}
          {active && e.status === 'published' && !s.checkedInAt && (
            <Button
              block
              size="large"
              loading={busy}
              onClick={() => void cancel()}
              data-testid="event-cancel-signup"
            >
              {s.status === 'waitlisted' ? t('events.leaveWaitlist') : t('events.cancel')}
            </Button>
          )}
        </div>
        <SignUpPopup
          event={e}
          visible={open}
          onClose={() => setOpen(false)}
          onDone={(next) => {
            setOpen(false);
            setEvent(next);
          }}
        />
      </div>
    );
  }

  return (
    <div className="page">
      <NavBar className="page-nav" onBack={back}>
        {t('events.title')}
      </NavBar>
      <section className="section">{body}</section>
    </div>
  );
}

/** The ticket: the sign-up's QR code (LKEV:…) staff scan at check-in, as big as the card's. */
export function EventTicketPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(() => eventsApi.one(id), `event-ticket-${id}`);
  const payload = data?.mySignup?.qrPayload ?? undefined;
  // The member card's QR renderer, so the ticket scans the same way at the counter.
  const qr = useQrDataUrl(payload, 480);
  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate(`/events/${id}`, { replace: true });

  let body;
  if (!data)
    body = error ? (
      <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
    ) : (
      <Skeleton.Paragraph lineCount={6} animated />
    );
  else
    body = (
      <div className="event-ticket" data-testid="event-ticket">
        <strong>{data.title}</strong>
        <span className="event-meta">{eventTime(data.startsAt, i18n.language, data.timeZone)}</span>
        {data.mySignup?.checkedInAt && <EventStateTag event={data} />}
        {qr && payload ? (
          <>
            <img src={qr} alt={t('events.ticket')} data-testid="event-ticket-qr" />
            <span className="event-hint">{t('events.ticketHint')}</span>
            <span
              className="event-ticket-code"
              data-testid="event-ticket-code"
              data-payload={payload}
            >
              {t('events.ticketCode', { code: data.mySignup?.ticketCode })}
            </span>
          </>
        ) : (
          <EventStateTag event={data} />
        )}
      </div>
    );
  return (
    <div className="page">
      <NavBar className="page-nav" onBack={back}>
        {t('events.ticket')}
      </NavBar>
      <section className="section">{body}</section>
    </div>
  );
}
