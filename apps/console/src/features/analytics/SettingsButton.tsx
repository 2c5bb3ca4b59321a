// The dashboards' settings (owner only): what one message costs on each channel — the figures
// behind "cost per conversion by channel" (SMS per 70-character segment) — and whether the
// owners get the weekly report by e-mail every Monday morning.
import { useState } from 'react';
import { App, Button, Form, InputNumber, Switch } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';

interface Values {
  smsSegmentFen: number;
  wechatFen: number;
  emailFen: number;
  pushFen: number;
  weeklyReport: boolean;
}

const COSTS = ['smsSegmentFen', 'wechatFen', 'emailFen', 'pushFen'] as const;

export function SettingsButton({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const [form] = Form.useForm<Values>();
  const [values, setValues] = useState<Values | null>(null);
  if (staff.role !== 'owner') return null;
  const open = async () => {
    const s = await unwrap(api.GET('/api/v1/staff/analytics/settings'));
    setValues({ ...s, weeklyReport: s.weeklyReport === 'on' });
  };
  return (
    <>
      <Button
        data-testid="analytics-settings"
        icon={<SettingOutlined />}
        onClick={() => void open()}
      >
        {t('analytics.settings.title')}
      </Button>
      <FormModal<Values, unknown>
        open={!!values}
        title={t('analytics.settings.title')}
        form={form}
        values={values ?? undefined}
        fields={[...COSTS, 'weeklyReport']}
        onClose={() => setValues(null)}
        onSubmit={(v) =>
          unwrap(
            api.PUT('/api/v1/staff/analytics/settings', {
              body: { ...v, weeklyReport: v.weeklyReport ? 'on' : 'off' },
            }),
          )
        }
        onDone={() => {
          setValues(null);
          message.success(t('analytics.settings.saved'));
          onSaved();
        }}
        testId="analytics-settings-form"
      >
        {COSTS.map((k) => (
          <Form.Item
            key={k}
            name={k}
            label={t(`analytics.settings.${k}`)}
            rules={[{ required: true }]}
          >
            <InputNumber
              min={0}
              max={10000}
              precision={0}
              addonAfter={t('analytics.settings.fen')}
            />
          </Form.Item>
        ))}
        <Form.Item
          name="weeklyReport"
          label={t('analytics.settings.weeklyReport')}
          extra={t('analytics.settings.weeklyReportHelp')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </FormModal>
    </>
  );
}
