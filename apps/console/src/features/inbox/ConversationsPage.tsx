import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  List,
  Result,
  Segmented,
  Select,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { ReloadOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../api.ts';
import {
  canConverse,
  conversationsApi,
  useStaffEvents,
  type Assignee,
  type ConversationScope,
  type ThreadItem,
} from './conversations.ts';
import { useAction, useLoad, usePagedLoad } from '../../kit/index.ts';
import { formatDateTime, formatPhone } from '../../kit/format.ts';
import './conversations.css';

const STATUS_COLOR: Record<string, string> = {
  queued: 'default',
  processing: 'processing',
  sent: 'success',
  delivered: 'success',
  opened: 'success',
  clicked: 'success',
  failed: 'error',
  suppressed: 'warning',
};

function DeliveryTag({
  channel,
  status,
  reason,
  readAt,
}: {
  channel: string | null;
  status: string;
  reason: string | null;
  readAt: string | null;
}) {
  const { t } = useTranslation();
  const label = [
    channel ? t(`conversations.channel.${channel}`, { defaultValue: channel }) : null,
    readAt
      ? t('conversations.read')
      : t(`conversations.status.${status}`, { defaultValue: status }),
  ]
    .filter(Boolean)
    .join(' · ');
  const tag = (
    <Tag
      color={readAt ? 'success' : (STATUS_COLOR[status] ?? 'default')}
      data-testid="delivery-tag"
    >
      {label}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

function ThreadEntry({ item, timeZone }: { item: ThreadItem; timeZone: string }) {
  const { t } = useTranslation();
  if (item.kind === 'outbound') {
    const o = item.outbound;
    return (
      <div className="conv-outbound" data-testid="thread-outbound">
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{formatDateTime(item.at, timeZone)}</Typography.Text>
          <Tag>{t('conversations.sentMessage')}</Tag>
          <Typography.Text>{o.templateName}</Typography.Text>
          <DeliveryTag channel={o.channel} status={o.status} reason={o.reason} readAt={o.readAt} />
        </Flex>
        {(o.subject || o.body) && (
          <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
            {o.subject ? <strong>{o.subject} </strong> : null}
            {o.body}
          </Typography.Paragraph>
        )}
      </div>
    );
  }
  const m = item.message;
  // The shop's side: staff, and the assistant answering for the shop (shown apart).
  const mine = m.authorType !== 'customer';
  const bot = m.authorType === 'assistant';
  return (
    <div
      className={mine ? `conv-row conv-row-staff${bot ? ' conv-row-assistant' : ''}` : 'conv-row'}
      data-testid={bot ? 'thread-assistant' : mine ? 'thread-staff' : 'thread-customer'}
    >
      <div className="conv-bubble">
        <Flex gap={8} align="center" className="conv-meta">
          <span>
            {bot
              ? t('conversations.assistant')
              : mine
                ? (m.staff?.name ?? t('conversations.staff'))
                : t('conversations.customer')}
          </span>
          <span>{formatDateTime(m.createdAt, timeZone)}</span>
        </Flex>
        <div className="conv-text">{m.body}</div>
        {item.delivery && (
          <div style={{ marginTop: 4 }}>
            <DeliveryTag
              channel={item.delivery.channel}
              status={item.delivery.status}
              reason={item.delivery.reason}
              readAt={item.delivery.readAt}
            />
          </div>
        )}
      </div>
    </div>
  );
}

function ThreadPane({
  customerId,
  assignees,
  onChanged,
}: {
  customerId: string;
  assignees: Assignee[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [text, setText] = useState('');
  const action = useAction();
  const bottom = useRef<HTMLDivElement>(null);
  const changed = useRef(onChanged);
  useEffect(() => {
    changed.current = onChanged;
  });

  // Reading the thread marks it read (and the menu's count changes).
  const loaded = useLoad(async () => {
    const next = await conversationsApi.thread(customerId);
    if (next.conversation && next.conversation.staffUnread > 0) {
      await conversationsApi.read(customerId);
      changed.current();
    }
    return { customerId, thread: next };
  }, [customerId]);
  // Another customer's thread is not shown while this one loads.
  const thread = loaded.data?.customerId === customerId ? loaded.data.thread : null;
  const error = thread ? null : loaded.error;
  const load = loaded.reload;

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [thread?.items.length]);

  useStaffEvents((e) => {
    if (e.type === 'resync' || e.data.customerId === customerId) void load();
  });

  const act = async (fn: () => Promise<unknown>) => {
    const done = await action.run('act', fn);
    if (done === undefined) return;
    await load();
    changed.current();
  };

  const send = async () => {
    const body = text.trim();
    if (!body) return;
    const sent = await action.run('send', () => conversationsApi.reply(customerId, body));
    if (sent === undefined) return;
    setText('');
    await load();
    changed.current();
  };
  const sending = action.busy === 'send';

  if (error) return <Result status="warning" title={error} />;
  if (!thread) return <Spin style={{ display: 'block', margin: 48 }} />;
  const conv = thread.conversation;
  return (
    <Card
      title={
        <Space>
          <Link to={`/customers/${customerId}`} data-testid="thread-customer-link">
            {thread.customer.name ?? t('conversations.unnamed')}
          </Link>
          <Typography.Text type="secondary">{formatPhone(thread.customer.phone)}</Typography.Text>
          {conv && (
            <Tag color={conv.status === 'open' ? 'blue' : 'default'}>
              {t(`conversations.state.${conv.status}`)}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Space wrap>
          <Select
            style={{ minWidth: 160 }}
            placeholder={t('conversations.unassigned')}
            allowClear
            value={conv?.assignedStaff?.id ?? undefined}
            options={assignees.map((a) => ({ value: a.id, label: a.name }))}
            onChange={(v: string | undefined) =>
              void act(() => conversationsApi.assign(customerId, v ?? null))
            }
            aria-label={t('conversations.assignee')}
            data-testid="assignee-select"
          />
          {conv?.assignedStaff?.id !== staff.id && (
            <Button onClick={() => void act(() => conversationsApi.assign(customerId, staff.id))}>
              {t('conversations.assignToMe')}
            </Button>
          )}
          {conv?.status === 'closed' ? (
            <Button onClick={() => void act(() => conversationsApi.reopen(customerId))}>
              {t('conversations.reopen')}
            </Button>
          ) : (
            conv && (
              <Button onClick={() => void act(() => conversationsApi.close(customerId))}>
                {t('conversations.close')}
              </Button>
            )
          )}
        </Space>
      }
      styles={{ body: { padding: 0 } }}
    >
      <div className="conv-thread" data-testid="thread">
        {thread.items.length === 0 ? (
          <Empty description={t('conversations.noMessages')} style={{ margin: 32 }} />
        ) : (
          thread.items.map((item) => (
            <ThreadEntry
              key={item.kind === 'outbound' ? item.outbound.intentId : item.message.id}
              item={item}
              timeZone={staff.tenant.timezone}
            />
          ))
        )}
        <div ref={bottom} />
      </div>
      <Flex gap={8} style={{ padding: 12, borderTop: '1px solid #f0f0f0' }} align="flex-end">
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('conversations.replyPlaceholder')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
          }}
          data-testid="reply-input"
        />
        <Button
          type="primary"
          loading={sending}
          disabled={!text.trim()}
          onClick={() => void send()}
          data-testid="reply-send"
        >
          {t('conversations.send')}
        </Button>
      </Flex>
    </Card>
  );
}

/** 会话: conversations with customers (unassigned, mine, all) and the selected thread. */
export default function ConversationsPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const navigate = useNavigate();
  const { customerId } = useParams();
  const [scope, setScope] = useState<ConversationScope>('all');
  const [status, setStatus] = useState<'open' | 'closed' | 'any'>('open');
  const allowed = canConverse(staff.role);
  const list = usePagedLoad(
    (cursor) =>
      conversationsApi.list({
        scope,
        ...(cursor ? { cursor } : {}),
        ...(status === 'any' ? {} : { status }),
      }),
    [scope, status],
    { enabled: allowed },
  );
  const { items, nextCursor, loading, error } = list;
  const load = () => void list.reload();
  const assignees =
    useLoad(() => conversationsApi.assignees(), [], { enabled: allowed }).data?.items ?? [];

  useStaffEvents((e) => {
    if (
      e.type === 'resync' ||
      e.type === 'conversation.message' ||
      e.type === 'conversation.updated'
    )
      void load();
  });

  const loadMore = list.more;

  if (!allowed) return <Result status="403" title={t('conversations.forbidden')} />;

  return (
    <Flex gap={16} align="flex-start" className="conv-page">
      <Card
        style={{ width: 360, flex: 'none' }}
        title={t('conversations.title')}
        extra={
          <Button
            type="text"
            icon={<ReloadOutlined />}
            onClick={() => void load()}
            aria-label={t('conversations.refresh')}
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        <Flex vertical gap={8} style={{ padding: 12 }}>
          <Segmented<ConversationScope>
            block
            value={scope}
            onChange={setScope}
            options={[
              { value: 'all', label: t('conversations.scope.all') },
              { value: 'unassigned', label: t('conversations.scope.unassigned') },
              { value: 'mine', label: t('conversations.scope.mine') },
            ]}
          />
          <Segmented<'open' | 'closed' | 'any'>
            block
            size="small"
            value={status}
            onChange={setStatus}
            options={[
              { value: 'open', label: t('conversations.state.open') },
              { value: 'closed', label: t('conversations.state.closed') },
              { value: 'any', label: t('conversations.state.any') },
            ]}
          />
        </Flex>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        <List
          loading={loading && items.length === 0}
          dataSource={items}
          locale={{ emptyText: <Empty description={t('conversations.empty')} /> }}
          data-testid="conversation-list"
          renderItem={(c) => (
            <List.Item
              key={c.id}
              onClick={() => navigate(`/conversations/${c.customerId}`)}
              className={c.customerId === customerId ? 'conv-item conv-item-active' : 'conv-item'}
              data-testid="conversation-item"
              style={{ cursor: 'pointer', paddingInline: 16 }}
            >
              <List.Item.Meta
                title={
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text strong ellipsis>
                      {c.customer.name ?? formatPhone(c.customer.phone)}
                    </Typography.Text>
                    <Badge count={c.staffUnread} data-testid="conversation-unread" />
                  </Flex>
                }
                description={
                  <Flex vertical gap={2}>
                    <Typography.Text type="secondary" ellipsis>
                      {c.lastMessageAuthor === 'staff' ? `${t('conversations.youPrefix')}` : ''}
                      {c.lastMessagePreview}
                    </Typography.Text>
                    <Flex justify="space-between">
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(c.lastMessageAt, staff.tenant.timezone)}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        <UserOutlined /> {c.assignedStaff?.name ?? t('conversations.unassigned')}
                      </Typography.Text>
                    </Flex>
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
        {nextCursor && (
          <Flex justify="center" style={{ padding: 8 }}>
            <Button type="link" onClick={() => void loadMore()}>
              {t('conversations.loadMore')}
            </Button>
          </Flex>
        )}
      </Card>
      <div style={{ flex: 1, minWidth: 0 }}>
        {customerId ? (
          <ThreadPane
            key={customerId}
            customerId={customerId}
            assignees={assignees}
            onChanged={() => void load()}
          />
        ) : (
          <Card>
            <Empty description={t('conversations.pick')} />
          </Card>
        )}
      </div>
    </Flex>
  );
}
