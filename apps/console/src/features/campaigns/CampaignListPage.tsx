import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Dropdown, Flex, Typography } from 'antd';
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DataTable, useAction } from '../../kit/index.ts';
import { api, unwrap, useStaff } from '../../api.ts';
import { useLoad } from '../../kit/useLoad.ts';
import { formatDateTime } from '../../kit/format.ts';
import {
  AccountingLine,
  CampaignStatusTag,
  type Campaign,
  type CampaignOptions,
} from './CampaignCommon.tsx';

/** 营销活动: campaigns with their accounting; new ones from scratch or from a lifecycle play. */
export default function CampaignListPage() {
  const { t } = useTranslation();
  const action = useAction();
  const staff = useStaff();
  const navigate = useNavigate();
  const { data, loading, error } = useLoad(
    () =>
      Promise.all([
        unwrap(api.GET('/api/v1/staff/campaigns')),
        unwrap(api.GET('/api/v1/staff/campaigns/options')),
      ]),
    [],
  );
  const items: Campaign[] = data?.[0].items ?? [];
  const options: CampaignOptions | null = data?.[1] ?? null;

  async function fromPlay(play: CampaignOptions['plays'][number]['play']) {
    const c = await action.run(play, () =>
      unwrap(api.POST('/api/v1/staff/campaigns/from-play', { body: { play } })),
    );
    if (c) navigate(`/campaigns/${c.id}/edit`);
  }

  return (
    <Card
      title={t('campaigns.title')}
      extra={
        <Flex gap={8}>
          <Dropdown
            menu={{
              items: (options?.plays ?? []).map((p) => ({
                key: p.play,
                label: (
                  <Flex vertical>
                    <span>{p.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.description}
                    </Typography.Text>
                  </Flex>
                ),
              })),
              onClick: ({ key }) => void fromPlay(key as never),
            }}
          >
            <Button data-testid="campaign-plays">
              {t('campaigns.plays')} <DownOutlined />
            </Button>
          </Dropdown>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="campaign-new"
            onClick={() => navigate('/campaigns/new')}
          >
            {t('campaigns.new')}
          </Button>
        </Flex>
      }
    >
      {error && <Alert type="error" message={error} showIcon />}
      <DataTable<Campaign>
        loading={loading}
        dataSource={items}
        columns={[
          {
            title: t('campaigns.name'),
            dataIndex: 'name',
            render: (name: string, c) => (
              <Link to={`/campaigns/${c.id}`} data-testid="campaign-row">
                {name}
              </Link>
            ),
          },
          { title: t('campaigns.segment'), dataIndex: 'segmentName' },
          {
            title: t('campaigns.statusTitle'),
            dataIndex: 'status',
            render: (s: Campaign['status']) => <CampaignStatusTag status={s} />,
          },
          {
            title: t('campaigns.accounting'),
            render: (_: unknown, c) => <AccountingLine a={c.accounting} />,
          },
          {
            title: t('campaigns.launchedAt'),
            dataIndex: 'launchedAt',
            render: (v: string | null) => formatDateTime(v, staff.tenant.timezone),
          },
        ]}
      />
    </Card>
  );
}
