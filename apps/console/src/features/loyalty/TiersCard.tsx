// 会员设置 — member tiers: what they are measured by (spend or points), over which period, the
// notice before a downgrade, and the levels with their thresholds and earn multipliers.
import { Button, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormCard, MoneyInput } from '../../kit/index.ts';
import type { TierSettings } from './LoyaltyCommon.tsx';

type TiersForm = TierSettings;

export function TiersCard({ tiers, editable }: { tiers: TierSettings; editable: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TiersForm>();
  const metric = (Form.useWatch('metric', form) as string | undefined) ?? tiers.metric;
  const save = (v: TiersForm) =>
    unwrap(
      api.PUT('/api/v1/staff/loyalty/tiers', {
        body: {
          metric: v.metric,
          periodMonths: v.periodMonths,
          noticeDays: v.noticeDays,
          levels: (v.levels ?? []).map((l) => ({
            code: l.code,
            name: l.name.trim(),
            threshold: Math.round(l.threshold),
            earnMultiplier: l.earnMultiplier,
            upgradeCouponTemplateIds: l.upgradeCouponTemplateIds ?? [],
          })),
        },
      }),
    );
  return (
    <FormCard
      title={t('loyalty.settings.tiers')}
      form={form}
      onSubmit={save}
      savedText={t('loyalty.settings.saved')}
      editable={editable}
      saveTestId="tiers-save"
      formProps={{ initialValues: tiers }}
    >
      <Flex gap={16} wrap>
        <Form.Item name="metric" label={t('loyalty.settings.tierMetric')} style={{ width: 200 }}>
          <Select
            options={(['spend', 'points'] as const).map((m) => ({
              value: m,
              label: t(`loyalty.settings.metrics.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="periodMonths"
          label={t('loyalty.settings.periodMonths')}
          rules={[{ required: true }]}
          style={{ width: 200 }}
        >
          <InputNumber min={1} max={60} precision={0} suffix={t('loyalty.settings.months')} />
        </Form.Item>
        <Form.Item
          name="noticeDays"
          label={t('loyalty.settings.noticeDays')}
          rules={[{ required: true }]}
          style={{ width: 200 }}
        >
          <InputNumber min={0} max={180} precision={0} suffix={t('loyalty.settings.days')} />
        </Form.Item>
      </Flex>
      <Form.List name="levels">
        {(fields, { add, remove }) => (
          <Flex vertical>
            {fields.map((f, i) => (
              <Flex key={f.key} gap={12} align="baseline" wrap>
                <Form.Item name={[f.name, 'upgradeCouponTemplateIds']} hidden>
                  <Select mode="multiple" />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'code']}
                  label={i === 0 ? t('loyalty.settings.tierCode') : undefined}
                  rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,29}$/ }]}
                  style={{ width: 120 }}
                >
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'name']}
                  label={i === 0 ? t('loyalty.settings.tierName') : undefined}
                  rules={[{ required: true, whitespace: true }]}
                  style={{ width: 140 }}
                >
                  <Input maxLength={30} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'threshold']}
                  label={i === 0 ? t('loyalty.settings.threshold') : undefined}
                  rules={[{ required: true }]}
                  style={{ width: 180 }}
                >
                  {metric === 'spend' ? (
                    <MoneyInput minFen={0} style={{ width: '100%' }} />
                  ) : (
                    <InputNumber
                      min={0}
                      precision={0}
                      suffix={t('loyalty.settings.pointsUnit')}
                      style={{ width: '100%' }}
                    />
                  )}
                </Form.Item>
                <Form.Item
                  name={[f.name, 'earnMultiplier']}
                  label={i === 0 ? t('loyalty.settings.earnMultiplier') : undefined}
                  rules={[{ required: true }]}
                  style={{ width: 120 }}
                >
                  <InputNumber
                    min={0}
                    max={10}
                    step={0.1}
                    suffix={t('loyalty.settings.times')}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
                {editable && i > 0 && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                  />
                )}
              </Flex>
            ))}
            {editable && (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    code: `tier${fields.length + 1}`,
                    name: '',
                    threshold: 0,
                    earnMultiplier: 1,
                    upgradeCouponTemplateIds: [],
                  })
                }
                style={{ width: 240 }}
              >
                {t('loyalty.settings.addTier')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
      <Typography.Text type="secondary">{t('loyalty.settings.tiersHint')}</Typography.Text>
    </FormCard>
  );
}
