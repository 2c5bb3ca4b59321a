// The partner part of the coupon template form (异业联盟): which partner the template belongs
// to, which way it goes (issued by the business and redeemed at the partner, or the reverse)
// and what the redeeming side is owed per redemption.
import { Flex, Form, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { MoneyInput, useLoad } from '../../kit/index.ts';
import type { CouponTemplate } from './CouponCommon.tsx';

type Direction = 'redeem_at_partner' | 'redeem_at_business';

export interface PartnerFormValues {
  partnerId?: string | null;
  partnerDirection?: Direction | null;
  settlementFen?: number | null;
}

export function partnerToForm(tp: CouponTemplate | null): PartnerFormValues {
  if (!tp?.partnerId) return { partnerId: null, partnerDirection: null, settlementFen: undefined };
  return {
    partnerId: tp.partnerId,
    partnerDirection: tp.partnerDirection ?? 'redeem_at_partner',
    settlementFen: tp.settlementFen ?? 0,
  };
}

export function partnerToBody(v: PartnerFormValues): {
  partnerId: string | null;
  partnerDirection: Direction | null;
  settlementFen: number;
} {
  if (!v.partnerId) return { partnerId: null, partnerDirection: null, settlementFen: 0 };
  return {
    partnerId: v.partnerId,
    partnerDirection: v.partnerDirection ?? 'redeem_at_partner',
    settlementFen: v.settlementFen ?? 0,
  };
}

/** Fields inside the template form; `locked` when coupons of it exist (the scope stays). */
export default function CouponPartnerFields({ locked }: { locked?: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const partnerId = Form.useWatch('partnerId', form) as string | null | undefined;
  const partners = useLoad(() => unwrap(api.GET('/api/v1/staff/partners')), []).data?.items ?? [];

  return (
    <Flex gap={12} wrap align="flex-start">
      <Form.Item
        name="partnerId"
        label={t('partners.coupon.partner')}
        tooltip={t('partners.coupon.partnerHint')}
        style={{ minWidth: 220 }}
      >
        <Select
          allowClear
          disabled={locked}
          placeholder={t('partners.coupon.noPartner')}
          data-testid="template-partner"
          onChange={(id: string | undefined) => {
            if (id && !form.getFieldValue('partnerDirection'))
              form.setFieldValue('partnerDirection', 'redeem_at_partner');
          }}
          options={partners.map((p) => ({
            value: p.id,
            label: `${p.name} · ${t(`partners.kind.${p.kind}`)}`,
            disabled: p.status !== 'active',
          }))}
        />
      </Form.Item>
      {partnerId && (
        <>
          <Form.Item
            name="partnerDirection"
            label={t('partners.coupon.direction')}
            rules={[{ required: true, message: t('partners.form.required') }]}
          >
            <Radio.Group
              disabled={locked}
              data-testid="template-partner-direction"
              options={(['redeem_at_partner', 'redeem_at_business'] as const).map((d) => ({
                value: d,
                label: t(`partners.directionLong.${d}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="settlementFen"
            label={t('partners.coupon.settlement')}
            tooltip={t('partners.coupon.settlementHint')}
          >
            <MoneyInput minFen={0} style={{ width: 140 }} data-testid="template-settlement" />
          </Form.Item>
        </>
      )}
    </Flex>
  );
}
