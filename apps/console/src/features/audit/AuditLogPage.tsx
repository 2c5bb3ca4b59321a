// 操作日志: who did what, when, with the values before and after; owners and managers filter
// it and export what they filtered as CSV.
import { useMemo, useState } from 'react';
import { Button, DatePicker, Flex, Input, Result, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { Link } from 'react-router-dom';
import { api, unwrap, useStaff } from '../../api.ts';
import { dateTimeColumn, LoadMore, TableCard, usePagedLoad } from '../../kit/index.ts';
import { EMPTY } from '../../kit/format.ts';

type AuditPage = Json<paths['/api/v1/staff/audit-log']['get']>;
type AuditEntry = AuditPage['items'][number];

export function canReadAuditLog(role: string): boolean {
  return role === 'owner' || role === 'manager';
}

interface Filters {
  action: string;
  entityType: string;
  entityId: string;
  actorType: '' | 'staff' | 'customer' | 'api_key' | 'system';
  actor: { id: string; name: string } | null;
  range: [Dayjs | null, Dayjs | null] | null;
}

const EMPTY_FILTERS: Filters = {
  action: '',
  entityType: '',
  entityId: '',
  actorType: '',
  actor: null,
  range: null,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

function toQuery(f: Filters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.action.trim()) q.action = f.action.trim();
  if (f.entityType.trim()) q.entityType = f.entityType.trim();
  if (UUID.test(f.entityId.trim())) q.entityId = f.entityId.trim();
  if (f.actorType) q.actorType = f.actorType;
  if (f.actor) q.actorId = f.actor.id;
  const [from, to] = f.range ?? [null, null];
  if (from) q.from = from.startOf('day').toISOString();
  if (to) q.to = to.add(1, 'day').startOf('day').toISOString();
  return q;
}

function Change({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>{EMPTY}</>;
  const text = JSON.stringify(value, null, 1);
  return (
    <Typography.Text
      code
      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}
      ellipsis={text.length > 300 ? { tooltip: text } : false}
    >
      {text.length > 300 ? text.slice(0, 300) + '…' : text}
    </Typography.Text>
  );
}

/** The filters being edited; they apply with 筛选. */
function AuditFilters({
  draft,
  onChange,
  onApply,
  onClear,
}: {
  draft: Filters;
  onChange(f: Filters): void;
  onApply(): void;
  onClear(): void;
}) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }}>
      <Input
        style={{ width: 200 }}
        allowClear
        placeholder={t('audit.filter.action')}
        value={draft.action}
        onChange={(e) => onChange({ ...draft, action: e.target.value })}
        data-testid="audit-filter-action"
      />
      <Input
        style={{ width: 150 }}
        allowClear
        placeholder={t('audit.filter.entityType')}
        value={draft.entityType}
        onChange={(e) => onChange({ ...draft, entityType: e.target.value })}
      />
      <Input
        style={{ width: 300 }}
        allowClear
        placeholder={t('audit.filter.entityId')}
        value={draft.entityId}
        status={draft.entityId.trim() && !UUID.test(draft.entityId.trim()) ? 'error' : undefined}
        onChange={(e) => onChange({ ...draft, entityId: e.target.value })}
      />
      <Select
        style={{ width: 140 }}
        value={draft.actorType}
        onChange={(v) => onChange({ ...draft, actorType: v })}
        options={[
          { value: '', label: t('audit.filter.anyActor') },
          ...(['staff', 'customer', 'api_key', 'system'] as const).map((v) => ({
            value: v,
            label: t(`audit.actorType.${v}`),
          })),
        ]}
      />
      <DatePicker.RangePicker
        value={draft.range}
        onChange={(v) => onChange({ ...draft, range: v as Filters['range'] })}
      />
      {draft.actor && (
        <Tag closable onClose={() => onChange({ ...draft, actor: null })}>
          {t('audit.actor')}: {draft.actor.name}
        </Tag>
      )}
      <Button type="primary" onClick={onApply} data-testid="audit-apply">
        {t('audit.apply')}
      </Button>
      <Button onClick={onClear}>{t('audit.clear')}</Button>
    </Flex>
  );
}

export default function AuditLogPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = canReadAuditLog(staff.role);
  const [draft, setDraft] = useState<Filters>(EMPTY_FILTERS);
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const query = useMemo(() => toQuery(filters), [filters]);
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/audit-log', {
          params: { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    [query],
    { enabled: allowed },
  );

  if (!allowed) return <Result status="403" title={t('audit.forbidden')} />;

  const csvHref = `/api/v1/staff/audit-log.csv?${new URLSearchParams(query).toString()}`;
  const byActor = (e: AuditEntry) => {
    if (!e.actor.id) return;
    const next = { ...filters, actor: { id: e.actor.id, name: e.actor.name ?? e.actor.id } };
    setDraft(next);
    setFilters(next);
  };

  const columns: TableColumnsType<AuditEntry> = [
    dateTimeColumn(t('audit.at'), (e) => e.at, staff.tenant.timezone, 170),
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 170,
      render: (_, e) => (
        <Flex vertical gap={2}>
          {e.actor.id ? (
            <Typography.Link onClick={() => byActor(e)} data-testid="audit-actor">
              {e.actor.name ?? t(`audit.actorType.${e.actor.type}`)}
            </Typography.Link>
          ) : (
            <span>{t(`audit.actorType.${e.actor.type}`)}</span>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.actor.role ? t(`roles.${e.actor.role}`) : t(`audit.actorType.${e.actor.type}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('audit.action'),
      key: 'action',
      width: 210,
      render: (_, e) => (
        <Flex vertical gap={2}>
          <span>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} translate="no">
            {e.action}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 200,
      render: (_, e) =>
        e.entityType === 'customer' && e.entityId ? (
          <Link to={`/customers/${e.entityId}`}>
            {t('audit.customer')} {e.entityId.slice(-6)}
          </Link>
        ) : (
          <span>
            {e.entityType} {e.entityId ? e.entityId.slice(-6) : ''}
          </span>
        ),
    },
    { title: t('audit.before'), key: 'before', render: (_, e) => <Change value={e.before} /> },
    { title: t('audit.after'), key: 'after', render: (_, e) => <Change value={e.after} /> },
  ];

  const filterBar = (
    <AuditFilters
      draft={draft}
      onChange={setDraft}
      onApply={() => setFilters(draft)}
      onClear={() => {
        setDraft(EMPTY_FILTERS);
        setFilters(EMPTY_FILTERS);
      }}
    />
  );
  return (
    <TableCard<AuditEntry>
      title={t('audit.title')}
      cardTestId="audit-log"
      extra={
        <>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.reload()}
            loading={list.loading}
          >
            {t('common.refresh', { defaultValue: t('audit.refresh') })}
          </Button>
          <Button icon={<DownloadOutlined />} href={csvHref} data-testid="audit-csv">
            {t('audit.exportCsv')}
          </Button>
        </>
      }
      header={filterBar}
      error={list.error}
      size="small"
      columns={columns}
      dataSource={list.items}
      loading={list.loading && list.items.length === 0}
      scroll={{ x: 1000 }}
    >
      <LoadMore list={list} label={t('audit.more')} />
    </TableCard>
  );
}
