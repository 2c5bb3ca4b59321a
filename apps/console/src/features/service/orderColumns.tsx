// The columns both lists of service orders show (a store's orders, a car's orders).
import { Link } from 'react-router-dom';
import type { TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import { formatFen, formatKm } from '../../kit/format.ts';
import type { ServiceOrderStatus } from '../../types.ts';
import { ServiceOrderStatusTag } from './ServiceOrderStatusTag.tsx';

interface OrderRow {
  id: string;
  number: string;
  mileageKm: number | null;
  totalFen: number;
  status: ServiceOrderStatus;
}

/** The number (a link), mileage, summary, total and status columns, at the widths given. */
export function orderColumns<T extends OrderRow>(
  t: TFunction,
  widths: { number: number; mileage: number; total: number; status: number },
) {
  const column = (c: TableColumnType<T>) => c;
  return {
    number: column({
      title: t('order.number'),
      key: 'number',
      width: widths.number,
      render: (_, o) => (
        <Link to={`/service-orders/${o.id}`} style={{ whiteSpace: 'nowrap' }}>
          {o.number}
        </Link>
      ),
    }),
    mileage: column({
      title: t('order.mileage'),
      key: 'mileage',
      width: widths.mileage,
      align: 'right',
      render: (_, o) => formatKm(o.mileageKm),
    }),
    summary: column({
      title: t('order.summary'),
      dataIndex: 'summary',
      key: 'summary',
      ellipsis: true,
    }),
    total: column({
      title: t('order.total'),
      key: 'total',
      width: widths.total,
      align: 'right',
      render: (_, o) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(o.totalFen)}</span>
      ),
    }),
    status: column({
      title: t('order.status'),
      key: 'status',
      width: widths.status,
      render: (_, o) => <ServiceOrderStatusTag status={o.status} />,
    }),
  };
}
