// 推荐设置: the referral programme of the tenant — open or closed, the attribution window, the
// minimum first order, both sides' rewards, the welcome offer and the fraud limits.
import { useEffect } from 'react';
import { Divider, Flex, Form, Input, InputNumber, Result, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FormCard, MoneyInput, useLoad } from '../../kit/index.ts';
import type { CouponTemplate } from '../coupons/index.ts';
import {
  REWARD_KINDS,
  canManageReferrals,
  canReadReferrals,
  type ReferralSettings,
  type Reward,
  type RewardKind,
} from './ReferralCommon.tsx';

interface RewardForm {
  kind: RewardKind;
  points?: number;
  fen?: number | null;
  couponTemplateId?: string | null;
}

type FormValues = Omit<ReferralSettings, 'referrerReward' | 'refereeReward'> & {
  referrerReward: RewardForm;
  refereeReward: RewardForm;
};

const FIELDS = [
  'attributionWindowDays',
  'welcomeText',
  'monthlyCapPerReferrer',
  'velocityMaxPerDay',
  'welcomeCouponTemplateId',
];

function rewardToForm(r: Reward): RewardForm {
  return {
    kind: r.kind,
    points: r.kind === 'points' ? r.amount : undefined,
    fen: r.kind === 'stored_value' ? r.amount : undefined,
    couponTemplateId: r.kind === 'coupon' ? r.couponTemplateId : null,
  };
}

function rewardFromForm(r: RewardForm): Reward {
  switch (r.kind) {
    case 'points':
      return { kind: 'points', amount: r.points ?? 0, couponTemplateId: null };
    case 'stored_value':
      return { kind: 'stored_value', amount: r.fen ?? 0, couponTemplateId: null };
    case 'coupon':
      return { kind: 'coupon', amount: 0, couponTemplateId: r.couponTemplateId ?? null };
    default:
      return { kind: 'none', amount: 0, couponTemplateId: null };
  }
}

