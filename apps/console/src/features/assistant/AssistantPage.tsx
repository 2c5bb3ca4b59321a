// 智能助手: the self-service assistant — its settings, the handover queue (conversations waiting
// for a person), the transcripts it handled (handed over or resolved) and one transcript.
import { useState } from 'react';
import { Button, Descriptions, Flex, Segmented, Tag, Typography } from 'antd';
import { RobotOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  LoadMore,
  StatusTag,
  TableCard,
  useLoad,
  usePagedLoad,
  type DataColumn,
} from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { AssistantSettingsModal } from './AssistantSettingsModal.tsx';
import { TranscriptView } from './TranscriptView.tsx';
import {
  canConfigureAssistant,
  STATUS_COLORS,
  type TranscriptFilter,
  type TranscriptRow,
} from './assistant.ts';

function SettingsSummary() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [editing, setEditing] = useState(false);
  const settings = useLoad(() => unwrap(api.GET('/api/v1/staff/assistant/settings')), []);
  const s = settings.data;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2, xl: 4 }}
      title={t('assistant.settings.title')}
      extra={
        canConfigureAssistant(staff) && (
          <Button
            icon={<SettingOutlined />}
            onClick={() => setEditing(true)}
            data-testid="assistant-settings-edit"
          >
            {t('assistant.settings.edit')}
          </Button>
        )
      }
      items={[
        {
          key: 'enabled',
          label: t('assistant.settings.enabled'),
          children: s ? (
            <Tag color={s.enabled ? 'green' : 'default'} data-testid="assistant-state">
              {t(s.enabled ? 'assistant.on' : 'assistant.off')}
            </Tag>
          ) : null,
        },
        {
          key: 'keywords',
          label: t('assistant.settings.keywords'),
          children: s?.handoverKeywords.join('、'),
        },
        {
          key: 'maxFailures',
          label: t('assistant.settings.maxFailures'),
          children: s?.maxFailures,
        },
        {
          key: 'silenceHours',
          label: t('assistant.settings.silenceHours'),
          children: s?.silenceHours,
        },
      ]}
    >
      <AssistantSettingsModal
        open={editing}
        settings={s}
        onClose={() => setEditing(false)}
        onSaved={(next) => {
          setEditing(false);
          settings.setData(next);
        }}
      />
    </Descriptions>
  );
}

export default function AssistantPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const { customerId } = useParams();
  const [filter, setFilter] = useState<TranscriptFilter>('waiting');
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/assistant/transcripts', {
          params: { query: { filter, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    [filter],
  );
  const columns: DataColumn<TranscriptRow>[] = [
    {
      title: t('assistant.column.customer'),
      dataIndex: 'customer',
      csv: (r) => r.customer.name ?? r.customer.phone,
      render: (_, r) => (
        <Link to={`/assistant/${r.customerId}`} data-testid="assistant-transcript-link">
          {r.customer.name ?? r.customer.phone}
        </Link>
      ),
    },
    {
      title: t('assistant.column.last'),
      dataIndex: 'lastMessagePreview',
      render: (_, r) => (
        <Typography.Text ellipsis style={{ maxWidth: 320 }}>
          {r.lastMessagePreview}
        </Typography.Text>
      ),
    },
    { title: t('assistant.column.turns'), dataIndex: 'turns', align: 'right' },
    {
      title: t('assistant.column.reason'),
      dataIndex: 'handoverReason',
      csv: (r) => (r.handoverReason ? t(`assistant.reason.${r.handoverReason}`) : ''),
      render: (_, r) => (r.handoverReason ? t(`assistant.reason.${r.handoverReason}`) : '—'),
    },
    {
      title: t('assistant.column.at'),
      dataIndex: 'lastTurnAt',
      csv: (r) => r.lastTurnAt,
      render: (_, r) => formatDateTime(r.lastTurnAt, staff.tenant.timezone),
    },
    {
      title: t('assistant.column.status'),
      dataIndex: 'status',
      render: (_, r) => (
        <StatusTag
          value={r.status}
          prefix="assistant.status"
          colors={STATUS_COLORS}
          testId="assistant-row-status"
        />
      ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <SettingsSummary />
      {customerId && (
        <TranscriptView customerId={customerId} onChanged={() => void list.reload()} />
      )}
      <TableCard
        title={t('assistant.title')}
        icon={<RobotOutlined />}
        error={list.error}
        header={
          <Segmented<TranscriptFilter>
            value={filter}
            onChange={setFilter}
            style={{ marginBottom: 12 }}
            data-testid="assistant-filter"
            options={(['waiting', 'handed_over', 'resolved', 'all'] as const).map((f) => ({
              value: f,
              label: t(`assistant.filter.${f}`),
            }))}
          />
        }
        loading={list.loading}
        dataSource={list.items}
        columns={columns}
        rowKey="conversationId"
        csv={{ filename: 'assistant-transcripts', label: t('assistant.exportCsv') }}
        locale={{ emptyText: t(`assistant.empty.${filter}`) }}
        cardTestId="assistant-transcripts"
      >
        <LoadMore list={list} />
      </TableCard>
    </Flex>
  );
}
