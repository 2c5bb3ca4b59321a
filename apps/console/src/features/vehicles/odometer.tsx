// A mileage the server refused as far below the car's last reading (ODOMETER_ROLLBACK): what
// it said the last reading was, shown as a warning before staff confirm it.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, useStaff } from '../../api.ts';
import { formatDateTime, formatKm } from '../../kit/format.ts';

export interface Rollback {
  lastMileageKm: number | null;
  lastReadAt: string | null;
}

/** The refusal in `err`, or null when `err` is another error. */
export function rollbackOf(err: unknown): Rollback | null {
  if (!(err instanceof ApiError) || err.code !== 'ODOMETER_ROLLBACK') return null;
  const last = err.details?.lastMileageKm;
  const at = err.details?.lastReadAt;
  return {
    lastMileageKm: typeof last === 'number' ? last : null,
    lastReadAt: typeof at === 'string' ? at : null,
  };
}

/** `keys`: the i18n keys of the title and of the text (with {{km}} and {{at}}). */
export function RollbackAlert({
  rollback,
  keys,
  testId,
}: {
  rollback: Rollback | null;
  keys: { title: string; text: string };
  testId?: string;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  if (!rollback) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={testId}
      title={t(keys.title)}
      description={t(keys.text, {
        km: formatKm(rollback.lastMileageKm),
        at: formatDateTime(rollback.lastReadAt, staff.tenant.timezone),
      })}
    />
  );
}
