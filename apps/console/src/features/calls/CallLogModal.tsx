// 记录通话: the outcome of a call and a note. One Idempotency-Key per opening, so a double
// click (or a retry after a lost answer) logs the call once.
import { useRef } from 'react';
import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';
import { CALL_OUTCOMES, type CallOutcome, type CallRow } from './calls.ts';

interface Values {
  outcome: CallOutcome;
  note?: string;
}

export default function CallLogModal({
  row,
  onClose,
  onDone,
}: {
  row: CallRow | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const key = useRef<{ vehicleId: string; key: string } | null>(null);
  if (row && key.current?.vehicleId !== row.vehicleId)
    key.current = { vehicleId: row.vehicleId, key: crypto.randomUUID() };

  const save = (v: Values) =>
    unwrap(
      api.POST('/api/v1/staff/call-list/{vehicleId}/calls', {
        params: { path: { vehicleId: row!.vehicleId } },
        body: { outcome: v.outcome, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
        headers: { 'Idempotency-Key': key.current!.key },
      }),
    );

  return (
    <FormModal<Values, unknown>
      open={row !== null}
      title={t('calls.log.title', { plate: row?.plate ?? '', name: row?.customerName ?? '' })}
      form={form}
      fields={['outcome', 'note']}
      values={{ outcome: 'no_answer' }}
      onSubmit={save}
      onDone={() => {
        key.current = null;
        onDone();
      }}
      onClose={onClose}
      okText={t('calls.log.save')}
      okTestId="call-log-save"
      testId="call-log-form"
    >
      <Form.Item name="outcome" label={t('calls.log.outcome')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={CALL_OUTCOMES.map((o) => ({ value: o, label: t(`calls.outcome.${o}`) }))}
          data-testid="call-outcome"
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('calls.log.note')}
        dependencies={['outcome']}
        rules={[
          ({ getFieldValue }) => ({
            required: getFieldValue('outcome') === 'other',
            message: t('calls.log.noteRequired'),
          }),
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="call-note" />
      </Form.Item>
    </FormModal>
  );
}
