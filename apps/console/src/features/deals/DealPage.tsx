// A group deal's page: what it sells at what price, its progress and deadline, and its joiners —
// the leader (团长) marked, each hold's state (held, spent, given back, left) and the household
// links that make joiners count once.
import { Card, Descriptions, Flex, Tag, Tooltip, Typography } from 'antd';
import { CrownOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  BackLink,
  NotLoaded,
  StatusTag,
  TableCard,
  useLoad,
  type DataColumn,
} from '../../kit/index.ts';
import { EMPTY, formatDateTime, formatFen } from '../../kit/format.ts';
import { DealProgress, TimeLeft } from './DealsBoardPage.tsx';
import { HOLD_COLORS, STATUS_COLORS, type Participation } from './deals.ts';

export default function DealPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const { dealId = '' } = useParams();
  const loaded = useLoad(
    () => unwrap(api.GET('/api/v1/staff/deals/{dealId}', { params: { path: { dealId } } })),
    [dealId],
  );
  const back = <BackLink to="/deals">{t('deals.back')}</BackLink>;
  const deal = loaded.data;
  if (!deal) return <NotLoaded loaded={loaded} notFound={t('deals.notFound')} back={back} />;
  const nameOf = (id: string) => {
    const p = deal.participations.find((x) => x.customerId === id);
    return p ? (p.customerName ?? `尾号${p.phoneTail ?? ''}`) : id.slice(0, 8);
  };
  const columns: DataColumn<Participation>[] = [
    {
      title: t('deals.joiner.customer'),
      dataIndex: 'customerName',
      render: (_, p) => (
        <Flex gap={6} align="center">
          <Link to={`/customers/${p.customerId}`}>{p.customerName ?? EMPTY}</Link>
          {p.phoneTail && <Typography.Text type="secondary">尾号 {p.phoneTail}</Typography.Text>}
          {p.leader && (
            <Tag color="gold" icon={<CrownOutlined />} data-testid="deal-leader">
              {t('deals.leader')}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      title: t('deals.joiner.hold'),
      dataIndex: 'status',
      render: (_, p) => (
        <Flex gap={6} align="center">
          <StatusTag value={p.status} prefix="deals.hold" colors={HOLD_COLORS} testId="deal-hold" />
          <Typography.Text>{formatFen(p.holdFen)}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('deals.joiner.flags'),
      dataIndex: 'flags',
      csv: (p) => p.flags.map((f) => f.code).join(' '),
      render: (_, p) =>
        p.flags.length
          ? p.flags.map((f) => (
              <Tooltip
                key={`${f.code}${f.customerId}`}
                title={t('deals.flagWith', { name: nameOf(f.customerId) })}
              >
                <Tag color="orange" data-testid="deal-flag">
                  {t(`deals.flag.${f.code}`, { defaultValue: f.code })}
                </Tag>
              </Tooltip>
            ))
          : EMPTY,
    },
    {
      title: t('deals.joiner.joinedAt'),
      dataIndex: 'joinedAt',
      render: (_, p) => formatDateTime(p.joinedAt, staff.tenant.timezone),
    },
    {
      title: t('deals.joiner.settledAt'),
      dataIndex: 'settledAt',
      render: (_, p) => formatDateTime(p.settledAt ?? p.leftAt, staff.tenant.timezone),
    },
  ];
  return (
    <Flex vertical gap={16} data-testid="deal-page">
      {back}
      <Card
        title={
          <Flex gap={8} align="center">
            <TeamOutlined />
            <span data-testid="deal-title">{deal.title}</span>
            <StatusTag
              value={deal.status}
              prefix="deals.status"
              colors={STATUS_COLORS}
              testId="deal-status"
            />
          </Flex>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('deals.field.reward')}>
            {t(`deals.reward.${deal.rewardKind}`)} · {deal.rewardName ?? EMPTY}
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.column.price')}>
            <Typography.Text strong>{formatFen(deal.priceFen)}</Typography.Text>{' '}
            <Typography.Text delete type="secondary">
              {formatFen(deal.originalPriceFen)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.column.progress')}>
            <DealProgress deal={deal} />
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.column.deadline')}>
            <TimeLeft deal={deal} />
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.field.maxJoiners')}>
            {deal.maxJoiners ?? t('deals.noLimit')}
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.field.description')}>
            {deal.description || EMPTY}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <TableCard
        title={t('deals.joinersTitle', { n: deal.participations.length })}
        dataSource={deal.participations}
        columns={columns}
        rowKey="id"
        csv={{ filename: `deal-${deal.id.slice(0, 8)}`, label: t('deals.exportCsv') }}
        locale={{ emptyText: t('deals.noJoiners') }}
        cardTestId="deal-joiners"
      />
    </Flex>
  );
}