function RewardFields({
  side,
  templates,
  disabled,
}: {
  side: 'referrerReward' | 'refereeReward';
  templates: CouponTemplate[];
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<FormValues>();
  const kind = Form.useWatch([side, 'kind'], form);
  return (
    <Flex gap={12} wrap align="flex-start">
      <Form.Item name={[side, 'kind']} label={t('referrals.settings.rewardKind')}>
        <Select
          style={{ width: 140 }}
          disabled={disabled}
          data-testid={`${side}-kind`}
          options={REWARD_KINDS.map((k) => ({ value: k, label: t(`referrals.rewardKind.${k}`) }))}
        />
      </Form.Item>
      {kind === 'points' && (
        <Form.Item
          name={[side, 'points']}
          label={t('referrals.settings.points')}
          rules={[{ required: true, message: t('referrals.settings.required') }]}
        >
          <InputNumber min={1} max={1_000_000} precision={0} disabled={disabled} />
        </Form.Item>
      )}
      {kind === 'stored_value' && (
        <Form.Item
          name={[side, 'fen']}
          label={t('referrals.settings.storedValue')}
          rules={[{ required: true, message: t('referrals.settings.required') }]}
        >
          <MoneyInput minFen={1} style={{ width: 140 }} disabled={disabled} />
        </Form.Item>
      )}
      {kind === 'coupon' && (
        <Form.Item
          name={[side, 'couponTemplateId']}
          label={t('referrals.settings.couponTemplate')}
          rules={[{ required: true, message: t('referrals.settings.required') }]}
        >
          <Select
            style={{ width: 240 }}
            disabled={disabled}
            options={templates.map((tp) => ({ value: tp.id, label: tp.name }))}
          />
        </Form.Item>
      )}
    </Flex>
  );
}

export default function ReferralSettingsPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = canReadReferrals(staff);
  const editable = canManageReferrals(staff);
  const [form] = Form.useForm<FormValues>();
  const loaded = useLoad(
    () =>
      Promise.all([
        unwrap(api.GET('/api/v1/staff/referrals/settings')),
        unwrap(
          api.GET('/api/v1/staff/coupon-templates', {
            params: { query: { status: 'active', limit: 200 } },
          }),
        ).catch(() => ({ items: [] as CouponTemplate[] })),
      ]),
    [],
    { enabled: allowed },
  );
  const settings = loaded.data?.[0];
  const templates = (loaded.data?.[1].items ?? []).filter((tp) => !tp.partnerId);

  useEffect(() => {
    if (!settings) return;
    form.setFieldsValue({
      ...settings,
      referrerReward: rewardToForm(settings.referrerReward),
      refereeReward: rewardToForm(settings.refereeReward),
    });
  }, [settings, form]);

  const save = ({ referrerReward, refereeReward, ...rest }: FormValues) =>
    unwrap(
      api.PUT('/api/v1/staff/referrals/settings', {
        body: {
          ...rest,
          welcomeCouponTemplateId: rest.welcomeCouponTemplateId ?? null,
          minOrderFen: rest.minOrderFen ?? 0,
          referrerReward: rewardFromForm(referrerReward),
          refereeReward: rewardFromForm(refereeReward),
        },
      }),
    );

  if (!allowed) return <Result status="403" title={t('referrals.forbidden')} />;

  return (
    <FormCard
      title={t('referrals.settings.title')}
      style={{ maxWidth: 880 }}
      form={form}
      onSubmit={save}
      onDone={(saved) => loaded.setData((d) => d && [saved, d[1]])}
      savedText={t('referrals.settings.saved')}
      fields={FIELDS}
      editable={editable}
      saveTestId="referral-settings-save"
      loading={!settings}
      loadError={loaded.error}
      formProps={{ requiredMark: false }}
      testId="referral-settings"
    >
      <Flex gap={24} wrap>
        <Form.Item name="enabled" label={t('referrals.settings.enabled')} valuePropName="checked">
          <Switch data-testid="referral-enabled" />
        </Form.Item>
        <Form.Item
          name="reviewFlagged"
          label={t('referrals.settings.reviewFlagged')}
          valuePropName="checked"
          tooltip={t('referrals.settings.reviewFlaggedHint')}
        >
          <Switch />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item
          name="attributionWindowDays"
          label={t('referrals.settings.attributionWindowDays')}
          tooltip={t('referrals.settings.attributionWindowHint')}
        >
          <InputNumber min={1} max={365} precision={0} suffix={t('referrals.settings.days')} />
        </Form.Item>
        <Form.Item
          name="minOrderFen"
          label={t('referrals.settings.minOrder')}
          tooltip={t('referrals.settings.minOrderHint')}
        >
          <MoneyInput minFen={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="monthlyCapPerReferrer"
          label={t('referrals.settings.monthlyCap')}
          tooltip={t('referrals.settings.monthlyCapHint')}
        >
          <InputNumber min={1} max={1000} precision={0} />
        </Form.Item>
        <Form.Item
          name="velocityMaxPerDay"
          label={t('referrals.settings.velocity')}
          tooltip={t('referrals.settings.velocityHint')}
        >
          <InputNumber min={1} max={100} precision={0} />
        </Form.Item>
      </Flex>
      <Divider titlePlacement="start">{t('referrals.settings.referrerReward')}</Divider>
      <RewardFields side="referrerReward" templates={templates} disabled={!editable} />
      <Divider titlePlacement="start">{t('referrals.settings.refereeReward')}</Divider>
      <RewardFields side="refereeReward" templates={templates} disabled={!editable} />
      <Divider titlePlacement="start">{t('referrals.settings.welcome')}</Divider>
      <Form.Item
        name="welcomeCouponTemplateId"
        label={t('referrals.settings.welcomeCoupon')}
        tooltip={t('referrals.settings.welcomeCouponHint')}
      >
        <Select
          allowClear
          style={{ maxWidth: 320 }}
          placeholder={t('referrals.settings.noWelcomeCoupon')}
          options={templates.map((tp) => ({ value: tp.id, label: tp.name }))}
        />
      </Form.Item>
      <Form.Item name="welcomeText" label={t('referrals.settings.welcomeText')}>
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('referrals.settings.rulesHint')}
      </Typography.Paragraph>
    </FormCard>
  );
}
