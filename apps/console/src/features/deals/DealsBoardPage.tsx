// 团购: the deals board — headline figures, then deals by status: open ones with their progress
// (counted joiners of the minimum, a household once) and the time left, then the settled ones.
// Owner and manager create, publish and cancel deals.
import { useState } from 'react';
import { Button, Flex, Progress, Segmented, Space, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  ConfirmButton,
  StatCards,
  StatusTag,
  TableCard,
  useAction,
  useLoad,
  type DataColumn,
} from '../../kit/index.ts';
import { formatDateTime, formatFen } from '../../kit/format.ts';
import { DealFormModal } from './DealFormModal.tsx';
import { canRunDeals, STATUS_COLORS, timeLeft, type Deal } from './deals.ts';

type Filter = 'open' | 'settled' | 'draft' | 'all';
const SETTLED = new Set(['succeeded', 'failed', 'cancelled', 'settling']);

export function DealProgress({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const pct = Math.min(100, Math.round((deal.counted / deal.minJoiners) * 100));
  return (
    <Flex vertical style={{ minWidth: 140 }}>
      <Typography.Text data-testid="deal-progress">
        {t('deals.progress', { counted: deal.counted, min: deal.minJoiners })}
        {deal.joiners !== deal.counted && (
          <Typography.Text type="secondary">
            {' '}
            · {t('deals.joiners', { n: deal.joiners })}
          </Typography.Text>
        )}
      </Typography.Text>
      <Progress percent={pct} size="small" showInfo={false} />
    </Flex>
  );
}

export function TimeLeft({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const left = deal.status === 'open' ? timeLeft(deal.deadlineAt) : null;
  return (
    <Flex vertical>
      <Typography.Text>{formatDateTime(deal.deadlineAt, staff.tenant.timezone)}</Typography.Text>
      {left && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('deals.timeLeft', left)}
        </Typography.Text>
      )}
    </Flex>
  );
}

export default function DealsBoardPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const navigate = useNavigate();
  const runs = canRunDeals(staff);
  const action = useAction();
  const [filter, setFilter] = useState<Filter>('open');
  const [creating, setCreating] = useState(false);
  const list = useLoad(() => unwrap(api.GET('/api/v1/staff/deals', { params: { query: {} } })), []);
  const items = list.data?.items ?? [];
  const shown = items.filter((d) =>
    filter === 'all' ? true : filter === 'settled' ? SETTLED.has(d.status) : d.status === filter,
  );
  const count = (s: string) => items.filter((d) => d.status === s).length;
  const act = async (d: Deal, to: 'publish' | 'cancel') => {
    const done = await action.run(
      d.id,
      () =>
        unwrap(
          api.POST(`/api/v1/staff/deals/{dealId}/${to}`, { params: { path: { dealId: d.id } } }),
        ),
      t(`deals.done.${to}`),
    );
    if (done) await list.reload();
  };

  const columns: DataColumn<Deal>[] = [
    {
      title: t('deals.column.title'),
      dataIndex: 'title',
      render: (_, d) => (
        <Flex vertical>
          <Link to={`/deals/${d.id}`} data-testid="deal-link">
            {d.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.rewardName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('deals.column.price'),
      dataIndex: 'priceFen',
      align: 'right',
      csv: (d) => d.priceFen / 100,
      render: (_, d) => (
        <Flex vertical align="flex-end">
          <Typography.Text strong>{formatFen(d.priceFen)}</Typography.Text>
          <Typography.Text delete type="secondary" style={{ fontSize: 12 }}>
            {formatFen(d.originalPriceFen)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('deals.column.progress'),
      dataIndex: 'counted',
      csv: (d) => `${d.counted}/${d.minJoiners}`,
      render: (_, d) => <DealProgress deal={d} />,
    },
    {
      title: t('deals.column.deadline'),
      dataIndex: 'deadlineAt',
      render: (_, d) => <TimeLeft deal={d} />,
    },
    {
      title: t('deals.column.status'),
      dataIndex: 'status',
      render: (_, d) => (
        <StatusTag
          value={d.status}
          prefix="deals.status"
          colors={STATUS_COLORS}
          testId="deal-status"
        />
      ),
    },
  ];
  if (runs)
    columns.push({
      title: '',
      key: 'actions',
      align: 'right',
      csv: false,
      render: (_, d) => (
        <Space>
          {d.status === 'draft' && (
            <Button
              size="small"
              type="primary"
              loading={action.busy === d.id}
              onClick={() => void act(d, 'publish')}
              data-testid="deal-publish"
            >
              {t('deals.publish')}
            </Button>
          )}
          {(d.status === 'draft' || d.status === 'open') && (
            <ConfirmButton
              size="small"
              danger
              confirm={t('deals.cancelConfirm')}
              onConfirm={() => void act(d, 'cancel')}
              data-testid="deal-cancel"
            >
              {t('deals.cancel')}
            </ConfirmButton>
          )}
        </Space>
      ),
    });

  return (
    <Flex vertical gap={16}>
      <StatCards
        items={[
          { title: t('deals.stat.open'), value: count('open'), valueTestId: 'deals-open-count' },
          { title: t('deals.stat.succeeded'), value: count('succeeded') },
          { title: t('deals.stat.failed'), value: count('failed') },
          {
            title: t('deals.stat.holding'),
            value: items.filter((d) => d.status === 'open').reduce((s, d) => s + d.joiners, 0),
          },
        ]}
      />
      <TableCard
        title={t('deals.title')}
        icon={<TeamOutlined />}
        error={list.error}
        add={
          runs
            ? { label: t('deals.add'), onClick: () => setCreating(true), testId: 'deal-add' }
            : undefined
        }
        header={
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            style={{ marginBottom: 12 }}
            options={(['open', 'settled', 'draft', 'all'] as const).map((f) => ({
              value: f,
              label: t(`deals.filter.${f}`),
            }))}
          />
        }
        loading={list.loading}
        dataSource={shown}
        columns={columns}
        rowKey="id"
        csv={{ filename: 'deals', label: t('deals.exportCsv') }}
        locale={{ emptyText: t('deals.empty') }}
        cardTestId="deals-board"
      >
        <DealFormModal
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(d) => {
            setCreating(false);
            navigate(`/deals/${d.id}`);
          }}
        />
      </TableCard>
    </Flex>
  );
}
