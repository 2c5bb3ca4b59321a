import { Button, Popup, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, errorMessage } from '../api.ts';
import type { Vehicle } from '../api.ts';
import { formatDate, formatKm } from '../format.ts';
import { unwrap } from '@liuke/api-client';
import './profile.css';

const MAX_DIGITS = 7; // the server takes up to 2,000,000 km
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The last reading the server compared against when it refused a rollback. */
interface Rollback {
  lastMileageKm: number | null;
  lastReadAt: string | null;
}

/**
 * 当前里程 with a 上报里程 button: a bottom sheet with a number pad. Open, type, submit — two
 * taps. A reading far below the last one is refused by the server; the owner then sees the
 * last reading and can confirm theirs.
 */
export function MileageReport({
  vehicle,
  onReported,
}: {
  vehicle: Pick<Vehicle, 'id' | 'plate' | 'lastMileageKm'>;
  /** Reloads the car, so the page shows the new reading when the sheet closes. */
  onReported: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [digits, setDigits] = useState('');
  const [rollback, setRollback] = useState<Rollback | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (next: string) => {
    setDigits(
      next
        .replace(/\D/g, '')
        .replace(/^0+(?=\d)/, '')
        .slice(0, MAX_DIGITS),
    );
    setRollback(null);
    setError(null);
  };

  const press = (key: (typeof KEYS)[number]) => {
    if (key === 'clear') change('');
    else if (key === 'back') change(digits.slice(0, -1));
    else change(digits + key);
  };

  const submit = async () => {
    if (!digits) {
      setError(t('mileage.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        client.POST('/api/v1/app/me/vehicles/{vehicleId}/odometer', {
          params: { path: { vehicleId: vehicle.id } },
          body: { mileageKm: Number(digits), ...(rollback ? { confirmRollback: true } : {}) },
        }),
      );
      await onReported().catch(() => undefined);
      setOpen(false);
      Toast.show({ icon: 'success', content: t('mileage.saved') });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ODOMETER_ROLLBACK') {
        const last = e.details?.lastMileageKm;
        const at = e.details?.lastReadAt;
        setRollback({
          lastMileageKm: typeof last === 'number' ? last : null,
          lastReadAt: typeof at === 'string' ? at : null,
        });
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mileage-row">
      <div>
        <div className="mileage-label">{t('mileage.current')}</div>
        <div className="mileage-now" data-testid="vehicle-mileage">
          {vehicle.lastMileageKm === null ? t('mileage.none') : formatKm(vehicle.lastMileageKm)}
        </div>
      </div>
      <Button
        size="small"
        color="primary"
        fill="outline"
        shape="rounded"
        data-testid="mileage-report"
        onClick={() => {
          setDigits('');
          setRollback(null);
          setError(null);
          setOpen(true);
        }}
      >
        {t('mileage.report')}
      </Button>

      <Popup
        visible={open}
        onMaskClick={() => setOpen(false)}
        onClose={() => setOpen(false)}
        bodyClassName="mileage-sheet"
        destroyOnClose
      >
        <div className="mileage-sheet-head">
          <span className="mileage-sheet-title">{t('mileage.title')}</span>
          {vehicle.plate && <span className="mileage-sheet-plate">{vehicle.plate}</span>}
        </div>
        <div className="mileage-sheet-last">
          {vehicle.lastMileageKm === null
            ? t('mileage.noneYet')
            : t('mileage.last', { km: formatKm(vehicle.lastMileageKm) })}
        </div>
        <label className="mileage-display">
          <input
            className="mileage-input"
            data-testid="mileage-value"
            inputMode="none"
            autoComplete="off"
            aria-label={t('mileage.title')}
            placeholder="0"
            value={grouped(digits)}
            onChange={(e) => change(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void submit();
            }}
          />
          <span className="mileage-unit">km</span>
        </label>

        {rollback && (
          <div className="mileage-rollback" role="alert" data-testid="mileage-rollback">
            {t('mileage.rollback', {
              km: formatKm(rollback.lastMileageKm),
              date: formatDate(rollback.lastReadAt, i18n.language),
            })}
          </div>
        )}
        {error && (
          <div className="form-message" role="alert">
            {error}
          </div>
        )}

        <div className="keypad" role="group" aria-label={t('mileage.keypad')}>
          {KEYS.map((key) => (
            <button
              key={key}
              type="button"
              className={key === 'clear' || key === 'back' ? 'keypad-key keypad-fn' : 'keypad-key'}
              onClick={() => press(key)}
              aria-label={
                key === 'clear' ? t('mileage.clear') : key === 'back' ? t('mileage.back') : key
              }
            >
              {key === 'clear' ? t('mileage.clear') : key === 'back' ? '⌫' : key}
            </button>
          ))}
        </div>

        <Button
          block
          size="large"
          color={rollback ? 'warning' : 'primary'}
          shape="rounded"
          loading={busy}
          disabled={!digits}
          data-testid="mileage-submit"
          onClick={() => void submit()}
        >
          {rollback ? t('mileage.confirmRollback') : t('mileage.submit')}
        </Button>
      </Popup>
    </div>
  );
}
