import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  ConfigProvider,
  Result,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  CalendarOutlined,
  LeftOutlined,
  PlusOutlined,
  ReloadOutlined,
  RightOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { DataTable, ErrorAlert, useAction, useLoad } from '../../kit/index.ts';
import { RescheduleModal } from './RescheduleModal.tsx';
import { formatPhone } from '../../kit/format.ts';
import {
  ACTIONS_FROM,
  APPOINTMENT_STATUS_COLOR,
  canBook,
  canEditHours,
  dateIn,
  timeIn,
  todayIn,
  usePageStore,
  type Appointment,
} from './appointments.ts';
import BookingModal from './BookingModal.tsx';

type Move = 'confirm' | 'check-in' | 'no-show';

/** 预约 · the day board of a store: the day's slots and their load, and every booking. */
export default function AppointmentsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const staff = useStaff();
  const [params, setParams] = useSearchParams();
  const storeId = usePageStore();
  const zone = staff.tenant.timezone;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '')
    ? params.get('date')!
    : todayIn(zone);
  const action = useAction();
  const [booking, setBooking] = useState(false);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const writable = canBook(staff.role);

  const setQuery = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) next.set(k, v);
    setParams(next, { replace: true });
  };

  const day = `${storeId}|${date}`;
  const loaded = useLoad(
    async () => ({
      day,
      board: await unwrap(
        api.GET('/api/v1/staff/appointments', { params: { query: { storeId: storeId!, date } } }),
      ),
    }),
    [day],
    { enabled: Boolean(storeId) },
  );
  // Another day's board is not shown while this day's loads.
  const board = loaded.data?.day === day ? loaded.data.board : null;
  const { loading, error } = loaded;
  const load = () => void loaded.reload();

  async function move(a: Appointment, to: Move) {
    await action.run(
      `${a.id}:${to}`,
      () =>
        unwrap(
          api.POST(`/api/v1/staff/appointments/{id}/${to}`, { params: { path: { id: a.id } } }),
        ),
      t(`appointments.moved.${to}`),
    );
    load();
  }

  function cancel(a: Appointment) {
    let reason = '';
    modal.confirm({
      title: t('appointments.cancelTitle', {
        name: a.customer.name ?? formatPhone(a.customer.phone),
        time: timeIn(a.startsAt, a.timeZone),
      }),
      content: (
        <Input.TextArea
          placeholder={t('appointments.cancelReason')}
          maxLength={200}
          autoSize={{ minRows: 2 }}
          onChange={(e) => (reason = e.target.value)}
          data-testid="appt-cancel-reason"
        />
      ),
      okText: t('appointments.cancelOk'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'appt-cancel-ok' } as object) },
      cancelText: t('appointments.cancelKeep'),
      onOk: async () => {
        await action.run(
          a.id,
          () =>
            unwrap(
              api.POST('/api/v1/staff/appointments/{id}/cancel', {
                params: { path: { id: a.id } },
                body: reason.trim() ? { reason: reason.trim() } : {},
              }),
            ),
          t('appointments.moved.cancel'),
        );
        load();
      },
    });
  }

  const columns: TableColumnsType<Appointment> = [
    {
      title: t('appointments.time'),
      key: 'time',
      width: 120,
      render: (_, a) => (
        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
          {timeIn(a.startsAt, a.timeZone)}–{timeIn(a.endsAt, a.timeZone)}
        </Typography.Text>
      ),
    },
    {
      title: t('appointments.customer'),
      key: 'customer',
      render: (_, a) => (
        <Flex vertical>
          <Link to={`/customers/${a.customer.id}`}>{a.customer.name ?? t('customer.unnamed')}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatPhone(a.customer.phone)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('appointments.plate'),
      key: 'plate',
      render: (_, a) =>
        a.vehicle ? (
          <Flex vertical>
            <Typography.Text strong data-testid="board-plate">
              {a.vehicle.plate ?? t('vehicle.noPlate')}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[a.vehicle.make, a.vehicle.model].filter(Boolean).join(' ')}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('appointments.category'),
      key: 'category',
      render: (_, a) => (
        <Flex vertical>
          <span>
            {a.serviceCategory
              ? t(`appointments.categories.${a.serviceCategory}`, {
                  defaultValue: a.serviceCategory,
                })
              : '—'}
          </span>
          {a.notes && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {a.notes}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('appointments.source'),
      key: 'source',
      width: 90,
      render: (_, a) => t(`appointments.sources.${a.createdByType}`),
    },
    {
      title: t('appointments.status'),
      key: 'status',
      width: 100,
      render: (_, a) => (
        <Tag color={APPOINTMENT_STATUS_COLOR[a.status]} data-testid="appt-status">
          {t(`appointments.statuses.${a.status}`)}
        </Tag>
      ),
    },
    {
      title: t('appointments.actions'),
      key: 'actions',
      width: 330,
      render: (_, a) => {
        const can = (x: keyof typeof ACTIONS_FROM) =>
          writable && ACTIONS_FROM[x].includes(a.status);
        const started = Date.parse(a.startsAt) <= Date.now();
        return (
          <Space size={4} wrap>
            {can('confirm') && (
              <Button
                size="small"
                type="primary"
                loading={action.busy === `${a.id}:confirm`}
                onClick={() => void move(a, 'confirm')}
                data-testid="appt-confirm"
              >
                {t('appointments.confirm')}
              </Button>
            )}
            {can('checkIn') && (
              <Button
                size="small"
                loading={action.busy === `${a.id}:check-in`}
                onClick={() => void move(a, 'check-in')}
                data-testid="appt-check-in"
              >
                {t('appointments.checkIn')}
              </Button>
            )}
            {can('noShow') && started && (
              <Button
                size="small"
                loading={action.busy === `${a.id}:no-show`}
                onClick={() => void move(a, 'no-show')}
                data-testid="appt-no-show"
              >
                {t('appointments.noShow')}
              </Button>
            )}
            {can('reschedule') && (
              <Button size="small" onClick={() => setMoving(a)} data-testid="appt-reschedule">
                {t('appointments.reschedule')}
              </Button>
            )}
            {can('cancel') && (
              <Button size="small" danger onClick={() => cancel(a)} data-testid="appt-cancel">
                {t('appointments.cancel')}
              </Button>
            )}
            <Tooltip title={t('appointments.ics')}>
              <Button
                size="small"
                type="text"
                icon={<CalendarOutlined />}
                href={`/api/v1/staff/appointments/${a.id}/ics`}
                aria-label={t('appointments.ics')}
              />
            </Tooltip>
          </Space>
        );
      },
    },
  ];

  if (!storeId) return <Result status="info" title={t('layout.noStore')} />;

  const active = board?.items.filter((a) => a.status !== 'cancelled') ?? [];
  const capacity = board?.slots.reduce((n, s) => n + s.capacity, 0) ?? 0;
  const booked = board?.slots.reduce((n, s) => n + s.booked, 0) ?? 0;
  const shiftDay = (days: number) =>
    setQuery({ date: dayjs(date).add(days, 'day').format('YYYY-MM-DD') });

  return (
    // Two-character labels (确认, 到店, 改期) read better without antd's inserted space.
    <ConfigProvider button={{ autoInsertSpace: false }}>
      <Flex vertical gap={16} data-testid="appointments-page">
        <Card
          title={
            <Flex align="center" gap={12} wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {t('appointments.title')}
              </Typography.Title>
              <Space.Compact>
                <Button icon={<LeftOutlined />} onClick={() => shiftDay(-1)} aria-label="-1" />
                <DatePicker
                  value={dayjs(date)}
                  allowClear={false}
                  format="YYYY-MM-DD"
                  onChange={(d) => d && setQuery({ date: d.format('YYYY-MM-DD') })}
                  data-testid="board-date"
                />
                <Button icon={<RightOutlined />} onClick={() => shiftDay(1)} aria-label="+1" />
              </Space.Compact>
              <Button onClick={() => setQuery({ date: todayIn(zone) })}>
                {t('appointments.today')}
              </Button>
            </Flex>
          }
          extra={
            <Space>
              <Tooltip title={t('common.refresh')}>
                <Button
                  icon={<ReloadOutlined />}
                  onClick={load}
                  loading={loading}
                  aria-label={t('common.refresh')}
                />
              </Tooltip>
              {canEditHours(staff.role) && (
                <Link to="/appointments/opening-hours">
                  <Button icon={<SettingOutlined />} data-testid="opening-hours-link">
                    {t('hours.title')}
                  </Button>
                </Link>
              )}
              {writable && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setBooking(true)}
                  data-testid="board-create"
                >
                  {t('appointments.create')}
                </Button>
              )}
            </Space>
          }
        >
          <ErrorAlert error={error} style={{ marginBottom: 16 }} onRetry={load} />
          <Flex gap={24} style={{ marginBottom: 12 }} wrap>
            <Typography.Text>
              {t('appointments.summary', { count: active.length, booked, capacity })}
            </Typography.Text>
            {board && board.slots.length === 0 && (
              <Typography.Text type="secondary">{t('appointments.closed')}</Typography.Text>
            )}
          </Flex>
          {board && board.slots.length > 0 && (
            <Flex wrap gap={6} style={{ marginBottom: 16 }} data-testid="board-slots">
              {board.slots.map((s) => (
                <Tag
                  key={s.startsAt}
                  color={s.remaining === 0 ? 'red' : s.booked > 0 ? 'blue' : 'default'}
                  style={{ marginInlineEnd: 0, fontVariantNumeric: 'tabular-nums' }}
                >
                  {timeIn(s.startsAt, board.timeZone)} · {s.booked}/{s.capacity}
                </Tag>
              ))}
            </Flex>
          )}
          <DataTable<Appointment>
            size="middle"
            loading={loading && !board}
            columns={columns}
            dataSource={board?.items ?? []}
            locale={{ emptyText: t('appointments.empty') }}
            rowClassName={(a) => (a.status === 'cancelled' ? 'row-muted' : '')}
            onRow={(a) =>
              ({
                'data-testid': 'board-appointment',
                'data-appointment-id': a.id,
                'data-status': a.status,
                style: a.status === 'cancelled' ? { opacity: 0.55 } : undefined,
              }) as HTMLAttributes<HTMLElement>
            }
          />
        </Card>
        <BookingModal
          open={booking}
          storeId={storeId}
          date={date}
          onClose={() => setBooking(false)}
          onBooked={(a) => {
            setBooking(false);
            message.success(t('appointments.booked'));
            const day = dateIn(a.startsAt, a.timeZone);
            if (day !== date) setQuery({ date: day });
            else load();
          }}
        />
        <RescheduleModal
          appointment={moving}
          onClose={() => setMoving(null)}
          onMoved={() => {
            setMoving(null);
            message.success(t('appointments.moved.reschedule'));
            load();
          }}
        />
      </Flex>
    </ConfigProvider>
  );
}
