// Shapes and small pieces shared by the campaign screens (营销活动): types from the generated
// OpenAPI document, the status tag and the accounting line.
import { Typography } from 'antd';
import { StatusTag } from '../../kit/index.ts';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';

export type Campaign = Json<paths['/api/v1/staff/campaigns/{campaignId}']['get']>;
export type CampaignOptions = Json<paths['/api/v1/staff/campaigns/options']['get']>;
export type CampaignReport = Json<paths['/api/v1/staff/campaigns/{campaignId}/report']['get']>;

const STATUS_COLOR: Record<Campaign['status'], string> = {
  draft: 'default',
  scheduled: 'blue',
  running: 'processing',
  completed: 'green',
  cancelled: 'red',
};

export const CampaignStatusTag = ({ status }: { status: Campaign['status'] }) => (
  <StatusTag
    value={status}
    prefix="campaigns.status"
    colors={STATUS_COLOR}
    testId="campaign-status"
  />
);

/** One line: targeted = held out + pending + sent + suppressed + failed. */
export function AccountingLine({ a }: { a: Campaign['accounting'] }) {
  const { t } = useTranslation();
  return (
    <Typography.Text data-testid="campaign-accounting">
      {t('campaigns.accountingLine', a)}
    </Typography.Text>
  );
}
