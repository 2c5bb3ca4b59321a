import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Flex, Popconfirm, Row, Spin } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import { DataTable, useAction } from '../../kit/index.ts';
import { api, unwrap, useStaff } from '../../api.ts';
import { StatCards } from '../../kit/StatCards.tsx';
import { useLoad } from '../../kit/useLoad.ts';
import { formatDateTime, formatFen } from '../../kit/format.ts';
import {
  AccountingLine,
  CampaignStatusTag,
  type Campaign,
  type CampaignReport,
} from './CampaignCommon.tsx';

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;

/** A campaign: its accounting, launch / cancel, and the conversion report against the hold-out. */
export default function CampaignDetailPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const navigate = useNavigate();
  const { campaignId = '' } = useParams();
  const action = useAction();
  const busy = action.busy !== null;

  const {
    data,
    error,
    reload: load,
    setData,
  } = useLoad(async () => {
    const [campaign, report] = await Promise.all([
      unwrap(api.GET('/api/v1/staff/campaigns/{campaignId}', { params: { path: { campaignId } } })),
      unwrap(
        api.GET('/api/v1/staff/campaigns/{campaignId}/report', {
          params: { path: { campaignId } },
        }),
      ),
    ]);
    return { campaign: campaign as Campaign | null, report: report as CampaignReport | null };
  }, [campaignId]);
  const campaign = data?.campaign ?? null;
  const report = data?.report ?? null;
  const setCampaign = (c: Campaign) => setData((d) => ({ report: null, ...d, campaign: c }));

  // While sending, the accounting moves: refresh every few seconds.
  useEffect(() => {
    if (campaign?.status !== 'running' && !(campaign && campaign.accounting.pending > 0)) return;
    const timer = setInterval(() => void load(), 4000);
    return () => clearInterval(timer);
  }, [campaign, load]);

  async function act(to: 'launch' | 'cancel') {
    const c = await action.run(to, () =>
      unwrap(
        api.POST(`/api/v1/staff/campaigns/{campaignId}/${to}`, {
          params: { path: { campaignId } },
        }),
      ),
    );
    if (!c) return;
    setCampaign(c);
    await load();
  }

  if (error) return <Alert type="error" message={error} showIcon />;
  if (!campaign || !report) return <Spin />;
  const a = campaign.accounting;
  const groupName = (g: string) =>
    g === 'holdout' ? t('campaigns.holdoutGroup') : t('campaigns.variant', { key: g });

  const barOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toFixed(1)}%` },
    xAxis: { type: 'category', data: report.groups.map((g) => groupName(g.group)) },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        name: t('campaigns.conversionRate'),
        data: report.groups.map((g) => ({
          value: Number(((g.conversionRate ?? 0) * 100).toFixed(2)),
          itemStyle: { color: g.group === 'holdout' ? '#bfbfbf' : '#1677ff' },
        })),
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
    ],
  };
  const lineOption = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('campaigns.converted'), t('campaigns.holdoutConverted')] },
    xAxis: { type: 'category', data: report.daily.map((d) => d.day) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: t('campaigns.converted'), data: report.daily.map((d) => d.converted) },
      {
        type: 'line',
        name: t('campaigns.holdoutConverted'),
        data: report.daily.map((d) => d.holdoutConverted),
      },
    ],
  };

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center">
            <span data-testid="campaign-title">{campaign.name}</span>
            <CampaignStatusTag status={campaign.status} />
          </Flex>
        }
        extra={
          <Flex gap={8}>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void load()}
              aria-label={t('campaigns.refresh')}
            />
            {campaign.status === 'draft' && (
              <>
                <Button onClick={() => navigate(`/campaigns/${campaignId}/edit`)}>
                  {t('campaigns.edit')}
                </Button>
                <Popconfirm
                  title={t('campaigns.confirmLaunch')}
                  onConfirm={() => void act('launch')}
                  okButtonProps={{ 'data-testid': 'campaign-launch-confirm' } as never}
                >
                  <Button type="primary" loading={busy} data-testid="campaign-launch">
                    {t('campaigns.launch')}
                  </Button>
                </Popconfirm>
              </>
            )}
            {(campaign.status === 'scheduled' || campaign.status === 'running') && (
              <Popconfirm title={t('campaigns.confirmCancel')} onConfirm={() => void act('cancel')}>
                <Button danger loading={busy}>
                  {t('campaigns.cancel')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('campaigns.segment')}>
            <Link to={`/segments/${campaign.segmentId}`}>{campaign.segmentName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.holdout')}>
            {campaign.holdoutPercent}%
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.attributionDays')}>
            {campaign.attributionDays} {t('campaigns.days')}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.variants')}>
            {campaign.variants.map((v) => `${v.key}: ${v.text}`).join(' / ')}
            {campaign.variants.length === 2 ? ` (A ${campaign.splitPercent}%)` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.schedule')}>
            {t(`campaigns.scheduleKinds.${campaign.scheduleKind}`)}
            {campaign.nextRunAt
              ? ` · ${formatDateTime(campaign.nextRunAt, staff.tenant.timezone)}`
              : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.launchedAt')}>
            {formatDateTime(campaign.launchedAt, staff.tenant.timezone)}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t('campaigns.accounting')}>
        <StatCards
          col={{ span: 4 }}
          items={(
            [
              ['targeted', a.targeted],
              ['heldOut', a.heldOut],
              ['pending', a.pending],
              ['sent', a.sent],
              ['suppressed', a.suppressed],
              ['failed', a.failed],
            ] as const
          ).map(([k, v]) => ({
            key: k,
            title: t(`campaigns.acc.${k}`),
            value: v,
            valueTestId: `acc-${k}`,
          }))}
        />
        <div style={{ marginTop: 8 }}>
          <AccountingLine a={a} />
        </div>
      </Card>

      <Card
        title={t('campaigns.report')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            href={`/api/v1/staff/campaigns/${campaignId}/report.csv`}
            data-testid="campaign-report-csv"
          >
            {t('campaigns.exportCsv')}
          </Button>
        }
      >
        <StatCards
          col={{ span: 4 }}
          items={[
            { title: t('campaigns.acc.sent'), value: a.sent },
            { title: t('campaigns.opened'), value: report.opened },
            { title: t('campaigns.converted'), value: report.converted },
            { title: t('campaigns.revenue'), value: formatFen(report.revenueFen) },
            {
              title: t('campaigns.rateVsHoldout'),
              value: `${pct(report.conversionRate)} / ${pct(report.holdoutConversionRate)}`,
            },
            {
              title: t('campaigns.lift'),
              value:
                report.lift === null
                  ? '—'
                  : `${report.lift >= 0 ? '+' : ''}${(report.lift * 100).toFixed(1)}`,
              suffix: report.lift === null ? undefined : t('campaigns.points'),
              valueStyle: { color: (report.lift ?? 0) > 0 ? '#3f8600' : undefined },
              valueTestId: 'campaign-lift',
            },
          ]}
        />
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} lg={12}>
            <ReactECharts option={barOption} style={{ height: 260 }} notMerge />
          </Col>
          <Col xs={24} lg={12}>
            <ReactECharts option={lineOption} style={{ height: 260 }} notMerge />
          </Col>
        </Row>
        <DataTable
          style={{ marginTop: 16 }}
          size="small"
          rowKey="group"
          dataSource={report.groups}
          data-testid="campaign-report-table"
          columns={[
            {
              title: t('campaigns.group'),
              dataIndex: 'group',
              render: (g: string) => groupName(g),
            },
            { title: t('campaigns.acc.targeted'), dataIndex: 'targeted' },
            { title: t('campaigns.acc.sent'), dataIndex: 'sent' },
            { title: t('campaigns.opened'), dataIndex: 'opened' },
            { title: t('campaigns.converted'), dataIndex: 'converted' },
            {
              title: t('campaigns.revenue'),
              dataIndex: 'revenueFen',
              render: (v: number) => formatFen(v),
            },
            { title: t('campaigns.conversionRate'), dataIndex: 'conversionRate', render: pct },
          ]}
        />
      </Card>
    </Flex>
  );
}
