// "Today's due" (今日到期): the tenant's due items by window — due now (overdue or within their
// lead days), today, this week, this month, overdue — per store and kind, with why.
import { useState } from 'react';
import { Alert, Button, Card, Flex, Select, Typography } from 'antd';
import { DueFilters } from './DueFilters.tsx';
import type { TableColumnsType } from 'antd';
import { PhoneOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { DataTable, useAction } from '../../kit/index.ts';
import { api, unwrap, useStaff } from '../../api.ts';
import { usePagedLoad } from '../../kit/usePagedLoad.ts';
import { EMPTY, formatKm } from '../../kit/format.ts';
import {
  DUE_KINDS,
  DueStatusTag,
  canManageDue,
  type DueKind,
  type DueWindow,
  type TenantDueItem,
} from './DueCommon.tsx';

const WINDOWS: DueWindow[] = ['today', 'week', 'month', 'overdue', 'due'];
const PAGE = 50;

export default function DuePage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [window, setWindow] = useState<DueWindow>('week');
  const [storeId, setStoreId] = useState<string | undefined>();
  const [kind, setKind] = useState<DueKind | undefined>();
  const action = useAction();

  const {
    items,
    nextCursor: cursor,
    page,
    loading,
    error,
    reload,
    more,
  } = usePagedLoad(
    (after) =>
      unwrap(
        api.GET('/api/v1/staff/due', {
          params: {
            query: {
              window,
              limit: PAGE,
              ...(storeId ? { storeId } : {}),
              ...(kind ? { kind } : {}),
              ...(after ? { cursor: after } : {}),
            },
          },
        }),
      ),
    [window, storeId, kind],
  );
  const today = page?.today ?? null;

  async function refresh() {
    const r = await action.run(
      'refresh',
      () => unwrap(api.POST('/api/v1/staff/due/refresh', {})),
      (r) => t('due.refreshed', { vehicles: r.vehicles, items: r.items }),
    );
    if (r) void reload();
  }

  const columns: TableColumnsType<TenantDueItem> = [
    {
      title: t('due.col.dueDate'),
      key: 'dueDate',
      width: 110,
      render: (_, i) => <span data-testid="due-date">{i.dueDate}</span>,
    },
    {
      title: t('due.col.status'),
      key: 'status',
      width: 90,
      render: (_, i) => <DueStatusTag status={i.status} />,
    },
    {
      title: t('due.col.car'),
      key: 'car',
      width: 200,
      render: (_, i) => (
        <Link to={`/customers/${i.customerId}`}>
          <Typography.Text strong>{i.plate ?? EMPTY}</Typography.Text>{' '}
          <Typography.Text type="secondary">
            {[i.make, i.model].filter(Boolean).join(' ')}
          </Typography.Text>
        </Link>
      ),
    },
    { title: t('due.col.customer'), key: 'customer', width: 110, render: (_, i) => i.customerName },
    {
      title: t('due.col.item'),
      key: 'label',
      width: 150,
      render: (_, i) => <span data-testid="due-label">{i.label}</span>,
    },
    {
      title: t('due.col.dueKm'),
      key: 'dueKm',
      width: 100,
      render: (_, i) => (i.dueKm != null ? formatKm(i.dueKm) : EMPTY),
    },
    {
      title: t('due.col.why'),
      key: 'why',
      render: (_, i) => <Typography.Text type="secondary">{i.why}</Typography.Text>,
    },
  ];

  return (
    <Card
      title={
        <Flex align="baseline" gap={12}>
          {t('due.title')}
          {today && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('due.today', { date: today })}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <Link to="/calls" data-testid="due-to-calls">
            <Button icon={<PhoneOutlined />}>{t('calls.nav')}</Button>
          </Link>
          {canManageDue(staff) && (
            <>
              <Link to="/due/settings">
                <Button icon={<SettingOutlined />}>{t('due.settings.nav')}</Button>
              </Link>
              <Button
                icon={<ReloadOutlined />}
                loading={action.busy !== null}
                onClick={() => void refresh()}
              >
                {t('due.refresh')}
              </Button>
            </>
          )}
        </Flex>
      }
    >
      <DueFilters
        windows={WINDOWS}
        window={window}
        onWindow={setWindow}
        storeId={storeId}
        onStore={setStoreId}
        testIds={{ window: 'due-window' }}
      >
        <Select
          allowClear
          placeholder={t('due.allKinds')}
          style={{ width: 160 }}
          value={kind}
          onChange={setKind}
          options={DUE_KINDS.map((k) => ({ value: k, label: t(`due.kind.${k}`) }))}
        />
      </DueFilters>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <DataTable<TenantDueItem>
        data-testid="due-table"
        size="middle"
        rowKey={(i) => `${i.vehicleId}:${i.key}`}
        columns={columns}
        dataSource={items}
        loading={loading}
        locale={{ emptyText: t('due.emptyWindow') }}
      />
      {cursor && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void more()} loading={loading}>
            {t('due.more')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
