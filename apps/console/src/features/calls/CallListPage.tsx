// 电话清单 (call list): one row per car with something due — the owner to call, what is due,
// the last contact — and the row's actions: log a call, send the reminder now, book, snooze,
// not interested (both hide the car and hold its automatic reminders), or put it back.
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  CalendarOutlined,
  ClockCircleOutlined,
  PhoneOutlined,
  SendOutlined,
  StopOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import { DataTable, RowActions, StatusTag, useAction, usePagedLoad } from '../../kit/index.ts';
import { EMPTY, formatDateTime, formatPhone } from '../../kit/format.ts';
import { BookingModal } from '../appointments/index.ts';
import { DueFilters } from '../due/index.ts';
import CallLogModal from './CallLogModal.tsx';
import SnoozeModal from './SnoozeModal.tsx';
import { CALL_FILTERS, canCall, type CallFilter, type CallRow, type CallStatus } from './calls.ts';

type Window = 'due' | 'today' | 'week' | 'month' | 'overdue';
const WINDOWS: Window[] = ['due', 'today', 'week', 'month', 'overdue'];
const PAGE = 50;

const STATUS_COLOR: Record<CallStatus, string> = {
  to_call: 'blue',
  will_book: 'green',
  booked: 'cyan',
  snoozed: 'default',
  not_interested: 'default',
};
const ITEM_COLOR = { overdue: 'red', due_soon: 'orange', ok: 'default' } as const;

function LastContact({ row }: { row: CallRow }) {
  const { t } = useTranslation();
  const zone = useStaff().tenant.timezone;
  const c = row.lastContact;
  if (!c) return <Typography.Text type="secondary">{t('calls.never')}</Typography.Text>;
  const what =
    c.type === 'call'
      ? t(`calls.outcome.${c.outcome ?? 'other'}`)
      : t('calls.message', { template: t(`calls.template.${c.templateKey}`, c.templateKey ?? '') });
  return (
    <Space direction="vertical" size={0} data-testid={`call-last-${row.vehicleId}`}>
      <span>
        {c.type === 'call' ? <PhoneOutlined /> : <SendOutlined />} {what}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(c.at, zone)}
        {c.byName ? ` · ${c.byName}` : ''}
      </Typography.Text>
      {c.note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: c.note }}>
          {c.note}
        </Typography.Text>
      )}
    </Space>
  );
}

