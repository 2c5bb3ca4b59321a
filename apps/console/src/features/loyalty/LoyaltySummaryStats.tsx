// The headline figures of a customer's loyalty: stored value (principal and bonus), points
// (and pending), points expiring soon, and the tier with the progress to the next one.
import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { StatCards } from '../../kit/index.ts';
import { EMPTY, formatDay, formatFen } from '../../kit/format.ts';
import type { LoyaltySummary } from './LoyaltyCommon.tsx';

function TierNote({ tier }: { tier: NonNullable<LoyaltySummary['tier']> }) {
  const { t } = useTranslation();
  const { value, nextThreshold, metric } = tier.progress;
  const percent = nextThreshold ? Math.min(100, Math.round((value / nextThreshold) * 100)) : 100;
  const shown = (v: number) => (metric === 'spend' ? formatFen(v) : v.toLocaleString('zh-CN'));
  return (
    <>
      <Progress percent={percent} size="small" showInfo={false} />
      <Typography.Text type="secondary">
        {tier.nextTierName && nextThreshold !== null
          ? t('loyalty.summary.toNext', {
              value: shown(value),
              next: shown(nextThreshold),
              name: tier.nextTierName,
            })
          : t('loyalty.summary.topTier')}
      </Typography.Text>
    </>
  );
}

export function LoyaltySummaryStats({
  summary,
  timeZone,
}: {
  summary: LoyaltySummary | undefined;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const sv = summary?.storedValue;
  const pts = summary?.points;
  const tier = summary?.tier ?? null;
  const note = (text: string, testId?: string) => (
    <Typography.Text type="secondary" data-testid={testId}>
      {text}
    </Typography.Text>
  );
  return (
    <StatCards
      gap={48}
      style={{ marginBottom: 16 }}
      items={[
        {
          title: t('loyalty.summary.storedValue'),
          value: sv ? formatFen(sv.balanceFen) : EMPTY,
          blockTestId: 'loyalty-stored-value',
          note: note(
            sv
              ? t('loyalty.summary.split', {
                  principal: formatFen(sv.principalFen),
                  bonus: formatFen(sv.bonusFen),
                })
              : EMPTY,
            'loyalty-stored-value-split',
          ),
        },
        {
          title: t('loyalty.summary.points'),
          value: pts ? pts.available.toLocaleString('zh-CN') : EMPTY,
          blockTestId: 'loyalty-points',
          note: note(
            pts ? t('loyalty.summary.pending', { count: pts.pending }) : EMPTY,
            'loyalty-points-pending',
          ),
        },
        {
          title: t('loyalty.summary.expiring'),
          value: pts?.expiringSoon ? pts.expiringSoon.amount.toLocaleString('zh-CN') : 0,
          note: note(
            pts?.expiringSoon
              ? t('loyalty.summary.before', { date: formatDay(pts.expiringSoon.before, timeZone) })
              : t('loyalty.summary.noneExpiring'),
          ),
        },
        {
          title: t('loyalty.summary.tier'),
          value: tier?.name ?? t('loyalty.summary.noTier'),
          blockTestId: 'loyalty-tier',
          style: { minWidth: 220 },
          note: tier ? <TierNote tier={tier} /> : null,
        },
      ]}
    />
  );
}
