// 暂缓: hide the car (and hold its reminders) until a day.
import { Form } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { DateField, FormModal } from '../../kit/index.ts';
import type { CallRow } from './calls.ts';

export default function SnoozeModal({
  row,
  today,
  onClose,
  onDone,
}: {
  row: CallRow | null;
  today: string | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ until: string }>();
  const save = (v: { until: string }) =>
    unwrap(
      api.PUT('/api/v1/staff/call-list/{vehicleId}/snooze', {
        params: { path: { vehicleId: row!.vehicleId } },
        body: { until: v.until },
      }),
    );
  return (
    <FormModal<{ until: string }, unknown>
      open={row !== null}
      title={t('calls.snooze.title', { plate: row?.plate ?? '' })}
      form={form}
      fields={['until']}
      values={{
        until: dayjs(today ?? undefined)
          .add(7, 'day')
          .format('YYYY-MM-DD'),
      }}
      onSubmit={save}
      onDone={onDone}
      onClose={onClose}
      okText={t('calls.snooze.save')}
      okTestId="call-snooze-save"
      footerNote={t('calls.snooze.note')}
    >
      <DateField name="until" label={t('calls.snooze.until')} testId="call-snooze-date" />
    </FormModal>
  );
}