export default function CallListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const { store } = useSession();
  const [window, setWindow] = useState<Window>('due');
  const [storeId, setStoreId] = useState<string | undefined>();
  const [status, setStatus] = useState<CallFilter>('open');
  const [calling, setCalling] = useState<CallRow | null>(null);
  const [snoozing, setSnoozing] = useState<CallRow | null>(null);
  const [booking, setBooking] = useState<CallRow | null>(null);
  const action = useAction();
  const mayAct = canCall(staff.role);

  const { items, nextCursor, page, loading, error, reload, more } = usePagedLoad(
    (after) =>
      unwrap(
        api.GET('/api/v1/staff/call-list', {
          params: {
            query: {
              window,
              status,
              limit: PAGE,
              ...(storeId ? { storeId } : {}),
              ...(after ? { cursor: after } : {}),
            },
          },
        }),
      ),
    [window, storeId, status],
  );
  const today = page?.today ?? null;

  async function remind(row: CallRow) {
    const r = await action.run(
      `remind:${row.vehicleId}`,
      () =>
        unwrap(
          api.POST('/api/v1/staff/call-list/{vehicleId}/remind', {
            params: { path: { vehicleId: row.vehicleId } },
          }),
        ),
      (r) => (r.deduplicated ? t('calls.remind.already') : t('calls.remind.sent')),
    );
    if (r) void reload();
  }

  async function notInterested(row: CallRow) {
    const r = await action.run(
      `ni:${row.vehicleId}`,
      () =>
        unwrap(
          api.PUT('/api/v1/staff/call-list/{vehicleId}/not-interested', {
            params: { path: { vehicleId: row.vehicleId } },
          }),
        ),
      t('calls.notInterested.done'),
    );
    if (r) void reload();
  }

  async function restore(row: CallRow) {
    const r = await action.run(
      `restore:${row.vehicleId}`,
      () =>
        unwrap(
          api.DELETE('/api/v1/staff/call-list/{vehicleId}/hold', {
            params: { path: { vehicleId: row.vehicleId } },
          }),
        ),
      t('calls.restore.done'),
    );
    if (r) void reload();
  }

  const columns: TableColumnsType<CallRow> = [
    {
      title: t('calls.col.car'),
      key: 'car',
      width: 170,
      render: (_, r) => (
        <Link to={`/customers/${r.customerId}`}>
          <Typography.Text strong>{r.plate ?? EMPTY}</Typography.Text>{' '}
          <Typography.Text type="secondary">
            {[r.make, r.model].filter(Boolean).join(' ')}
          </Typography.Text>
        </Link>
      ),
    },
    {
      title: t('calls.col.owner'),
      key: 'owner',
      width: 150,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>{r.customerName}</span>
          {r.phone.includes('*') ? (
            <Typography.Text type="secondary">{r.phone}</Typography.Text>
          ) : (
            <a href={`tel:${r.phone}`}>{formatPhone(r.phone)}</a>
          )}
        </Space>
      ),
    },
    {
      title: t('calls.col.due'),
      key: 'due',
      render: (_, r) => (
        <Flex gap={4} wrap>
          {r.items.map((i) => (
            <Tag key={i.key} color={ITEM_COLOR[i.status]} title={t(`due.status.${i.status}`)}>
              {i.label} · {i.dueDate}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('calls.col.lastContact'),
      key: 'last',
      width: 190,
      render: (_, r) => <LastContact row={r} />,
    },
    {
      title: t('calls.col.status'),
      key: 'status',
      width: 110,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <StatusTag value={r.status} prefix="calls.status" colors={STATUS_COLOR} />
          {r.snoozedUntil && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('calls.until', { date: r.snoozedUntil })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 330,
      render: (_, r) => {
        const held = r.status === 'snoozed' || r.status === 'not_interested';
        return (
          <RowActions
            actions={[
              {
                label: t('calls.action.call'),
                icon: <PhoneOutlined />,
                primary: true,
                hidden: !mayAct,
                onClick: () => setCalling(r),
                testId: `call-log-${r.vehicleId}`,
              },
              {
                label: t('calls.action.remind'),
                icon: <SendOutlined />,
                hidden: !mayAct,
                loading: action.busy === `remind:${r.vehicleId}`,
                confirm: t('calls.remind.confirm', { name: r.customerName }),
                onClick: () => void remind(r),
                testId: `call-remind-${r.vehicleId}`,
              },
              {
                label: t('calls.action.book'),
                icon: <CalendarOutlined />,
                hidden: !mayAct || r.status === 'booked',
                onClick: () => setBooking(r),
                testId: `call-book-${r.vehicleId}`,
              },
              {
                label: t('calls.action.snooze'),
                icon: <ClockCircleOutlined />,
                hidden: !mayAct,
                onClick: () => setSnoozing(r),
                testId: `call-snooze-${r.vehicleId}`,
              },
              {
                label: t('calls.action.notInterested'),
                icon: <StopOutlined />,
                hidden: !mayAct || r.status === 'not_interested',
                loading: action.busy === `ni:${r.vehicleId}`,
                confirm: t('calls.notInterested.confirm'),
                onClick: () => void notInterested(r),
                testId: `call-not-interested-${r.vehicleId}`,
              },
              {
                label: t('calls.action.restore'),
                icon: <UndoOutlined />,
                hidden: !mayAct || !held,
                loading: action.busy === `restore:${r.vehicleId}`,
                onClick: () => void restore(r),
                testId: `call-restore-${r.vehicleId}`,
              },
            ]}
          />
        );
      },
    },
  ];

  return (
    <Card
      title={
        <Flex align="baseline" gap={12}>
          {t('calls.title')}
          {today && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('due.today', { date: today })}
            </Typography.Text>
          )}
        </Flex>
      }
    >
      <DueFilters
        windows={WINDOWS}
        window={window}
        onWindow={setWindow}
        storeId={storeId}
        onStore={setStoreId}
        testIds={{ window: 'call-window', store: 'call-store' }}
      >
        <Select<CallFilter>
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={CALL_FILTERS.map((f) => ({ value: f, label: t(`calls.filter.${f}`) }))}
          data-testid="call-status"
        />
      </DueFilters>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <DataTable<CallRow>
        data-testid="call-table"
        size="middle"
        rowKey="vehicleId"
        columns={columns}
        dataSource={items}
        loading={loading}
        onRow={(r) => ({ 'data-testid': `call-row-${r.vehicleId}` }) as object}
        locale={{ emptyText: t('calls.empty') }}
      />
      {nextCursor && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void more()} loading={loading}>
            {t('due.more')}
          </Button>
        </Flex>
      )}
      <CallLogModal
        row={calling}
        onClose={() => setCalling(null)}
        onDone={() => {
          setCalling(null);
          message.success(t('calls.log.done'));
          void reload();
        }}
      />
      <SnoozeModal
        row={snoozing}
        today={today}
        onClose={() => setSnoozing(null)}
        onDone={() => {
          setSnoozing(null);
          message.success(t('calls.snooze.done'));
          void reload();
        }}
      />
      <BookingModal
        open={booking !== null}
        customer={
          booking
            ? {
                id: booking.customerId,
                name: booking.customerName,
                phone: booking.phone,
                vehicles: [
                  {
                    id: booking.vehicleId,
                    plate: booking.plate,
                    make: booking.make,
                    model: booking.model,
                  },
                ],
              }
            : undefined
        }
        storeId={booking?.storeId ?? store?.id}
        onClose={() => setBooking(null)}
        onBooked={() => {
          setBooking(null);
          message.success(t('appointments.booked'));
          void reload();
        }}
      />
    </Card>
  );
}
