// 投诉工单: the board — open tickets first with their live SLA timers, filters by status, store
// and severity, a search box, headline counts; staff open a ticket for a customer here.
import { useState } from 'react';
import { Flex, Form, Input, Segmented, Select, Tag, Typography } from 'antd';
import { CustomerServiceOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  FormModal,
  LoadMore,
  StatCards,
  StatusTag,
  TableCard,
  useDebounced,
  usePagedLoad,
  useLoad,
  type DataColumn,
} from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import type { CustomerSummary } from '../../types.ts';
import { CustomerPicker } from '../customers/index.ts';
import { canHandle, SEVERITY_COLORS, STATUS_COLORS, type Complaint } from './feedback.ts';
import { SlaTimers } from './SlaTimer.tsx';

type Filter = 'active' | 'waiting' | 'done' | 'all';
const FILTER_STATUSES: Record<Filter, string | undefined> = {
  active: 'open,in_progress,waiting_parts,waiting_owner',
  waiting: 'waiting_parts,waiting_owner',
  done: 'resolved,closed',
  all: undefined,
};

function NewTicketModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose(): void;
  onDone(id: string): void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [customer, setCustomer] = useState<CustomerSummary | null>(null);
  const settings = useLoad(() => unwrap(api.GET('/api/v1/staff/feedback/settings')), [], {
    enabled: open,
  });
  return (
    <FormModal<
      { category: string; severity: 'low' | 'medium' | 'high'; storeId?: string; summary: string },
      { ticketId: string }
    >
      open={open}
      title={t('feedback.board.new')}
      values={{ severity: 'medium', category: '其他', storeId: staff.stores[0]?.id }}
      onClose={onClose}
      onDone={(r) => onDone(r.ticketId)}
      okTestId="complaint-create"
      onSubmit={(v) =>
        unwrap(
          api.POST('/api/v1/staff/complaints', {
            body: { ...v, customerId: customer?.id ?? '' },
          }),
        )
      }
      fields={['customerId', 'category', 'severity', 'storeId', 'summary']}
    >
      <Form.Item label={t('feedback.field.customer')} required>
        <CustomerPicker value={customer} onChange={setCustomer} testId="complaint-customer" />
      </Form.Item>
      <Form.Item name="category" label={t('feedback.field.category')} rules={[{ required: true }]}>
        <Select options={(settings.data?.categories ?? []).map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="severity" label={t('feedback.field.severity')} rules={[{ required: true }]}>
        <Select
          options={(['high', 'medium', 'low'] as const).map((s) => ({
            value: s,
            label: t(`feedback.severity.${s}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="storeId" label={t('feedback.field.store')}>
        <Select allowClear options={staff.stores.map((s) => ({ value: s.id, label: s.name }))} />
      </Form.Item>
      <Form.Item name="summary" label={t('feedback.field.summary')} rules={[{ required: true }]}>
        <Input.TextArea rows={4} maxLength={2000} data-testid="complaint-summary" />
      </Form.Item>
    </FormModal>
  );
}

export default function ComplaintsBoardPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>('active');
  const [storeId, setStoreId] = useState<string | undefined>();
  const [severity, setSeverity] = useState<'low' | 'medium' | 'high' | undefined>();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const [creating, setCreating] = useState(false);
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/complaints', {
          params: {
            query: {
              limit: 50,
              ...(FILTER_STATUSES[filter] ? { status: FILTER_STATUSES[filter] } : {}),
              ...(storeId ? { storeId } : {}),
              ...(severity ? { severity } : {}),
              ...(query ? { q: query } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [filter, storeId, severity, query],
  );
  const items = list.items as Complaint[];
  const breached = items.filter(
    (c) => c.sla.firstResponse.breached || c.sla.resolution.breached,
  ).length;
  const tz = staff.tenant.timezone;

  const columns: DataColumn<Complaint>[] = [
    {
      title: t('feedback.column.ticket'),
      dataIndex: 'number',
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/complaints/${c.id}`} data-testid="complaint-link">
            {c.number}
          </Link>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280, fontSize: 12 }}>
            {c.summary}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('feedback.column.customer'), dataIndex: 'customerName' },
    {
      title: t('feedback.column.category'),
      dataIndex: 'category',
      render: (_, c) => (
        <Flex gap={4} wrap>
          <Tag>{c.category}</Tag>
          <Tag color={SEVERITY_COLORS[c.severity]}>{t(`feedback.severity.${c.severity}`)}</Tag>
          {c.source === 'survey' && <Tag color="purple">{t('feedback.source.survey')}</Tag>}
        </Flex>
      ),
      csv: (c) => `${c.category} / ${c.severity}`,
    },
    {
      title: t('feedback.column.status'),
      dataIndex: 'status',
      render: (_, c) => (
        <StatusTag
          value={c.status}
          prefix="feedback.status"
          colors={STATUS_COLORS}
          testId="complaint-status"
        />
      ),
    },
    { title: t('feedback.column.store'), dataIndex: 'storeName' },
    { title: t('feedback.column.assignee'), dataIndex: 'assigneeName' },
    {
      title: t('feedback.column.sla'),
      key: 'sla',
      csv: (c) => c.sla.resolution.dueAt ?? '',
      render: (_, c) => <SlaTimers sla={c.sla} testId="sla" />,
    },
    {
      title: t('feedback.column.createdAt'),
      dataIndex: 'createdAt',
      render: (_, c) => formatDateTime(c.createdAt, tz),
      csv: (c) => c.createdAt,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <StatCards
        items={[
          { title: t('feedback.stat.shown'), value: items.length, valueTestId: 'complaints-count' },
          { title: t('feedback.stat.breached'), value: breached },
          {
            title: t('feedback.stat.waiting'),
            value: items.filter((c) => c.sla.paused).length,
          },
        ]}
      />
      <TableCard
        title={t('feedback.board.title')}
        icon={<CustomerServiceOutlined />}
        error={list.error}
        add={
          canHandle(staff)
            ? {
                label: t('feedback.board.new'),
                onClick: () => setCreating(true),
                testId: 'complaint-add',
              }
            : undefined
        }
        header={
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Segmented<Filter>
              value={filter}
              onChange={setFilter}
              options={(['active', 'waiting', 'done', 'all'] as const).map((f) => ({
                value: f,
                label: t(`feedback.filter.${f}`),
              }))}
            />
            <Select
              allowClear
              placeholder={t('feedback.field.store')}
              style={{ width: 140 }}
              value={storeId}
              onChange={setStoreId}
              options={staff.stores.map((s) => ({ value: s.id, label: s.name }))}
            />
            <Select
              allowClear
              placeholder={t('feedback.field.severity')}
              style={{ width: 120 }}
              value={severity}
              onChange={setSeverity}
              options={(['high', 'medium', 'low'] as const).map((s) => ({
                value: s,
                label: t(`feedback.severity.${s}`),
              }))}
            />
            <Input.Search
              allowClear
              placeholder={t('feedback.board.search')}
              style={{ width: 220 }}
              value={q}
              onChange={(e) => setQ(e.target.value)}
            />
          </Flex>
        }
        loading={list.loading}
        dataSource={items}
        columns={columns}
        rowKey="id"
        csv={{ filename: 'complaints', label: t('feedback.exportCsv') }}
        locale={{ emptyText: t('feedback.board.empty') }}
        cardTestId="complaints-board"
      >
        <LoadMore list={list} />
        <NewTicketModal
          open={creating}
          onClose={() => setCreating(false)}
          onDone={(id) => {
            setCreating(false);
            navigate(`/complaints/${id}`);
          }}
        />
      </TableCard>
    </Flex>
  );
}
