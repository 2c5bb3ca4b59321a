// A complaint ticket: its facts and SLA timers, the status moves on offer, assignment, the
// timeline (replies to the owner, internal notes, escalations) and the two boxes to add to it.
import { useState } from 'react';
import {
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, unwrap, useStaff } from '../../api.ts';
import { BackLink, NotLoaded, StatusTag, useAction, useLoad } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import {
  ACTIONS,
  canHandle,
  SEVERITY_COLORS,
  STATUS_COLORS,
  type Action,
  type ComplaintDetail,
  type TimelineEntry,
} from './feedback.ts';
import { SlaTimers } from './SlaTimer.tsx';

function entryText(e: TimelineEntry, t: (k: string, o?: Record<string, unknown>) => string) {
  const d = e.data as Record<string, string | null | undefined>;
  switch (e.kind) {
    case 'status':
      return t('feedback.timeline.status', {
        from: t(`feedback.status.${d.from}`),
        to: t(`feedback.status.${d.to}`),
      });
    case 'escalated':
      return t(`feedback.timeline.escalated.${d.breach}`);
    case 'assigned':
      return t('feedback.timeline.assigned');
    case 'coupon':
      return t('feedback.timeline.coupon');
    default:
      return t(`feedback.timeline.${e.kind}`);
  }
}

const COLORS: Record<string, string> = {
  reply: 'green',
  note: 'gray',
  escalated: 'red',
  owner_message: 'blue',
  created: 'blue',
};

function TicketTimeline({ ticket }: { ticket: ComplaintDetail }) {
  const { t } = useTranslation();
  const staff = useStaff();
  return (
    <Timeline
      data-testid="complaint-timeline"
      items={ticket.timeline.map((e) => ({
        color: COLORS[e.kind] ?? 'blue',
        children: (
          <Flex vertical data-testid={`timeline-${e.kind}`}>
            <Typography.Text strong>
              {entryText(e, (k, o) => t(k, o ?? {}))}
              {e.actorName ? ` · ${e.actorName}` : ''}
            </Typography.Text>
            {e.body && (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {e.body}
              </Typography.Paragraph>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at, staff.tenant.timezone)}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}

function Composer({ ticket, onDone }: { ticket: ComplaintDetail; onDone(): Promise<void> }) {
  const { t } = useTranslation();
  const action = useAction();
  const [text, setText] = useState('');
  const send = async (kind: 'replies' | 'notes') => {
    const ok = await action.run(
      kind,
      () =>
        unwrap(
          api.POST(`/api/v1/staff/complaints/{ticketId}/${kind}`, {
            params: { path: { ticketId: ticket.id } },
            body: { body: text },
          }),
        ),
      t(`feedback.done.${kind}`),
    );
    if (ok) {
      setText('');
      await onDone();
    }
  };
  return (
    <Card size="small" title={t('feedback.detail.write')}>
      <Input.TextArea
        rows={3}
        value={text}
        maxLength={2000}
        onChange={(e) => setText(e.target.value)}
        data-testid="complaint-text"
      />
      <Space style={{ marginTop: 8 }}>
        <Button
          type="primary"
          disabled={!text.trim() || ticket.status === 'closed'}
          loading={action.busy === 'replies'}
          onClick={() => void send('replies')}
          data-testid="complaint-reply"
        >
          {t('feedback.detail.reply')}
        </Button>
        <Button
          disabled={!text.trim()}
          loading={action.busy === 'notes'}
          onClick={() => void send('notes')}
          data-testid="complaint-note"
        >
          {t('feedback.detail.note')}
        </Button>
      </Space>
    </Card>
  );
}

export default function ComplaintPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const { ticketId = '' } = useParams();
  const action = useAction();
  const ticket = useLoad(
    () =>
      unwrap(api.GET('/api/v1/staff/complaints/{ticketId}', { params: { path: { ticketId } } })),
    [ticketId],
  );
  const team = useLoad(() => unwrap(api.GET('/api/v1/staff/complaint-assignees')), []);
  if (!ticket.data)
    return (
      <NotLoaded
        loaded={ticket}
        notFound={t('feedback.detail.notFound')}
        back={<BackLink to="/complaints">{t('feedback.board.title')}</BackLink>}
      />
    );
  const c = ticket.data;
  const handles = canHandle(staff);
  const move = async (a: Action) => {
    const ok = await action.run(
      a,
      () =>
        unwrap(
          api.POST('/api/v1/staff/complaints/{ticketId}/move', {
            params: { path: { ticketId } },
            body: { action: a },
          }),
        ),
      t('feedback.done.moved'),
    );
    if (ok) await ticket.reload();
  };
  const assign = async (assigneeId: string | null) => {
    const ok = await action.run(
      'assign',
      () =>
        unwrap(
          api.PUT('/api/v1/staff/complaints/{ticketId}/assignee', {
            params: { path: { ticketId } },
            body: { assigneeId },
          }),
        ),
      t('feedback.done.assigned'),
    );
    if (ok) await ticket.reload();
  };
  return (
    <Flex vertical gap={16}>
      <BackLink to="/complaints">{t('feedback.board.title')}</BackLink>
      <Card
        title={
          <Space>
            <span data-testid="complaint-number">{c.number}</span>
            <StatusTag
              value={c.status}
              prefix="feedback.status"
              colors={STATUS_COLORS}
              testId="complaint-status"
            />
            <Tag color={SEVERITY_COLORS[c.severity]}>{t(`feedback.severity.${c.severity}`)}</Tag>
          </Space>
        }
        extra={<SlaTimers sla={c.sla} testId="detail-sla" />}
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('feedback.field.customer')}>
            {c.customerName}
          </Descriptions.Item>
          <Descriptions.Item label={t('feedback.field.category')}>{c.category}</Descriptions.Item>
          <Descriptions.Item label={t('feedback.field.source')}>
            {t(`feedback.source.${c.source}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('feedback.field.store')}>
            {c.storeName ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('feedback.field.assignee')}>
            {handles ? (
              <Select
                size="small"
                allowClear
                style={{ minWidth: 140 }}
                value={c.assigneeId ?? undefined}
                placeholder={t('feedback.detail.nobody')}
                onChange={(v) => void assign(v ?? null)}
                options={(team.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
                data-testid="complaint-assignee"
              />
            ) : (
              (c.assigneeName ?? '—')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('feedback.column.createdAt')}>
            {formatDateTime(c.createdAt, staff.tenant.timezone)}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</Typography.Paragraph>
        {handles && (
          <Space wrap>
            {ACTIONS[c.status].map((a) => (
              <Button
                key={a}
                type={a === 'resolve' ? 'primary' : 'default'}
                loading={action.busy === a}
                onClick={() => void move(a)}
                data-testid={`complaint-move-${a}`}
              >
                {t(`feedback.action.${a}`)}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      {handles && <Composer ticket={c} onDone={ticket.reload} />}
      <Card size="small" title={t('feedback.detail.timeline')}>
        <TicketTimeline ticket={c} />
      </Card>
    </Flex>
  );
}
