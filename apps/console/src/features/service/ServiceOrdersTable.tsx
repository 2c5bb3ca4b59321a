import { Link } from 'react-router-dom';
import { Alert, Button, Flex, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { usePagedLoad } from '../../kit/usePagedLoad.ts';
import { formatDay, formatFen, formatKm } from '../../kit/format.ts';
import type { ServiceOrderStatus, ServiceOrderSummary } from '../../types.ts';

const STATUS_COLOR: Record<ServiceOrderStatus, string> = {
  open: 'processing',
  completed: 'cyan',
  paid: 'success',
  closed: 'default',
  cancelled: 'error',
  refunded: 'warning',
};

export function ServiceOrderStatusTag({ status }: { status: ServiceOrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid="service-order-status">
      {t(`orderStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

const PAGE_SIZE = 10;

/** The service orders (工单) of one vehicle, newest first, with cursor paging. */
export default function ServiceOrdersTable({
  vehicleId,
  timeZone,
}: {
  vehicleId: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const { items, nextCursor, loading, error, reload, more } = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/vehicles/{vehicleId}/service-orders', {
          params: {
            path: { vehicleId },
            query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
          },
        }),
      ),
    [vehicleId],
  );

  const columns: TableColumnsType<ServiceOrderSummary> = [
    {
      title: t('order.number'),
      key: 'number',
      width: 180,
      render: (_, o) => (
        <Link to={`/service-orders/${o.id}`} style={{ whiteSpace: 'nowrap' }}>
          {o.number}
        </Link>
      ),
    },
    {
      title: t('order.date'),
      key: 'date',
      width: 110,
      render: (_, o) => formatDay(o.openedAt, timeZone),
    },
    { title: t('order.store'), dataIndex: 'storeName', key: 'store', width: 170, ellipsis: true },
    {
      title: t('order.mileage'),
      key: 'mileage',
      width: 110,
      align: 'right',
      render: (_, o) => formatKm(o.mileageKm),
    },
    { title: t('order.summary'), dataIndex: 'summary', key: 'summary', ellipsis: true },
    {
      title: t('order.total'),
      key: 'total',
      width: 120,
      align: 'right',
      render: (_, o) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(o.totalFen)}</span>
      ),
    },
    {
      title: t('order.status'),
      key: 'status',
      width: 100,
      render: (_, o) => <ServiceOrderStatusTag status={o.status} />,
    },
  ];

  return (
    <Flex vertical gap={8}>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          action={
            <Button size="small" onClick={() => void reload()}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <Table<ServiceOrderSummary>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        locale={{ emptyText: t('order.empty') }}
        data-testid="service-orders"
        scroll={{ x: 800 }}
      />
      {nextCursor && (
        <Button block type="dashed" loading={loading} onClick={() => void more()}>
          {t('common.loadMore')}
        </Button>
      )}
    </Flex>
  );
}
