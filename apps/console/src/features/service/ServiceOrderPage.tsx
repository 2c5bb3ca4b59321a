import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  FileDoneOutlined,
  PayCircleOutlined,
  PlusOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap, useStaff } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';
import { useLoad } from '../../kit/useLoad.ts';
import { EMPTY, formatDateTime, formatFen, formatKm } from '../../kit/format.ts';
import {
  PAYMENT_METHODS,
  SERVICE_CATEGORIES,
  canComplete,
  canRunDesk,
  fenToYuan,
  yuanToFen,
  type PaymentMethod,
  type ServiceCategory,
  type ServiceOrder,
  type ServiceOrderItem,
} from './orders.ts';
import { ServiceOrderStatusTag } from './ServiceOrdersTable.tsx';
import ServiceOrderItemModal from './ServiceOrderItemModal.tsx';
import { CouponOrderPanel } from '../coupons/index.ts';

type ItemDialog = { mode: 'add' } | { mode: 'edit'; item: ServiceOrderItem } | null;

/** 收款: the method and the amount, prefilled with the total (it must match). */
function PayModal({
  order,
  open,
  onClose,
  onPaid,
}: {
  order: ServiceOrder;
  open: boolean;
  onClose(): void;
  onPaid(order: ServiceOrder): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ method: PaymentMethod; amount: string; storedValue?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setError(null);
      form.setFieldsValue({ method: 'wechat_pay', amount: fenToYuan(order.amountDueFen) });
    }
  }, [open, order.amountDueFen, form]);

  async function pay() {
    let values: { method: PaymentMethod; amount: string; storedValue?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const paid = await unwrap(
        api.POST('/api/v1/staff/service-orders/{orderId}/pay', {
          params: { path: { orderId: order.id } },
          body: {
            method: values.method,
            paidFen: yuanToFen(values.amount)!,
            ...(values.storedValue ? { storedValueFen: yuanToFen(values.storedValue)! } : {}),
          },
        }),
      );
      onPaid(paid);
    } catch (err) {
      if (err instanceof ApiError && err.field === 'paidFen')
        form.setFields([{ name: 'amount', errors: [err.message] }]);
      else if (err instanceof ApiError && err.field === 'storedValueFen')
        form.setFields([{ name: 'storedValue', errors: [err.message] }]);
      else setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('serviceOrders.pay.title', { number: order.number })}
      onCancel={onClose}
      onOk={() => void pay()}
      okText={t('serviceOrders.pay.confirm')}
      okButtonProps={{ loading: saving, 'data-testid': 'pay-confirm' }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('serviceOrders.pay.due')}{' '}
        <Typography.Text strong style={{ fontSize: 20 }}>
          {formatFen(order.amountDueFen)}
        </Typography.Text>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="method" label={t('serviceOrders.pay.method')}>
          <Select
            data-testid="pay-method"
            options={PAYMENT_METHODS.map((m) => ({
              value: m,
              label: t(`serviceOrders.method.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('serviceOrders.pay.amount')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                if (!value || yuanToFen(value) === null)
                  throw new Error(t('serviceOrders.item.priceFormat'));
              },
            },
          ]}
        >
          <Input data-testid="pay-amount" prefix="¥" inputMode="decimal" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="storedValue"
          label={t('serviceOrders.pay.storedValue')}
          extra={t('serviceOrders.pay.storedValueHint')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                if (value && yuanToFen(value) === null)
                  throw new Error(t('serviceOrders.item.priceFormat'));
              },
            },
          ]}
        >
          <Input
            data-testid="pay-stored-value"
            prefix="¥"
            inputMode="decimal"
            style={{ width: 200 }}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** 作废: needs a reason, kept with the order. */
function CancelModal({
  order,
  open,
  onClose,
  onCancelled,
}: {
  order: ServiceOrder;
  open: boolean;
  onClose(): void;
  onCancelled(order: ServiceOrder): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setError(null);
      form.resetFields();
    }
  }, [open, form]);

  async function cancel() {
    let values: { reason: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onCancelled(
        await unwrap(
          api.POST('/api/v1/staff/service-orders/{orderId}/cancel', {
            params: { path: { orderId: order.id } },
            body: { reason: values.reason.trim() },
          }),
        ),
      );
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('serviceOrders.cancel.title', { number: order.number })}
      onCancel={onClose}
      onOk={() => void cancel()}
      okText={t('serviceOrders.cancel.confirm')}
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'cancel-confirm' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('serviceOrders.cancel.reason')}
          rules={[
            { required: true, whitespace: true, message: t('serviceOrders.cancel.reasonRequired') },
          ]}
        >
          <Input.TextArea
            data-testid="cancel-reason"
            rows={2}
            maxLength={200}
            placeholder={t('serviceOrders.cancel.reasonPlaceholder')}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** 未做项目: work the customer declined, kept with the car for follow-ups. */
function DeclinedCard({
  order,
  editable,
  onAdded,
}: {
  order: ServiceOrder;
  editable: boolean;
  onAdded(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [category, setCategory] = useState<ServiceCategory>('brakes');
  const [description, setDescription] = useState('');
  const [saving, setSaving] = useState(false);

  async function add() {
    if (!description.trim()) return;
    setSaving(true);
    try {
      await unwrap(
        api.POST('/api/v1/staff/service-orders/{orderId}/declined', {
          params: { path: { orderId: order.id } },
          body: { category, description: description.trim() },
        }),
      );
      setDescription('');
      onAdded();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={t('serviceOrders.declined.title')} data-testid="declined-card">
      <Typography.Paragraph type="secondary">
        {t('serviceOrders.declined.hint')}
      </Typography.Paragraph>
      {order.declined.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('serviceOrders.declined.empty')}
        />
      ) : (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          {order.declined.map((d) => (
            <Flex key={d.id} gap={8} align="center" data-testid="declined-row">
              <Tag color="orange">{t(`serviceOrders.category.${d.category}`)}</Tag>
              <Typography.Text>{d.description}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
      {editable && (
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Select
            value={category}
            onChange={setCategory}
            style={{ width: 140 }}
            options={SERVICE_CATEGORIES.map((c) => ({
              value: c,
              label: t(`serviceOrders.category.${c}`),
            }))}
          />
          <Input
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            onPressEnter={() => void add()}
            maxLength={200}
            placeholder={t('serviceOrders.declined.placeholder')}
            data-testid="declined-description"
          />
          <Button
            icon={<PlusOutlined />}
            loading={saving}
            disabled={!description.trim()}
            onClick={() => void add()}
            data-testid="declined-add"
          >
            {t('serviceOrders.declined.add')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

export default function ServiceOrderPage() {
  const { orderId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const timeZone = staff.tenant.timezone;
  const desk = canRunDesk(staff);
  const [itemDialog, setItemDialog] = useState<ItemDialog>(null);
  const [paying, setPaying] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const loaded = useLoad<ServiceOrder>(
    () =>
      unwrap(api.GET('/api/v1/staff/service-orders/{orderId}', { params: { path: { orderId } } })),
    [orderId],
  );
  const { reload: load } = loaded;
  const order = loaded.data ?? null;
  const setOrder = (v: ServiceOrder) => loaded.setData(v);
  const error = loaded.error ? { text: loaded.error, notFound: loaded.notFound } : null;

  const back = (
    <Link to="/service-orders">
      <ArrowLeftOutlined /> {t('serviceOrders.back')}
    </Link>
  );

  if (!order) {
    if (error)
      return (
        <div data-testid="service-order">
          {error.notFound ? (
            <Result status="404" title={t('serviceOrders.notFound')} extra={back} />
          ) : (
            <Result
              status="error"
              title={error.text}
              extra={
                <Button type="primary" onClick={() => void load()}>
                  {t('common.retry')}
                </Button>
              }
            />
          )}
        </div>
      );
    return (
      <Card data-testid="service-order">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }

  const open = order.status === 'open';
  const can = (to: ServiceOrder['status']) => order.nextStatuses.includes(to);

  /** A status move without a form (完工, 结单); a refusal is shown and the order reloaded. */
  async function move(action: 'complete' | 'close') {
    setBusy(action);
    try {
      const url =
        action === 'complete'
          ? ('/api/v1/staff/service-orders/{orderId}/complete' as const)
          : ('/api/v1/staff/service-orders/{orderId}/close' as const);
      const next = await unwrap(api.POST(url, { params: { path: { orderId } } }));
      setOrder(next);
      message.success(t(`serviceOrders.moved.${action}`));
    } catch (err) {
      message.error(errorText(err, t));
      void load();
    } finally {
      setBusy(null);
    }
  }

  async function removeItem(item: ServiceOrderItem) {
    try {
      setOrder(
        await unwrap(
          api.DELETE('/api/v1/staff/service-orders/{orderId}/items/{itemId}', {
            params: { path: { orderId, itemId: item.id } },
          }),
        ),
      );
    } catch (err) {
      message.error(errorText(err, t));
      void load();
    }
  }

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
      children: `${formatDateTime(order.paidAt, timeZone)} · ${t(`serviceOrders.method.${order.paymentMethod ?? 'other'}`)} ${formatFen(order.paidFen)}`,
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

  const columns: TableColumnsType<ServiceOrderItem> = [
    {
      title: t('serviceOrders.item.kind'),
      key: 'kind',
      width: 72,
      render: (_, i) => (
        <Tag color={i.kind === 'part' ? 'geekblue' : 'green'}>
          {t(`serviceOrders.kind.${i.kind}`)}
        </Tag>
      ),
    },
    {
      title: t('serviceOrders.item.category'),
      key: 'category',
      width: 100,
      render: (_, i) => t(`serviceOrders.category.${i.category}`),
    },
    { title: t('serviceOrders.item.description'), dataIndex: 'description', key: 'description' },
    {
      title: t('serviceOrders.item.partNumber'),
      key: 'partNumber',
      width: 150,
      render: (_, i) =>
        i.partNumber ? (
          <Typography.Text style={{ fontFamily: 'monospace' }}>{i.partNumber}</Typography.Text>
        ) : (
          EMPTY
        ),
    },
    {
      title: t('serviceOrders.item.quantity'),
      dataIndex: 'quantity',
      key: 'quantity',
      width: 70,
      align: 'right',
    },
    {
      title: t('serviceOrders.item.unitPrice'),
      key: 'unitPrice',
      width: 110,
      align: 'right',
      render: (_, i) => formatFen(i.unitPriceFen),
    },
    {
      title: t('serviceOrders.item.amount'),
      key: 'amount',
      width: 120,
      align: 'right',
      render: (_, i) => <Typography.Text strong>{formatFen(i.amountFen)}</Typography.Text>,
    },
  ];
  if (open && desk)
    columns.push({
      title: '',
      key: 'actions',
      width: 96,
      render: (_, i) => (
        <Flex gap={4}>
          <Button
            type="text"
            size="small"
            icon={<EditOutlined />}
            aria-label={t('common.edit')}
            onClick={() => setItemDialog({ mode: 'edit', item: i })}
            data-testid="item-edit"
          />
          <Popconfirm
            title={t('serviceOrders.item.removeConfirm')}
            onConfirm={() => void removeItem(i)}
            okButtonProps={{ danger: true }}
          >
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('serviceOrders.item.remove')}
              data-testid="item-remove"
            />
          </Popconfirm>
        </Flex>
      ),
    });

  const actions = (
    <Flex gap={8} wrap>
      {can('completed') && canComplete(staff) && (
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          loading={busy === 'complete'}
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
      {can('closed') && desk && (
        <Button
          type="primary"
          icon={<FileDoneOutlined />}
          loading={busy === 'close'}
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
        <Descriptions column={3} items={details} />
      </Card>
      <Card
        title={t('serviceOrders.items')}
        extra={
          open &&
          desk && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setItemDialog({ mode: 'add' })}
              data-testid="item-add"
            >
              {t('serviceOrders.item.add')}
            </Button>
          )
        }
      >
        {!open && order.status !== 'cancelled' && (
          <Alert
            type="info"
            showIcon
            title={t('serviceOrders.lockedHint')}
            style={{ marginBottom: 12 }}
          />
        )}
        <Table<ServiceOrderItem>
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={order.items}
          pagination={false}
          locale={{ emptyText: t('serviceOrders.noItems') }}
          onRow={() => ({ 'data-testid': 'order-item-row' }) as object}
          summary={() => (
            <Table.Summary>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={columns.length} align="right">
                  <Flex justify="flex-end" gap={24} align="baseline">
                    <Typography.Text type="secondary">
                      {t('serviceOrders.labour')} {formatFen(order.labourFen)}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {t('serviceOrders.parts')} {formatFen(order.partsFen)}
                    </Typography.Text>
                    <Typography.Text>
                      {t('serviceOrders.total')}{' '}
                      <Typography.Text
                        strong
                        style={{ fontSize: 20 }}
                        data-testid="order-total"
                        data-fen={order.totalFen}
                      >
                        {formatFen(order.totalFen)}
                      </Typography.Text>
                    </Typography.Text>
                  </Flex>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          )}
        />
      </Card>
      <CouponOrderPanel order={order} editable={desk} onChange={setOrder} />
      <DeclinedCard
        order={order}
        editable={desk && order.status !== 'cancelled'}
        onAdded={() => void load()}
      />
      <ServiceOrderItemModal
        orderId={order.id}
        item={itemDialog?.mode === 'edit' ? itemDialog.item : undefined}
        open={itemDialog !== null}
        onClose={() => setItemDialog(null)}
        onSaved={(next) => {
          setItemDialog(null);
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
      <CancelModal
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
