// 会员设置 — the rules: points earned per yuan and per service category, for actions, the return
// window and expiry; stored-value caps, spending order and refund rule.
import { Flex, Form, InputNumber, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormCard, MoneyInput } from '../../kit/index.ts';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import type { LoyaltySettings } from './LoyaltyCommon.tsx';

// Read inside the component, never at module load: the feature chunks import one another, and
// a module-level read could run before the service chunk has run.
type Category = (typeof SERVICE_CATEGORIES)[number];

type RulesForm = {
  points: Omit<LoyaltySettings['points'], 'categoryMultipliers'> & {
    categoryMultipliers: Partial<Record<Category, number | null>>;
  };
  storedValue: Omit<LoyaltySettings['storedValue'], 'capRegisteredFen' | 'capAnonymousFen'> & {
    capRegisteredFen: number;
    capAnonymousFen: number;
  };
};

export function LoyaltyRulesCard({
  settings,
  editable,
}: {
  settings: LoyaltySettings;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RulesForm>();
  const initial: RulesForm = {
    points: settings.points,
    storedValue: {
      spendOrder: settings.storedValue.spendOrder,
      refundRule: settings.storedValue.refundRule,
      capRegisteredFen: settings.storedValue.capRegisteredFen,
      capAnonymousFen: settings.storedValue.capAnonymousFen,
    },
  };
  function save(v: RulesForm) {
    const multipliers: Partial<Record<Category, number>> = {};
    for (const c of SERVICE_CATEGORIES) {
      const m = v.points.categoryMultipliers?.[c];
      if (m !== null && m !== undefined) multipliers[c] = m;
    }
    return unwrap(
      api.PUT('/api/v1/staff/loyalty/settings', {
        body: {
          points: { ...v.points, categoryMultipliers: multipliers },
          storedValue: {
            spendOrder: v.storedValue.spendOrder,
            refundRule: v.storedValue.refundRule,
            capRegisteredFen: v.storedValue.capRegisteredFen,
            capAnonymousFen: v.storedValue.capAnonymousFen,
          },
        },
      }),
    );
  }
  const num = { style: { width: '100%' } };
  return (
    <FormCard
      title={t('loyalty.settings.rules')}
      form={form}
      onSubmit={save}
      savedText={t('loyalty.settings.saved')}
      editable={editable}
      saveTestId="rules-save"
      formProps={{ initialValues: initial }}
    >
      <Typography.Title level={5}>{t('loyalty.settings.points')}</Typography.Title>
      <Flex gap={16} wrap>
        <Form.Item
          name={['points', 'pointsPerYuan']}
          label={t('loyalty.settings.pointsPerYuan')}
          rules={[{ required: true }]}
          style={{ width: 200 }}
        >
          <InputNumber min={0} max={100} step={0.1} {...num} />
        </Form.Item>
        <Form.Item
          name={['points', 'returnWindowDays']}
          label={t('loyalty.settings.returnWindowDays')}
          rules={[{ required: true }]}
          style={{ width: 200 }}
        >
          <InputNumber
            min={0}
            max={90}
            precision={0}
            suffix={t('loyalty.settings.days')}
            {...num}
          />
        </Form.Item>
        <Form.Item
          name={['points', 'expiryMonths']}
          label={t('loyalty.settings.expiryMonths')}
          rules={[{ required: true }]}
          style={{ width: 200 }}
        >
          <InputNumber
            min={1}
            max={120}
            precision={0}
            suffix={t('loyalty.settings.months')}
            {...num}
          />
        </Form.Item>
        <Form.Item
          name={['points', 'allowNegativeOnReversal']}
          label={t('loyalty.settings.allowNegative')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Flex>
      <Form.Item
        label={t('loyalty.settings.multipliers')}
        extra={t('loyalty.settings.multipliersHint')}
      >
        <Flex gap={12} wrap>
          {SERVICE_CATEGORIES.map((c) => (
            <Form.Item
              key={c}
              name={['points', 'categoryMultipliers', c]}
              label={t(`serviceOrders.category.${c}`)}
              style={{ width: 120, marginBottom: 0 }}
            >
              <InputNumber
                min={0}
                max={10}
                step={0.5}
                placeholder="1"
                suffix={t('loyalty.settings.times')}
                {...num}
              />
            </Form.Item>
          ))}
        </Flex>
      </Form.Item>
      <Form.Item label={t('loyalty.settings.actions')}>
        <Flex gap={12} wrap>
          {(['review', 'referral', 'event'] as const).map((a) => (
            <Form.Item
              key={a}
              name={['points', 'actions', a]}
              label={t(`loyalty.settings.action.${a}`)}
              rules={[{ required: true }]}
              style={{ width: 160, marginBottom: 0 }}
            >
              <InputNumber min={0} max={1_000_000} precision={0} {...num} />
            </Form.Item>
          ))}
        </Flex>
      </Form.Item>
      <Typography.Title level={5}>{t('loyalty.settings.redemption')}</Typography.Title>
      <Flex gap={16} wrap>
        <Form.Item
          name={['points', 'redemption', 'pointsPerYuan']}
          label={t('loyalty.settings.redemptionRate')}
          extra={t('loyalty.settings.redemptionRateHint')}
          rules={[{ required: true }]}
          style={{ width: 220 }}
        >
          <InputNumber min={0} max={10_000} precision={0} data-testid="redemption-rate" {...num} />
        </Form.Item>
        <Form.Item
          name={['points', 'redemption', 'maxOrderSharePercent']}
          label={t('loyalty.settings.redemptionShare')}
          rules={[{ required: true }]}
          style={{ width: 220 }}
        >
          <InputNumber min={0} max={100} precision={0} suffix="%" {...num} />
        </Form.Item>
        <Form.Item
          name={['points', 'redemption', 'minPoints']}
          label={t('loyalty.settings.redemptionMin')}
          rules={[{ required: true }]}
          style={{ width: 220 }}
        >
          <InputNumber min={0} max={1_000_000} precision={0} {...num} />
        </Form.Item>
      </Flex>
      <Typography.Title level={5}>{t('loyalty.settings.storedValue')}</Typography.Title>
      <Flex gap={16} wrap>
        <Form.Item
          name={['storedValue', 'capRegisteredFen']}
          label={t('loyalty.settings.capRegistered')}
          rules={[{ required: true }]}
          style={{ width: 200 }}
        >
          <MoneyInput minFen={0} {...num} />
        </Form.Item>
        <Form.Item
          name={['storedValue', 'capAnonymousFen']}
          label={t('loyalty.settings.capAnonymous')}
          rules={[{ required: true }]}
          style={{ width: 200 }}
        >
          <MoneyInput minFen={0} {...num} />
        </Form.Item>
        <Form.Item
          name={['storedValue', 'spendOrder']}
          label={t('loyalty.settings.spendOrder')}
          style={{ width: 220 }}
        >
          <Select
            options={(['principal_first', 'bonus_first', 'proportional'] as const).map((v) => ({
              value: v,
              label: t(`loyalty.settings.spendOrders.${v}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name={['storedValue', 'refundRule']}
          label={t('loyalty.settings.refundRule')}
          style={{ width: 320 }}
        >
          <Select
            options={(['forfeit_bonus', 'deduct_spent_bonus'] as const).map((v) => ({
              value: v,
              label: t(`loyalty.settings.refundRules.${v}`),
            }))}
          />
        </Form.Item>
      </Flex>
    </FormCard>
  );
}
