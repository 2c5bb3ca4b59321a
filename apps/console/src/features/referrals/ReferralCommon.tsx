// Shapes and small pieces shared by the referral screens (老带新): types from the generated
// OpenAPI document, the status and flag tags, reward wording and the role checks.
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { paths } from '@liuke/api-client';
import type { Json, StaffMe } from '../../types.ts';
import { EMPTY, formatFen } from '../../kit/format.ts';

export type ReferralSettings = Json<paths['/api/v1/staff/referrals/settings']['get']>;
export type Reward = ReferralSettings['referrerReward'];
export type RewardKind = Reward['kind'];
export type Referral = Json<paths['/api/v1/staff/referrals']['get']>['items'][number];
export type ReferralStatus = Referral['status'];
export type ReferralFlag = Referral['flags'][number];
export type ReferralReward = Referral['rewards'][number];
export type CustomerReferrals = Json<
  paths['/api/v1/staff/customers/{customerId}/referrals']['get']
>;
export type ReferralTree = Json<paths['/api/v1/staff/referrals/tree']['get']>;
export type ReferralNode = ReferralTree['root'];
export type TopReferrer = Json<paths['/api/v1/staff/referrals/top']['get']>['items'][number];
export type ReferralShare = Json<paths['/api/v1/staff/referrals/share']['get']>;
export type ShareRow = ReferralShare['rows'][number];

export const REFERRAL_STATUSES = [
  'attributed',
  'flagged',
  'qualified',
  'rewarded',
  'rejected',
  'reversed',
] as const satisfies readonly ReferralStatus[];
export const REWARD_KINDS = [
  'points',
  'stored_value',
  'coupon',
  'none',
] as const satisfies readonly RewardKind[];

/** Owners and managers change the programme and decide flagged referrals. */
export const canManageReferrals = (staff: StaffMe) =>
  staff.role === 'owner' || staff.role === 'manager';
/** The front desk also reads referrals and attributes a new customer by code. */
export const canReadReferrals = (staff: StaffMe) =>
  canManageReferrals(staff) || staff.role === 'advisor';

const STATUS_COLOURS: Record<ReferralStatus, string> = {
  attributed: 'blue',
  flagged: 'orange',
  qualified: 'cyan',
  rewarded: 'green',
  rejected: 'red',
  reversed: 'default',
};

export function ReferralStatusTag({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATUS_COLOURS[status]}
      data-testid="referral-status"
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {t(`referrals.status.${status}`)}
    </Tag>
  );
}

/** A flag's details in words ("24 小时内 6 人（上限 5）"), from the codes the server gives. */
export function flagDetailText(t: TFunction, flag: ReferralFlag): string {
  const d = flag.details as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? d[k] : '');
  switch (flag.code) {
    case 'PHONE_KNOWN':
      return t(`referrals.flagDetail.phone_${String(d.reason ?? 'other_record')}`, {
        defaultValue: '',
      });
    case 'VIN_KNOWN':
      return t('referrals.flagDetail.vin', { vin: str('vin') });
    case 'PLATE_KNOWN':
      return t('referrals.flagDetail.plate', { plate: str('plate') });
    case 'HOUSEHOLD_ADDRESS':
    case 'HOUSEHOLD_PAYER':
      return d.isReferrer
        ? t('referrals.flagDetail.householdReferrer')
        : t('referrals.flagDetail.householdOther');
    case 'STAFF_SELF':
      return t(`referrals.flagDetail.staffSelf_${String(d.side ?? 'referee')}`, {
        defaultValue: '',
      });
    case 'STAFF_RELATIVE':
      return t(`referrals.flagDetail.relative_${String(d.reason ?? 'car')}`, {
        defaultValue: '',
      });
    case 'VELOCITY':
      return t('referrals.flagDetail.velocity', { count: Number(d.last24h ?? 0), max: str('max') });
    case 'MONTHLY_CAP':
      return t('referrals.flagDetail.monthlyCap', {
        count: Number(d.thisMonth ?? 0),
        cap: str('cap'),
      });
    default:
      return '';
  }
}

/**
 * The fraud flags of a referral as tags; each tag's tooltip gives the reason. `wide` (the
 * review dialog) writes the details out, with a link to the other customer a rule matched.
 */
export function ReferralFlags({ flags, wide }: { flags: ReferralFlag[]; wide?: boolean }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <Flex gap={4} wrap vertical={wide}>
      {flags.map((f, i) => {
        const extra = flagDetailText(t, f);
        const reason = t(`referrals.flagHint.${f.code}`, { defaultValue: '' });
        const other = (f.details as Record<string, unknown>).customerId;
        const tag = (
          <Tag
            color="volcano"
            data-testid="referral-flag"
            data-code={f.code}
            style={{ marginInlineEnd: 0 }}
          >
            {t(`referrals.flag.${f.code}`, { defaultValue: f.code })}
          </Tag>
        );
        if (!wide)
          return (
            <Tooltip key={`${f.code}-${i}`} title={[reason, extra].filter(Boolean).join('：')}>
              {tag}
            </Tooltip>
          );
        return (
          <Flex key={`${f.code}-${i}`} gap={6} align="center" wrap>
            {tag}
            <Typography.Text type="secondary">{extra || reason}</Typography.Text>
            {typeof other === 'string' && (
              <Link to={`/customers/${other}`} target="_blank">
                {t('referrals.flagDetail.openCustomer')}
              </Link>
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}

/** "500 积分", "¥30.00 储值", "券 · 洗车券", "无". */
export function rewardText(
  t: TFunction,
  r: { kind: RewardKind; amount: number; couponTemplateId?: string | null },
  couponName?: (id: string) => string | undefined,
): string {
  switch (r.kind) {
    case 'points':
      return t('referrals.reward.pointsAmount', { count: r.amount });
    case 'stored_value':
      return t('referrals.reward.storedValueAmount', { amount: formatFen(r.amount) });
    case 'coupon': {
      const name = r.couponTemplateId ? couponName?.(r.couponTemplateId) : undefined;
      return name ? t('referrals.reward.couponNamed', { name }) : t('referrals.reward.coupon');
    }
    default:
      return t('referrals.reward.none');
  }
}

/** A share 0–1 as "23.5%". */
export const pct = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)}%`;

/** The rewards of a referral, one line per side. */
export function RewardLines({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  if (referral.rewards.length === 0) return <>{EMPTY}</>;
  return (
    <Flex vertical gap={2}>
      {referral.rewards.map((r, i) => (
        <Typography.Text key={i} type={r.status === 'granted' ? undefined : 'secondary'}>
          {t(`referrals.side.${r.side}`)}：{rewardText(t, r)} ·{' '}
          {t(`referrals.rewardStatus.${r.status}`)}
        </Typography.Text>
      ))}
    </Flex>
  );
}
