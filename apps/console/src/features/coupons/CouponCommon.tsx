// Shapes and small pieces shared by the coupon screens: types from the generated OpenAPI
// document, the state tag, and the role checks.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';

export type CouponTemplate = Json<paths['/api/v1/staff/coupon-templates/{templateId}']['get']>;
export type CouponTemplateInput = Body<paths['/api/v1/staff/coupon-templates']['post']>;
export type Coupon = Json<paths['/api/v1/staff/coupons/{couponId}']['get']>;
export type IssueResult = Json<paths['/api/v1/staff/coupon-templates/{templateId}/issue']['post']>;
export type CouponValidation = Json<paths['/api/v1/staff/coupons/validate']['post']>;
export type CouponKind = CouponTemplate['kind'];
export type CouponState = Coupon['state'];

export const COUPON_KINDS = [
  'amount_off',
  'percent_off',
  'free_item',
  'package',
] as const satisfies readonly CouponKind[];

/** Owners and managers design templates and void coupons. */
export const canManageCoupons = (staff: StaffMe) =>
  staff.role === 'owner' || staff.role === 'manager';
/** The front desk issues and applies them. */
export const canIssueCoupons = (staff: StaffMe) =>
  staff.role === 'owner' || staff.role === 'manager' || staff.role === 'advisor';

const STATE_COLOURS: Record<CouponState, string> = {
  valid: 'green',
  not_yet_valid: 'blue',
  expired: 'default',
  redeemed: 'purple',
  voided: 'red',
};

export function CouponStateTag({ state }: { state: CouponState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid="coupon-state" data-state={state}>
      {t(`coupons.state.${state}`)}
    </Tag>
  );
}
