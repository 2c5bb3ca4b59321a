import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Flex, Result, Segmented, Select, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, canReadCustomers, unwrap, useSession, useStaff } from '../../api.ts';
import { PagedTable, usePagedLoad } from '../../kit/index.ts';
import { orderColumns } from './orderColumns.tsx';
import WalkInOrderButton from './WalkInOrderButton.tsx';
import { TechnicianSelect, useTechnicians } from './technicians.tsx';
import { formatDateTime, formatDay, todayIn } from '../../kit/format.ts';
import { ORDER_STATUSES, type OrderStatus, type ServiceOrderListItem } from './orders.ts';

const PAGE_SIZE = 30;

/** 工单: the orders of a store, newest (today's) first, filtered by status and day. */
export default function ServiceOrderListPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const { store } = useSession();
  const navigate = useNavigate();
  const timeZone = staff.tenant.timezone;
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as OrderStatus | '';
  // "all" stores, or one store: the one the staff member works in now by default.
  const storeParam = params.get('store');
  const storeId = storeParam === 'all' ? undefined : (storeParam ?? store?.id);
  const onlyToday = params.get('day') === 'today';
  const technicianId = params.get('technician') ?? undefined;

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const readable = canReadCustomers(staff);
  const technicians = useTechnicians(storeId, readable && staff.role !== 'technician');
  const list = usePagedLoad(
    (cursor) => {
      const day = onlyToday ? todayIn(timeZone) : undefined;
      return unwrap(
        api.GET('/api/v1/staff/service-orders', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(status ? { status } : {}),
              ...(storeId ? { storeId } : {}),
              ...(technicianId ? { technicianId } : {}),
              ...(day ? { from: day, to: day } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      );
    },
    [status, storeId, technicianId, onlyToday, timeZone],
    { enabled: readable },
  );

  if (!readable)
    return (
      <div data-testid="service-order-list">
        <Result status="403" title={t('serviceOrders.forbidden')} />
      </div>
    );

  const todayKey = todayIn(timeZone);
  const c = orderColumns<ServiceOrderListItem>(t, {
    number: 175,
    mileage: 100,
    total: 105,
    status: 88,
  });
  const columns: TableColumnsType<ServiceOrderListItem> = [
    c.number,
    {
      title: t('serviceOrders.openedAt'),
      key: 'openedAt',
      width: 140,
      render: (_, o) => {
        const day = formatDay(o.openedAt, timeZone);
        return day === todayKey ? (
          <Typography.Text strong>
            {t('serviceOrders.today')} {formatDateTime(o.openedAt, timeZone).slice(11)}
          </Typography.Text>
        ) : (
          formatDateTime(o.openedAt, timeZone)
        );
      },
    },
    {
      title: t('serviceOrders.customer'),
      key: 'customer',
      width: 90,
      ellipsis: true,
      render: (_, o) => o.customerName ?? t('customer.unnamed'),
    },
    {
      title: t('vehicle.plate'),
      key: 'plate',
      width: 100,
      render: (_, o) => o.plate ?? t('vehicle.noPlate'),
    },
    c.summary,
    {
      title: t('serviceOrders.advisor'),
      key: 'advisor',
      width: 90,
      ellipsis: true,
      render: (_, o) => o.advisorName ?? '',
    },
    {
      title: t('workshop.technician'),
      key: 'technician',
      width: 90,
      ellipsis: true,
      render: (_, o) => o.technicianName ?? '',
    },
    c.mileage,
    c.total,
    c.status,
  ];

  return (
    <Card
      data-testid="service-order-list"
      title={t('serviceOrders.title')}
      extra={
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
            {t('common.refresh')}
          </Button>
          <WalkInOrderButton />
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={12} wrap align="center">
          <Segmented
            value={onlyToday ? 'today' : 'all'}
            onChange={(v) => setParam('day', v === 'today' ? 'today' : null)}
            options={[
              { value: 'today', label: t('serviceOrders.filters.today') },
              { value: 'all', label: t('serviceOrders.filters.allDays') },
            ]}
          />
          <Select
            data-testid="order-filter-status"
            style={{ width: 140 }}
            value={status}
            onChange={(v) => setParam('status', v || null)}
            options={[
              { value: '', label: t('serviceOrders.filters.allStatuses') },
              ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`orderStatus.${s}`) })),
            ]}
          />
          <Select
            data-testid="order-filter-store"
            style={{ width: 200 }}
            value={storeId ?? 'all'}
            onChange={(v) => setParam('store', v)}
            options={[
              { value: 'all', label: t('serviceOrders.filters.allStores') },
              ...staff.stores.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          {staff.role !== 'technician' && (
            <TechnicianSelect
              technicians={technicians.data}
              value={technicianId ?? null}
              onChange={(v) => setParam('technician', v ?? null)}
              placeholder={t('workshop.allTechnicians')}
              data-testid="order-filter-technician"
            />
          )}
          <Typography.Text type="secondary">{t('serviceOrders.openHint')}</Typography.Text>
        </Flex>
        <PagedTable<ServiceOrderListItem>
          list={list}
          size="middle"
          columns={columns}
          scroll={{ x: 1090 }}
          locale={{ emptyText: t('order.empty') }}
          onRow={(o) =>
            ({
              'data-testid': 'order-row',
              style: { cursor: 'pointer' },
              onClick: () => navigate(`/service-orders/${o.id}`),
            }) as object
          }
        />
      </Flex>
    </Card>
  );
}
