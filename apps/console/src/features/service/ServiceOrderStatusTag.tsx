// The status of a service order as a coloured tag.
import { StatusTag } from '../../kit/index.ts';
import type { ServiceOrderStatus } from '../../types.ts';

const STATUS_COLOR: Record<ServiceOrderStatus, string> = {
  open: 'processing',
  completed: 'cyan',
  paid: 'success',
  closed: 'default',
  cancelled: 'error',
  refunded: 'warning',
};

export const ServiceOrderStatusTag = ({ status }: { status: ServiceOrderStatus }) => (
  <StatusTag
    value={status}
    prefix="orderStatus"
    colors={STATUS_COLOR}
    testId="service-order-status"
  />
);
