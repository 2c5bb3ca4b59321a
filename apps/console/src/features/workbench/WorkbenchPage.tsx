// 今日工作台 · the landing page: today's takings and cars, the orders in the shop by status,
// today's bookings by hour (check a car in from here), unread conversations and calls due.
// Reloads itself every minute; the server scopes it to the person (their stores, an advisor's
// own orders).
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Col, Flex, List, Row, Select, Tag, Typography } from 'antd';
import { PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  DataTable,
  ErrorAlert,
  StatCards,
  useAction,
  useLoad,
  type DataColumn,
} from '../../kit/index.ts';
import { EMPTY, formatDateTime, formatFen, formatPhone } from '../../kit/format.ts';
import { APPOINTMENT_STATUS_COLOR } from '../appointments/index.ts';
import { ServiceOrderStatusTag, WalkInOrderButton } from '../service/index.ts';
import {
  REFRESH_MS,
  bookingRows,
  type BookingRow,
  type Workbench,
  type WorkbenchOrder,
} from './workbench.ts';

const ALL = '';

export default function WorkbenchPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const zone = staff.tenant.timezone;
  const [storeId, setStoreId] = useState(ALL);
  const action = useAction();
  const { data, error, loading, reload, clearError } = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/workbench', {
          params: { query: storeId ? { storeId } : {} },
        }),
      ),
    [storeId],
  );
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);
  useEffect(() => {
    if (data) setLoadedAt(new Date());
  }, [data]);
  useEffect(() => {
    const timer = window.setInterval(() => void reload(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  async function checkIn(b: BookingRow) {
    const done = await action.run(
      `${b.id}:check-in`,
      () =>
        unwrap(
          api.POST('/api/v1/staff/appointments/{id}/check-in', { params: { path: { id: b.id } } }),
        ),
      t('workbench.checkedIn', { name: b.customer.name ?? formatPhone(b.customer.phone) }),
    );
    if (done) void reload();
  }

  return (
    <Flex vertical gap={16} data-testid="workbench">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex vertical>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('workbench.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="workbench-date">
            {data ? t('workbench.today', { date: data.date }) : '\u00a0'}
          </Typography.Text>
        </Flex>
        <Flex gap={8} align="center" wrap>
          {staff.stores.length > 1 && (
            <Select
              data-testid="workbench-store"
              aria-label={t('workbench.store')}
              style={{ minWidth: 160 }}
              value={storeId}
              onChange={setStoreId}
              options={[
                {
                  value: ALL,
                  label:
                    staff.role === 'owner' ? t('workbench.allStores') : t('workbench.myStores'),
                },
                ...staff.stores.map((s) => ({ value: s.id, label: s.name })),
              ]}
            />
          )}
          {loadedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('workbench.updated', { time: formatDateTime(loadedAt.toISOString(), zone) })}
            </Typography.Text>
          )}
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void reload()}>
            {t('workbench.refresh')}
          </Button>
          <WalkInOrderButton />
        </Flex>
      </Flex>
      <ErrorAlert error={error} onClose={clearError} />
      <Figures data={data} loading={loading && !data} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Bookings
            data={data}
            loading={loading && !data}
            busy={action.busy}
            onCheckIn={(b) => void checkIn(b)}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Calls data={data} />
        </Col>
      </Row>
      <Orders data={data} loading={loading && !data} zone={zone} />
    </Flex>
  );
}

function Figures({ data, loading }: { data: Workbench | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const f = data?.figures;
  return (
    <StatCards
      cards
      col={{ xs: 12, md: 8, xl: 4 }}
      items={[
        {
          key: 'revenue',
          title: t('workbench.figures.revenue'),
          value: f ? formatFen(f.revenueFen) : undefined,
          valueTestId: 'workbench-revenue',
          loading,
          note: f ? t('workbench.figures.paidOrders', { count: f.paidOrders }) : undefined,
        },
        {
          key: 'cars',
          title: t('workbench.figures.cars'),
          value: f?.carsToday,
          valueTestId: 'workbench-cars',
          loading,
        },
        {
          key: 'open',
          title: t('workbench.figures.openOrders'),
          value: f ? f.openOrders + f.completedOrders : undefined,
          valueTestId: 'workbench-open-orders',
          loading,
          note: f
            ? t('workbench.figures.openSplit', { open: f.openOrders, completed: f.completedOrders })
            : undefined,
        },
        {
          key: 'waiting',
          title: t('workbench.figures.waiting'),
          value: f?.waitingCars,
          valueTestId: 'workbench-waiting',
          loading,
        },
        {
          key: 'unread',
          title: <Link to="/conversations">{t('workbench.figures.unread')}</Link>,
          value: f?.unreadConversations,
          valueTestId: 'workbench-unread',
          loading,
        },
        {
          key: 'due',
          title: <Link to="/calls">{t('workbench.figures.dueCalls')}</Link>,
          value: f?.dueCalls,
          valueTestId: 'workbench-due',
          loading,
        },
      ]}
    />
  );
}

function Bookings(props: {
  data: Workbench | undefined;
  loading: boolean;
  busy: string | null;
  onCheckIn: (b: BookingRow) => void;
}) {
  const { t } = useTranslation();
  const f = props.data?.figures;
  const columns: DataColumn<BookingRow>[] = [
    {
      title: t('workbench.bookings.hour'),
      dataIndex: 'hour',
      width: 72,
      onCell: (b) => ({ rowSpan: b.hourSpan }),
      render: (hour: string) => <Typography.Text strong>{hour}</Typography.Text>,
    },
    { title: t('workbench.bookings.time'), dataIndex: 'time', width: 64 },
    {
      title: t('workbench.bookings.customer'),
      key: 'customer',
      csv: (b) => b.customer.name ?? b.customer.phone,
      render: (_, b) => (
        <Link to={`/customers/${b.customer.id}`}>
          {b.customer.name ?? formatPhone(b.customer.phone)}
        </Link>
      ),
    },
    {
      title: t('workbench.bookings.plate'),
      key: 'plate',
      csv: (b) => b.vehicle?.plate ?? '',
      render: (_, b) => b.vehicle?.plate ?? EMPTY,
    },
    {
      title: t('workbench.bookings.service'),
      key: 'service',
      csv: (b) => b.serviceCategory ?? '',
      render: (_, b) =>
        b.serviceCategory
          ? t(`appointments.categories.${b.serviceCategory}`, { defaultValue: b.serviceCategory })
          : EMPTY,
    },
    {
      title: t('workbench.bookings.status'),
      dataIndex: 'status',
      width: 96,
      render: (_, b) => (
        <Tag color={APPOINTMENT_STATUS_COLOR[b.status]}>
          {t(`appointments.statuses.${b.status}`)}
        </Tag>
      ),
    },
    {
      title: t('workbench.bookings.action'),
      key: 'action',
      width: 96,
      render: (_, b) =>
        b.canCheckIn ? (
          <Button
            size="small"
            type="primary"
            loading={props.busy === `${b.id}:check-in`}
            onClick={() => props.onCheckIn(b)}
            data-testid={`workbench-checkin-${b.id}`}
          >
            {t('workbench.bookings.checkIn')}
          </Button>
        ) : b.arrived ? (
          <Typography.Text type="success">{t('workbench.bookings.arrived')}</Typography.Text>
        ) : null,
    },
  ];
  return (
    <Card
      title={t('workbench.bookings.title')}
      extra={
        <Flex gap={12} align="center">
          {f && (
            <Typography.Text type="secondary" data-testid="workbench-booking-counts">
              {t('workbench.bookings.counts', {
                total: f.bookingsToday,
                arrived: f.arrived,
                expected: f.expected,
              })}
            </Typography.Text>
          )}
          {f && f.late > 0 && (
            <Tag color="warning">{t('workbench.bookings.late', { count: f.late })}</Tag>
          )}
          <Link to="/appointments">{t('workbench.bookings.board')}</Link>
        </Flex>
      }
    >
      <DataTable<BookingRow>
        size="small"
        loading={props.loading}
        columns={columns}
        dataSource={bookingRows(props.data?.bookings ?? [])}
        onRow={(b) => ({ 'data-testid': `workbench-booking-${b.id}` }) as object}
        locale={{ emptyText: t('workbench.bookings.empty') }}
        scroll={{ x: 640 }}
      />
    </Card>
  );
}

function Orders({
  data,
  loading,
  zone,
}: {
  data: Workbench | undefined;
  loading: boolean;
  zone: string;
}) {
  const { t } = useTranslation();
  const columns: DataColumn<WorkbenchOrder>[] = [
    {
      title: t('workbench.orders.number'),
      dataIndex: 'number',
      render: (number: string, o) => (
        <Link to={`/service-orders/${o.id}`} data-testid={`workbench-order-${o.id}`}>
          {number}
        </Link>
      ),
    },
    { title: t('workbench.orders.plate'), dataIndex: 'plate', render: (p) => p ?? EMPTY },
    { title: t('workbench.orders.customer'), dataIndex: 'customerName', render: (n) => n ?? EMPTY },
    {
      title: t('workbench.orders.status'),
      dataIndex: 'status',
      render: (_, o) => <ServiceOrderStatusTag status={o.status} />,
    },
    {
      title: t('workbench.orders.openedAt'),
      dataIndex: 'openedAt',
      render: (at: string) => formatDateTime(at, zone),
    },
    {
      title: t('workbench.orders.total'),
      dataIndex: 'totalFen',
      align: 'right',
      csv: 'fen',
      render: (fen: number) => formatFen(fen),
    },
  ];
  const groups = [
    { key: 'open', rows: data?.orders.open ?? [], count: data?.figures.openOrders ?? 0 },
    {
      key: 'completed',
      rows: data?.orders.completed ?? [],
      count: data?.figures.completedOrders ?? 0,
    },
  ] as const;
  return (
    <Card
      title={t('workbench.orders.title')}
      extra={<Link to="/service-orders">{t('workbench.orders.all')}</Link>}
    >
      <Row gutter={[16, 12]}>
        {groups.map((g) => (
          <Col xs={24} xxl={12} key={g.key}>
            <Flex vertical gap={4} data-testid={`workbench-orders-${g.key}`}>
              <Typography.Text strong>
                {t(`workbench.orders.group.${g.key}`, { count: g.count })}
              </Typography.Text>
              <DataTable<WorkbenchOrder>
                size="small"
                loading={loading}
                columns={columns}
                dataSource={[...g.rows]}
                locale={{ emptyText: t('workbench.orders.empty') }}
                scroll={{ x: 520 }}
              />
            </Flex>
          </Col>
        ))}
      </Row>
      {data?.orders.more && (
        <Typography.Text type="secondary">{t('workbench.orders.more')}</Typography.Text>
      )}
    </Card>
  );
}

function Calls({ data }: { data: Workbench | undefined }) {
  const { t } = useTranslation();
  return (
    <Card
      title={t('workbench.calls.title')}
      extra={
        <Link to="/calls" data-testid="workbench-call-list">
          <PhoneOutlined /> {t('workbench.calls.open')}
        </Link>
      }
    >
      <List
        size="small"
        dataSource={data?.dueCalls ?? []}
        locale={{ emptyText: t('workbench.calls.empty') }}
        renderItem={(c) => (
          <List.Item key={`${c.vehicleId}:${c.key}`}>
            <Flex justify="space-between" style={{ width: '100%' }} gap={8}>
              <span>
                <Link to={`/customers/${c.customerId}`}>{c.customerName}</Link>{' '}
                <Typography.Text type="secondary">{c.plate ?? ''}</Typography.Text>
              </span>
              <span>
                {c.label} · {c.dueDate}
              </span>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
