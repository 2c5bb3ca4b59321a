// 禁言: a member may not post or comment for some days — in one club or in every club — with
// their visible pieces there hidden too when asked; the reason goes to the log.
import { useState } from 'react';
import { Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, useLoad } from '../../kit/index.ts';
import type { CustomerSummary } from '../../types.ts';
import { CustomerPicker } from '../customers/index.ts';
import type { Mute } from './moderation.ts';

/** Whom to mute: a known member (from a row), or 'pick' to find one. */
export type MuteTarget = { customerId: string; name: string | null; scopeId: string | null };

interface Values {
  scopeId: string;
  days: number;
  hidePast: boolean;
  reason: string;
}

const EVERYWHERE = '';

export function MuteModal({
  target,
  onClose,
  onDone,
}: {
  target: MuteTarget | 'pick' | null;
  onClose: () => void;
  onDone: (mute: Mute & { hiddenCount: number }) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<CustomerSummary | null>(null);
  const open = target !== null;
  const clubs = useLoad(() => unwrap(api.GET('/api/v1/staff/clubs')), [], { enabled: open });
  const known = target && target !== 'pick' ? target : null;
  const customerId = known?.customerId ?? picked?.id;

  return (
    <FormModal<Values, Mute & { hiddenCount: number }>
      open={open}
      title={t('moderation.mutes.title')}
      form={form}
      fields={['days', 'reason', 'scopeId']}
      values={{ scopeId: known?.scopeId ?? EVERYWHERE, days: 7, hidePast: false }}
      okText={t('moderation.mutes.ok')}
      okDisabled={!customerId}
      danger
      okTestId="mute-ok"
      testId="mute-form"
      onClose={() => {
        setPicked(null);
        onClose();
      }}
      onSubmit={(v) =>
        unwrap(
          api.POST('/api/v1/staff/moderation/mutes', {
            body: {
              customerId: customerId!,
              scopeId: v.scopeId || null,
              days: v.days,
              hidePast: v.hidePast,
              reason: v.reason,
            },
          }),
        )
      }
      onDone={(mute) => {
        setPicked(null);
        onDone(mute);
      }}
    >
      <Form.Item label={t('moderation.mutes.member')} required>
        {known ? (
          <Typography.Text strong data-testid="mute-member">
            {known.name ?? t('moderation.unnamed')}
          </Typography.Text>
        ) : (
          <CustomerPicker value={picked} onChange={setPicked} testId="mute-customer" />
        )}
      </Form.Item>
      <Form.Item name="scopeId" label={t('moderation.mutes.scope')}>
        <Select
          loading={clubs.loading}
          data-testid="mute-scope"
          options={[
            { value: EVERYWHERE, label: t('moderation.mutes.everywhere') },
            ...(clubs.data?.items ?? [])
              .filter((c) => !c.archived)
              .map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
      </Form.Item>
      <Form.Item
        name="days"
        label={t('moderation.mutes.days')}
        rules={[{ required: true, type: 'integer', min: 1, max: 3650 }]}
      >
        <InputNumber
          min={1}
          max={3650}
          precision={0}
          addonAfter={t('moderation.mutes.daysUnit')}
          data-testid="mute-days"
        />
      </Form.Item>
      <Form.Item
        name="hidePast"
        label={t('moderation.mutes.hidePast')}
        valuePropName="checked"
        extra={t('moderation.mutes.hidePastHint')}
      >
        <Switch data-testid="mute-hide-past" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('moderation.decide.reason')}
        rules={[
          { required: true, whitespace: true, message: t('moderation.decide.reasonRequired') },
        ]}
      >
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="mute-reason" />
      </Form.Item>
    </FormModal>
  );
}
