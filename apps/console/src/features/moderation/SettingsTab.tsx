// 审核设置: how many weighted reports hide a piece until a moderator decides, and from which
// trust level a member's links and photos go out without review.
import { useEffect } from 'react';
import { Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormCard, useLoad } from '../../kit/index.ts';
import type { ModerationSettings } from './moderation.ts';

/** Trust levels as clubs give them: 0 new · 1 verified · 2 regular · 3 KOL or organiser. */
const TRUST_LEVELS = [0, 1, 2, 3, 4] as const;

export function SettingsTab() {
  const { t } = useTranslation();
  const [form] = Form.useForm<ModerationSettings>();
  const loaded = useLoad(() => unwrap(api.GET('/api/v1/staff/moderation/settings')), []);
  const settings = loaded.data;
  useEffect(() => {
    if (settings) form.setFieldsValue(settings);
  }, [settings, form]);

  return (
    <FormCard<ModerationSettings, ModerationSettings>
      title={t('moderation.settings.title')}
      style={{ maxWidth: 720 }}
      form={form}
      onSubmit={(v) => unwrap(api.PUT('/api/v1/staff/moderation/settings', { body: v }))}
      onDone={(saved) => loaded.setData(saved)}
      savedText={t('moderation.settings.saved')}
      fields={['autoHideThreshold', 'minTrustForLinks']}
      editable
      saveTestId="moderation-settings-save"
      loading={!settings}
      loadError={loaded.error}
      testId="moderation-settings"
    >
      <Form.Item
        name="autoHideThreshold"
        label={t('moderation.settings.threshold')}
        extra={t('moderation.settings.thresholdHint')}
        rules={[{ required: true, type: 'integer', min: 1, max: 1000 }]}
      >
        <InputNumber
          min={1}
          max={1000}
          precision={0}
          style={{ width: 160 }}
          data-testid="moderation-threshold"
        />
      </Form.Item>
      <Form.Item
        name="minTrustForLinks"
        label={t('moderation.settings.minTrust')}
        extra={t('moderation.settings.minTrustHint')}
        rules={[{ required: true }]}
      >
        <Select
          style={{ maxWidth: 420 }}
          data-testid="moderation-min-trust"
          options={[
            ...TRUST_LEVELS.map((n) => ({ value: n, label: t(`moderation.settings.trust.${n}`) })),
            ...(settings && settings.minTrustForLinks > 4
              ? [{ value: settings.minTrustForLinks, label: String(settings.minTrustForLinks) }]
              : []),
          ]}
        />
      </Form.Item>
    </FormCard>
  );
}
