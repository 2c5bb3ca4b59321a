// One transcript as staff read it: the whole conversation — the owner, the assistant (marked
// apart) and staff — beside every action the assistant took, with hand-back and a way to reply.
import { Button, Card, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { RobotOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap, useStaff } from '../../api.ts';
import { ErrorAlert, StatusTag, useAction, useLoad } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { ACTION_COLORS, STATUS_COLORS, type Transcript } from './assistant.ts';

function MessageRow({ m, timeZone }: { m: Transcript['messages'][number]; timeZone: string }) {
  const { t } = useTranslation();
  const who =
    m.authorType === 'assistant'
      ? t('assistant.author.assistant')
      : m.authorType === 'staff'
        ? (m.staffName ?? t('assistant.author.staff'))
        : t('assistant.author.customer');
  return (
    <div
      data-testid={`transcript-${m.authorType}`}
      style={{
        alignSelf: m.authorType === 'customer' ? 'flex-start' : 'flex-end',
        maxWidth: '75%',
        padding: '6px 10px',
        borderRadius: 8,
        background:
          m.authorType === 'customer'
            ? '#fafafa'
            : m.authorType === 'assistant'
              ? '#f0f5ff'
              : '#e6f4ff',
        border: m.authorType === 'assistant' ? '1px dashed #85a5ff' : '1px solid #f0f0f0',
      }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.authorType === 'assistant' && <RobotOutlined />} {who} ·{' '}
        {formatDateTime(m.createdAt, timeZone)}
      </Typography.Text>
      <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
    </div>
  );
}

export function TranscriptView({
  customerId,
  onChanged,
}: {
  customerId: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const action = useAction();
  const tz = staff.tenant.timezone;
  const data = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/assistant/transcripts/{customerId}', {
          params: { path: { customerId } },
        }),
      ),
    [customerId],
  );
  const tr = data.data;
  const handBack = async () => {
    const done = await action.run(
      'handBack',
      () =>
        unwrap(
          api.POST('/api/v1/staff/assistant/transcripts/{customerId}/hand-back', {
            params: { path: { customerId } },
          }),
        ),
      t('assistant.handBackDone'),
    );
    if (done) {
      await data.reload();
      onChanged();
    }
  };
  if (data.error) return <ErrorAlert error={data.error} />;
  if (!tr) return <Card loading />;
  return (
    <Card
      data-testid="assistant-transcript"
      title={
        <Flex gap={8} align="center">
          {tr.customer.name ?? tr.customer.phone}
          <StatusTag value={tr.session.status} prefix="assistant.status" colors={STATUS_COLORS} />
        </Flex>
      }
      extra={
        <Flex gap={8}>
          {tr.session.status === 'waiting' && (
            <Button
              loading={action.busy === 'handBack'}
              onClick={() => void handBack()}
              data-testid="assistant-hand-back"
            >
              {t('assistant.handBack')}
            </Button>
          )}
          <Link to={`/conversations/${customerId}`}>
            <Button type="primary">{t('assistant.reply')}</Button>
          </Link>
        </Flex>
      }
    >
      <Flex gap={24} wrap>
        <Flex vertical gap={8} style={{ flex: '2 1 360px', maxHeight: 560, overflowY: 'auto' }}>
          {tr.messages.map((m) => (
            <MessageRow key={m.id} m={m} timeZone={tz} />
          ))}
        </Flex>
        <div style={{ flex: '1 1 240px' }}>
          <Typography.Title level={5}>{t('assistant.actions')}</Typography.Title>
          {tr.actions.length ? (
            <Timeline
              items={tr.actions.map((a) => ({
                key: a.id,
                children: (
                  <div data-testid="assistant-action">
                    <Tag color={ACTION_COLORS[a.kind]}>{t(`assistant.action.${a.kind}`)}</Tag>
                    <div>{a.summary}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(a.createdAt, tz)}
                    </Typography.Text>
                  </div>
                ),
              }))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assistant.noActions')} />
          )}
        </div>
      </Flex>
    </Card>
  );
}
