// The head of a service order: customer, car, store, advisor, mileage, and when it was opened,
// completed, paid, closed or cancelled (with the reason), and its notes.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Descriptions, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { EMPTY, formatDateTime, formatFen, formatKm } from '../../kit/format.ts';
import type { ServiceOrder } from './orders.ts';

export function ServiceOrderDetails({
  order,
  timeZone,
  technician,
}: {
  order: ServiceOrder;
  timeZone: string;
  /** The lead technician: a picker where the desk may change it, else the name. */
  technician?: ReactNode;
}) {
  const { t } = useTranslation();
  const details: DescriptionsProps['items'] = [
    {
      key: 'customer',
      label: t('serviceOrders.customer'),
      children: (
        <Link to={`/customers/${order.customerId}`} data-testid="order-customer">
          {order.customerName ?? t('customer.unnamed')}
        </Link>
      ),
    },
    {
      key: 'vehicle',
      label: t('serviceOrders.vehicle'),
      children: (
        <span>
          <Typography.Text strong>{order.plate ?? t('vehicle.noPlate')}</Typography.Text>
          {order.vehicleName && (
            <Typography.Text type="secondary"> · {order.vehicleName}</Typography.Text>
          )}
        </span>
      ),
    },
    { key: 'store', label: t('serviceOrders.store'), children: order.storeName },
    { key: 'advisor', label: t('serviceOrders.advisor'), children: order.advisorName ?? EMPTY },
    {
      key: 'technician',
      label: t('workshop.technician'),
      children: technician ?? (
        <span data-testid="order-technician">
          {order.technicianName ?? t('workshop.noTechnician')}
        </span>
      ),
    },
    {
      key: 'mileage',
      label: t('serviceOrders.mileage'),
      children: <span data-testid="order-mileage-value">{formatKm(order.mileageKm)}</span>,
    },
    {
      key: 'openedAt',
      label: t('serviceOrders.openedAt'),
      children: formatDateTime(order.openedAt, timeZone),
    },
  ];
  if (order.completedAt)
    details.push({
      key: 'completedAt',
      label: t('serviceOrders.completedAt'),
      children: formatDateTime(order.completedAt, timeZone),
    });
  if (order.paidAt)
    details.push({
      key: 'paidAt',
      label: t('serviceOrders.paidAt'),
      children: (
        <span data-testid="order-payments">
          {`${formatDateTime(order.paidAt, timeZone)} · ${formatFen(order.paidFen)}`}
          {order.payments.length
            ? `（${order.payments
                .map(
                  (p) =>
                    `${t(`serviceOrders.method.${p.method}`)} ${formatFen(p.amountFen)}${
                      p.points
                        ? ` / ${t('serviceOrders.pay.pointsCount', { count: p.points })}`
                        : ''
                    }`,
                )
                .join(' + ')}）`
            : ` · ${t(`serviceOrders.method.${order.paymentMethod ?? 'other'}`)}`}
        </span>
      ),
    });
  if (order.closedAt)
    details.push({
      key: 'closedAt',
      label: t('serviceOrders.closedAt'),
      children: formatDateTime(order.closedAt, timeZone),
    });
  if (order.cancelledAt)
    details.push({
      key: 'cancelledAt',
      label: t('serviceOrders.cancelledAt'),
      children: `${formatDateTime(order.cancelledAt, timeZone)} · ${order.cancelReason ?? ''}`,
    });
  if (order.notes)
    details.push({ key: 'notes', label: t('serviceOrders.notes'), span: 3, children: order.notes });

  return <Descriptions column={3} items={details} />;
}
