import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { App, Button, Card, Flex, Typography } from 'antd';
import {
  CheckCircleOutlined,
  FileDoneOutlined,
  PayCircleOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { BackLink, NotLoaded, useAction, useLoad } from '../../kit/index.ts';
import { PayModal } from './PayModal.tsx';
import { CancelOrderModal } from './CancelOrderModal.tsx';
import { DeclinedCard } from './DeclinedCard.tsx';
import { canComplete, canRunDesk, type ServiceOrder, type ServiceOrderItem } from './orders.ts';
import { ServiceOrderStatusTag } from './ServiceOrderStatusTag.tsx';
import ServiceOrderItemModal from './ServiceOrderItemModal.tsx';
import ItemWorkModal from './ItemWorkModal.tsx';
import { TechnicianSelect, useTechnicians } from './technicians.tsx';
import { ServiceOrderDetails } from './ServiceOrderDetails.tsx';
import { ServiceOrderItemsCard } from './ServiceOrderItemsCard.tsx';
import { CouponOrderPanel } from '../coupons/index.ts';
import { AddFromCatalog } from '../catalog/index.ts';
import { InvoiceRequestCard, PrintButtons } from '../receipts/index.ts';
import { BookNextVisitButton } from '../appointments/index.ts';
import { OrderInspectionsCard } from '../inspections/index.ts';

type ItemDialog = { mode: 'add' } | { mode: 'edit'; item: ServiceOrderItem } | null;

export default function ServiceOrderPage() {
  const { orderId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const timeZone = staff.tenant.timezone;
  const desk = canRunDesk(staff);
  const [itemDialog, setItemDialog] = useState<ItemDialog>(null);
  const [workItem, setWorkItem] = useState<ServiceOrderItem | null>(null);
  const [paying, setPaying] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const action = useAction();

  const loaded = useLoad<ServiceOrder>(
    () =>
      unwrap(api.GET('/api/v1/staff/service-orders/{orderId}', { params: { path: { orderId } } })),
    [orderId],
  );
  const order = loaded.data;
  const setOrder = (v: ServiceOrder) => loaded.setData(v);
  const technicians = useTechnicians(order?.storeId, desk && order !== undefined);
  const back = <BackLink to="/service-orders">{t('serviceOrders.back')}</BackLink>;

  if (!order)
    return (
      <NotLoaded
        loaded={loaded}
        notFound={t('serviceOrders.notFound')}
        back={back}
        testId="service-order"
        rows={8}
      />
    );

  const open = order.status === 'open';
  // Who does the work may change until the order is paid (hours are written up after the job).
  const assignable = desk && (open || order.status === 'completed');

  const assign = (technicianId: string | null) =>
    change(
      'technician',
      () =>
        unwrap(
          api.PUT('/api/v1/staff/service-orders/{orderId}/technician', {
            params: { path: { orderId } },
            body: { technicianId },
          }),
        ),
      t('workshop.assigned'),
    );
  const can = (to: ServiceOrder['status']) => order.nextStatuses.includes(to);

  /** Changes the order; a refusal is shown and the order read again. */
  async function change(key: string, call: () => Promise<ServiceOrder>, done?: string) {
    const next = await action.run(key, call, done);
    if (next) setOrder(next);
    else void loaded.reload();
  }

  /** A status move without a form (完工, 结单). */
  const move = (to: 'complete' | 'close') =>
    change(
      to,
      () =>
        unwrap(
          api.POST(`/api/v1/staff/service-orders/{orderId}/${to}`, {
            params: { path: { orderId } },
          }),
        ),
      t(`serviceOrders.moved.${to}`),
    );

  const removeItem = (item: ServiceOrderItem) =>
    change(item.id, () =>
      unwrap(
        api.DELETE('/api/v1/staff/service-orders/{orderId}/items/{itemId}', {
          params: { path: { orderId, itemId: item.id } },
        }),
      ),
    );

  const actions = (
    <Flex gap={8} wrap>
      <PrintButtons orderId={order.id} />
      {can('completed') && canComplete(staff) && (
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          loading={action.busy === 'complete'}
          disabled={order.items.length === 0}
          onClick={() => void move('complete')}
          data-testid="order-complete"
        >
          {t('serviceOrders.actions.complete')}
        </Button>
      )}
      {can('paid') && desk && (
        <Button
          type="primary"
          icon={<PayCircleOutlined />}
          onClick={() => setPaying(true)}
          data-testid="order-pay"
        >
          {t('serviceOrders.actions.pay')}
        </Button>
      )}
      {(order.status === 'paid' || order.status === 'closed') && desk && (
        <BookNextVisitButton
          orderId={order.id}
          customerId={order.customerId}
          vehicleId={order.vehicleId}
          storeId={order.storeId}
        />
      )}
      {can('closed') && desk && (
        <Button
          type="primary"
          icon={<FileDoneOutlined />}
          loading={action.busy === 'close'}
          onClick={() => void move('close')}
          data-testid="order-close"
        >
          {t('serviceOrders.actions.close')}
        </Button>
      )}
      {can('cancelled') && desk && (
        <Button
          danger
          icon={<StopOutlined />}
          onClick={() => setCancelling(true)}
          data-testid="order-cancel"
        >
          {t('serviceOrders.actions.cancel')}
        </Button>
      )}
    </Flex>
  );

  return (
    <Flex vertical gap={16} data-testid="service-order">
      <div>{back}</div>
      <Card
        title={
          <Flex align="center" gap={12}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="order-number">
              {t('serviceOrders.titleWithNumber', { number: order.number })}
            </Typography.Title>
            <span data-testid="order-status" data-status={order.status}>
              <ServiceOrderStatusTag status={order.status} />
            </span>
          </Flex>
        }
        extra={actions}
      >
        <ServiceOrderDetails
          order={order}
          timeZone={timeZone}
          technician={
            assignable ? (
              <TechnicianSelect
                size="small"
                technicians={technicians.data}
                value={order.technicianId}
                loading={action.busy === 'technician' || technicians.loading}
                onChange={(v) => void assign(v ?? null)}
                data-testid="order-technician-select"
              />
            ) : undefined
          }
        />
      </Card>
      <ServiceOrderItemsCard
        order={order}
        editable={open && desk}
        onAdd={() => setItemDialog({ mode: 'add' })}
        onEdit={(item) => setItemDialog({ mode: 'edit', item })}
        onEditWork={assignable && !open ? setWorkItem : undefined}
        onRemove={(item) => void removeItem(item)}
        fromCatalog={
          <AddFromCatalog orderId={order.id} storeId={order.storeId} onAdded={setOrder} />
        }
      />
      <OrderInspectionsCard orderId={order.id} canOpen={open || order.status === 'completed'} />
      <CouponOrderPanel order={order} editable={desk} onChange={setOrder} />
      <InvoiceRequestCard orderId={order.id} />
      <DeclinedCard
        order={order}
        editable={desk && order.status !== 'cancelled'}
        onAdded={() => void loaded.reload()}
      />
      <ServiceOrderItemModal
        orderId={order.id}
        item={itemDialog?.mode === 'edit' ? itemDialog.item : undefined}
        technicians={technicians.data}
        open={itemDialog !== null}
        onClose={() => setItemDialog(null)}
        onSaved={(next) => {
          setItemDialog(null);
          setOrder(next);
        }}
      />
      <ItemWorkModal
        orderId={order.id}
        item={workItem}
        technicians={technicians.data}
        onClose={() => setWorkItem(null)}
        onSaved={(next) => {
          setWorkItem(null);
          setOrder(next);
        }}
      />
      <PayModal
        order={order}
        open={paying}
        onClose={() => setPaying(false)}
        onPaid={(next) => {
          setPaying(false);
          setOrder(next);
          message.success(t('serviceOrders.moved.pay'));
        }}
      />
      <CancelOrderModal
        order={order}
        open={cancelling}
        onClose={() => setCancelling(false)}
        onCancelled={(next) => {
          setCancelling(false);
          setOrder(next);
          message.success(t('serviceOrders.moved.cancel'));
        }}
      />
    </Flex>
  );
}
