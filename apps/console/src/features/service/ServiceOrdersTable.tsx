import { Flex } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { PagedTable, usePagedLoad } from '../../kit/index.ts';
import { orderColumns } from './orderColumns.tsx';
import { formatDay } from '../../kit/format.ts';
import type { ServiceOrderSummary } from '../../types.ts';

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
  const list = usePagedLoad(
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

  const c = orderColumns<ServiceOrderSummary>(t, {
    number: 180,
    mileage: 110,
    total: 120,
    status: 100,
  });
  const columns: TableColumnsType<ServiceOrderSummary> = [
    c.number,
    {
      title: t('order.date'),
      key: 'date',
      width: 110,
      render: (_, o) => formatDay(o.openedAt, timeZone),
    },
    { title: t('order.store'), dataIndex: 'storeName', key: 'store', width: 170, ellipsis: true },
    c.mileage,
    c.summary,
    c.total,
    c.status,
  ];

  return (
    <Flex vertical gap={8}>
      <PagedTable<ServiceOrderSummary>
        list={list}
        size="small"
        columns={columns}
        locale={{ emptyText: t('order.empty') }}
        data-testid="service-orders"
        scroll={{ x: 800 }}
      />
    </Flex>
  );
}
