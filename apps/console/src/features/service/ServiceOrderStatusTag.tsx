// The status of a service order as a coloured tag.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ServiceOrderStatus } from '../../types.ts';

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
