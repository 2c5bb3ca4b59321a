import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ServiceOrderStatus, ServiceOrderSummary } from '../api.ts';
import { formatDate, formatFen, formatKm } from '../format.ts';
import '../service-order.css';

const STATUS_COLOUR: Record<ServiceOrderStatus, string> = {
  open: 'primary',
  completed: 'warning',
  paid: 'success',
  closed: 'default',
  cancelled: 'default',
  refunded: 'default',
};

/** One visit in a car's maintenance record (维修保养档案); tapping it opens the visit. */
export function ServiceOrderItem({ order }: { order: ServiceOrderSummary }) {
  const { t, i18n } = useTranslation();
  const cancelled = order.status === 'cancelled';
  // Under the car's page, so the 我的车 tab stays lit and "back" returns to the car.
  const { vehicleId } = useParams();
  const to = vehicleId ? `/vehicles/${vehicleId}/orders/${order.id}` : `/orders/${order.id}`;
  return (
    <li className={cancelled ? 'order order-cancelled' : 'order'} data-testid="service-order">
      <span className="order-dot" aria-hidden="true" />
      <Link to={to} className="order-body order-link">
        <div className="order-row">
          <span className="order-date">{formatDate(order.openedAt, i18n.language)}</span>
          <span className="order-amount" data-testid="service-order-amount">
            {formatFen(order.totalFen)}
          </span>
        </div>
        <div className="order-summary">{order.summary || order.number}</div>
        <div className="order-row order-meta">
          <span>{[order.storeName, formatKm(order.mileageKm)].filter(Boolean).join(' · ')}</span>
          <Tag color={STATUS_COLOUR[order.status] ?? 'default'} fill="outline" round>
            {t(`order.status.${order.status}`, { defaultValue: order.status })}
          </Tag>
        </div>
        <div className="order-number" translate="no">
          {t('order.number')} {order.number}
        </div>
      </Link>
    </li>
  );
}
