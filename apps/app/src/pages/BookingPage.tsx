import { Button, ErrorBlock, NavBar, Skeleton, TextArea, Toast } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api, errorMessage, useLoad } from '../api.ts';
import {
  bookingApi,
  dateOf,
  timeOf,
  weekdayOf,
  type AvailableDay,
  type AvailableSlot,
} from '../booking-api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { PlateBadge } from '../components/PlateBadge.tsx';
import { useVehicleTitle } from '../components/VehicleCard.tsx';
import '../booking.css';

/** "3月3日" / "3/3" and "今天" / "明天" / "周二" of a calendar date (`today` in the store's zone). */
function useDayLabel(today: string | null) {
  const { t } = useTranslation();
  return (date: string) => {
    const [, m, d] = date.split('-').map(Number);
    const tomorrow = today ? addDays(today, 1) : null;
    return {
      day: t('booking.dayLabel', { month: m, day: d }),
      weekday: t(`booking.weekday.${weekdayOf(date)}`),
      relative:
        date === today
          ? t('booking.today')
          : date === tomorrow
            ? t('booking.tomorrow')
            : t(`booking.weekday.${weekdayOf(date)}`),
    };
  };
}

/** What the owner may say the visit is for: the service categories of the shop's orders. */
export const BOOKING_SERVICES = [
  'oil_change',
  'tyres',
  'brakes',
  'battery',
  'inspection',
  'wash',
  'other',
] as const;
type BookingService = (typeof BOOKING_SERVICES)[number];
const asService = (v: string | null): BookingService | null =>
  BOOKING_SERVICES.find((s) => s === v) ?? null;

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * 预约保养 on one screen: the car and the store are preselected, the first day with free
 * places is open, so a booking is one tap on a slot and one on the confirm button.
 */
