import { useEffect } from 'react';
import { Button, DatePicker, Empty, Flex, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { ErrorAlert, useLoad } from '../../kit/index.ts';
import { timeIn, todayIn, type AvailableSlot } from './appointments.ts';

/**
 * A day and one of its free slots at a store: the date picker, then the day's slots as
 * buttons (full ones disabled). `value` is the chosen slot's start (ISO).
 */
export default function SlotPicker({
  storeId,
  date,
  onDateChange,
  value,
  onChange,
  exclude,
  autoPick,
}: {
  storeId: string | undefined;
  date: string;
  onDateChange: (date: string) => void;
  value: string | undefined;
  onChange: (startsAt: string | undefined, slot?: AvailableSlot) => void;
  /** A start to show as taken by the booking being moved. */
  exclude?: string;
  /** With nothing chosen, choose the day's first free slot once it is known (still changeable). */
  autoPick?: boolean;
}) {
  const { t } = useTranslation();
  const day = `${storeId}|${date}`;
  const loaded = useLoad(
    async () => ({
      day,
      availability: await unwrap(
        api.GET('/api/v1/staff/availability', {
          params: { query: { storeId: storeId!, from: date, days: 1 } },
        }),
      ),
    }),
    [day],
    { enabled: Boolean(storeId) },
  );
  // Another day's slots are not shown while this day's load.
  const availability = loaded.data?.day === day ? loaded.data.availability : null;
  const error = loaded.loading ? null : loaded.error;

  const zone = availability?.timeZone ?? 'Asia/Shanghai';
  const slots = availability?.days.find((d) => d.date === date)?.slots ?? [];
  const today = todayIn(zone);
  const firstFree = slots.find((s) => s.remaining > 0 && s.startsAt !== exclude);
  useEffect(() => {
    if (autoPick && value === undefined && firstFree) onChange(firstFree.startsAt, firstFree);
  }, [autoPick, value, firstFree, onChange]);

  return (
    <Flex vertical gap={12}>
      <DatePicker
        value={dayjs(date)}
        allowClear={false}
        disabledDate={(d) => d.format('YYYY-MM-DD') < today}
        onChange={(d) => {
          if (!d) return;
          onDateChange(d.format('YYYY-MM-DD'));
          onChange(undefined);
        }}
        style={{ width: 200 }}
        data-testid="slot-date"
      />
      {error ? (
        <ErrorAlert error={error} onRetry={() => void loaded.reload()} />
      ) : !availability ? (
        <Skeleton.Button active block />
      ) : slots.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appointments.noSlots')} />
      ) : (
        <Flex wrap gap={8} role="radiogroup">
          {slots.map((s) => {
            const full = s.remaining <= 0 || s.startsAt === exclude;
            const on = s.startsAt === value;
            return (
              <Button
                key={s.startsAt}
                type={on ? 'primary' : 'default'}
                disabled={full}
                onClick={() => onChange(s.startsAt, s)}
                role="radio"
                aria-checked={on}
                data-testid="slot-option"
                style={{ width: 92, height: 48, flexDirection: 'column', gap: 0 }}
              >
                <span style={{ fontWeight: 600 }}>{timeIn(s.startsAt, zone)}</span>
                <Typography.Text
                  type={on ? undefined : full ? 'secondary' : 'success'}
                  style={{ fontSize: 11, color: on ? 'inherit' : undefined }}
                >
                  {s.startsAt === exclude
                    ? t('appointments.current')
                    : full
                      ? t('appointments.full')
                      : t('appointments.left', { count: s.remaining })}
                </Typography.Text>
              </Button>
            );
          })}
        </Flex>
      )}
    </Flex>
  );
}