export function BookingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const title = useVehicleTitle();

  const vehicles = useLoad(() => api.vehicles(), 'my-vehicles');
  const stores = useLoad(() => bookingApi.stores(), 'stores');
  const [vehicleId, setVehicleId] = useState<string | null>(params.get('vehicle'));
  const [storeId, setStoreId] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [slot, setSlot] = useState<AvailableSlot | null>(null);
  const [booking, setBooking] = useState(false);
  const [service, setService] = useState<BookingService | null>(asService(params.get('service')));
  const [note, setNote] = useState('');

  // Preselect: the car the owner came from (else the first), the home store (else the first).
  const cars = vehicles.data?.items;
  useEffect(() => {
    if (cars && cars.length > 0 && !cars.some((c) => c.id === vehicleId)) setVehicleId(cars[0]!.id);
  }, [cars, vehicleId]);
  useEffect(() => {
    if (stores.data && !storeId)
      setStoreId(stores.data.homeStoreId ?? stores.data.items[0]?.id ?? null);
  }, [stores.data, storeId]);

  const availability = useLoad(
    () => (storeId ? bookingApi.availability(storeId) : Promise.resolve(null)),
    `availability-${storeId ?? ''}`,
  );
  const days: AvailableDay[] = useMemo(() => availability.data?.days ?? [], [availability.data]);
  const timeZone = availability.data?.timeZone;
  const dayLabel = useDayLabel(timeZone ? dateOf(new Date().toISOString(), timeZone) : null);

  // Open the first day that still has a free place.
  useEffect(() => {
    if (days.length === 0) return;
    if (date && days.some((d) => d.date === date)) return;
    const open = days.find((d) => d.slots.some((s) => s.remaining > 0)) ?? days[0]!;
    setDate(open.date);
  }, [days, date]);

  const day = days.find((d) => d.date === date) ?? null;
  const car = cars?.find((c) => c.id === vehicleId) ?? null;
  const store = stores.data?.items.find((s) => s.id === storeId) ?? null;

  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/', { replace: true });
  };

  async function confirm() {
    if (!slot || !storeId || !vehicleId) return;
    setBooking(true);
    try {
      const booked = await bookingApi.book({
        storeId,
        vehicleId,
        startsAt: slot.startsAt,
        serviceCategory: service,
        notes: note.trim() || null,
      });
      navigate(`/appointments/${booked.id}?booked=1`, { replace: true });
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorMessage(error) });
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
        setSlot(null);
        void availability.reload();
      }
    } finally {
      setBooking(false);
    }
  }

  let body;
  if (vehicles.error || stores.error) {
    body = (
      <LoadError
        message={errorMessage(vehicles.error ?? stores.error)}
        onRetry={() => {
          void vehicles.reload();
          void stores.reload();
        }}
      />
    );
  } else if (!cars || !stores.data) {
    body = (
      <div className="section" aria-busy="true">
        <Skeleton.Title animated />
        <Skeleton.Paragraph lineCount={4} animated />
      </div>
    );
  } else if (cars.length === 0) {
    body = (
      <ErrorBlock
        className="empty-block"
        status="empty"
        title={t('booking.noCars')}
        description={t('booking.noCarsHint')}
      />
    );
  } else {
    body = (
      <div className="booking-body">
        <section className="section">
          <h2 className="section-title">{t('booking.car')}</h2>
          <div className="chip-row" role="radiogroup" aria-label={t('booking.car')}>
            {cars.map((c) => (
              <button
                key={c.id}
                type="button"
                role="radio"
                aria-checked={c.id === vehicleId}
                className={c.id === vehicleId ? 'choice choice-on' : 'choice'}
                data-testid="book-car"
                onClick={() => setVehicleId(c.id)}
              >
                <PlateBadge plate={c.plate} />
                <span className="choice-sub">{title(c)}</span>
              </button>
            ))}
          </div>
        </section>

        <section className="section">
          <h2 className="section-title">{t('booking.store')}</h2>
          <div className="chip-row" role="radiogroup" aria-label={t('booking.store')}>
            {stores.data.items.map((s) => (
              <button
                key={s.id}
                type="button"
                role="radio"
                aria-checked={s.id === storeId}
                className={s.id === storeId ? 'choice choice-on' : 'choice'}
                data-testid="book-store"
                onClick={() => {
                  if (s.id === storeId) return;
                  setStoreId(s.id);
                  setDate(null);
                  setSlot(null);
                }}
              >
                <span className="choice-title">{s.name}</span>
                {s.address && <span className="choice-sub">{s.address}</span>}
              </button>
            ))}
          </div>
        </section>

        <section className="section">
          <h2 className="section-title">{t('booking.time')}</h2>
          {availability.error ? (
            <LoadError
              message={errorMessage(availability.error)}
              onRetry={() => void availability.reload()}
            />
          ) : !availability.data ? (
            <div aria-busy="true">
              <Skeleton.Paragraph lineCount={3} animated />
            </div>
          ) : days.length === 0 ? (
            <ErrorBlock
              className="empty-block"
              status="empty"
              title={t('booking.noSlots')}
              description={t('booking.noSlotsHint')}
            />
          ) : (
            <>
              <div className="day-strip" role="tablist">
                {days.map((d) => {
                  const label = dayLabel(d.date);
                  const free = d.slots.reduce((n, s) => n + (s.remaining > 0 ? 1 : 0), 0);
                  return (
                    <button
                      key={d.date}
                      type="button"
                      role="tab"
                      aria-selected={d.date === date}
                      className={d.date === date ? 'day-chip day-chip-on' : 'day-chip'}
                      data-testid="book-day"
                      data-date={d.date}
                      onClick={() => {
                        setDate(d.date);
                        setSlot(null);
                      }}
                    >
                      <span className="day-chip-weekday">{label.relative}</span>
                      <span className="day-chip-date">{label.day}</span>
                      <span className={free ? 'day-chip-free' : 'day-chip-free day-chip-full'}>
                        {free ? t('booking.freeSlots', { count: free }) : t('booking.full')}
                      </span>
                    </button>
                  );
                })}
              </div>
              {day && (
                <div className="slot-grid" role="radiogroup" aria-label={t('booking.time')}>
                  {day.slots.map((s) => {
                    const full = s.remaining <= 0;
                    const on = slot?.startsAt === s.startsAt;
                    return (
                      <button
                        key={s.startsAt}
                        type="button"
                        role="radio"
                        aria-checked={on}
                        disabled={full}
                        className={full ? 'slot slot-full' : on ? 'slot slot-on' : 'slot'}
                        data-testid={full ? 'book-slot-full' : 'book-slot'}
                        data-starts-at={s.startsAt}
                        onClick={() => setSlot(s)}
                      >
                        <span className="slot-time">{timeOf(s.startsAt, timeZone)}</span>
                        <span className="slot-left">
                          {full ? t('booking.full') : t('booking.left', { count: s.remaining })}
                        </span>
                      </button>
                    );
                  })}
                </div>
              )}
            </>
          )}
        </section>

        <section className="section">
          <h2 className="section-title">
            {t('booking.service')}
            <span className="section-title-hint">{t('booking.serviceOptional')}</span>
          </h2>
          <div className="chip-row chip-wrap" role="radiogroup" aria-label={t('booking.service')}>
            {BOOKING_SERVICES.map((s) => (
              <button
                key={s}
                type="button"
                role="radio"
                aria-checked={s === service}
                className={s === service ? 'choice choice-on' : 'choice'}
                data-testid="book-service"
                data-service={s}
                onClick={() => setService(s === service ? null : s)}
              >
                <span className="choice-title">{t(`booking.services.${s}`)}</span>
              </button>
            ))}
          </div>
          <TextArea
            className="booking-note"
            data-testid="book-note"
            aria-label={t('booking.note')}
            placeholder={t('booking.notePlaceholder')}
            value={note}
            onChange={setNote}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
          />
        </section>
      </div>
    );
  }

  const summary =
    slot && day
      ? `${dayLabel(day.date).day} ${dayLabel(day.date).weekday} ${timeOf(slot.startsAt, timeZone)}`
      : null;

  return (
    <div className="page booking-page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {t('booking.title')}
      </NavBar>
      {body}
      {cars && cars.length > 0 && (
        <div className="confirm-bar">
          <div className="confirm-bar-summary">
            {summary ? (
              <>
                <div className="confirm-bar-time">{summary}</div>
                <div className="confirm-bar-sub">
                  {[store?.name, car?.plate, service ? t(`booking.services.${service}`) : null]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </>
            ) : (
              <div className="muted">{t('booking.pickSlot')}</div>
            )}
          </div>
          <Button
            color="primary"
            shape="rounded"
            size="large"
            disabled={!slot}
            loading={booking}
            onClick={() => void confirm()}
            data-testid="book-confirm"
          >
            {t('booking.confirm')}
          </Button>
        </div>
      )}
    </div>
  );
}
