// 待审核: the pieces held by the screen or reported by members, oldest first — the text and
// photos as their author wrote them, the club, the author, why each is here (keywords, links,
// photos from new members, reports and their weight) — with approve / hide / restore, each with
// a reason, and muting the author from the same row.
import { useState } from 'react';
import { App, Card, Flex, Image, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, EyeInvisibleOutlined, EyeOutlined, StopOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  PagedTable,
  RowActions,
  StatusTag,
  dateTimeColumn,
  usePagedLoad,
} from '../../kit/index.ts';
import type { DataColumn } from '../../kit/index.ts';
import { EMPTY } from '../../kit/format.ts';
import { DecisionModal, type DecisionTarget } from './DecisionModal.tsx';
import { MuteModal, type MuteTarget } from './MuteModal.tsx';
import { REASON_COLORS, STATE_COLORS, decisionsFor, type QueueItem } from './moderation.ts';

function PieceCell({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  const s = item.subject;
  if (!s) return <Typography.Text type="secondary">{t('moderation.queue.gone')}</Typography.Text>;
  return (
    <Flex vertical gap={6} style={{ minWidth: 240 }}>
      <Flex gap={6} align="center" wrap>
        <Tag style={{ marginInlineEnd: 0 }}>
          {t(`moderation.kind.${item.kind}`, { defaultValue: item.kind })}
        </Tag>
        <StatusTag
          value={s.state}
          prefix="moderation.state"
          colors={STATE_COLORS}
          testId="moderation-state"
        />
        {item.autoHiddenAt && <Tag color="volcano">{t('moderation.queue.autoHidden')}</Tag>}
      </Flex>
      <Typography.Paragraph
        style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
        ellipsis={{ rows: 4, expandable: 'collapsible' }}
        data-testid="moderation-text"
      >
        {s.text || EMPTY}
      </Typography.Paragraph>
      {s.imageUrls.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={6} wrap>
            {s.imageUrls.map((url) => (
              <Image
                key={url}
                src={url}
                width={56}
                height={56}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                data-testid="moderation-thumb"
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Flex>
  );
}

function ReasonsCell({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      {item.reasons.map((r) =>
        r === 'reports' ? (
          <Tooltip
            key={r}
            title={
              <Flex vertical gap={2}>
                {item.reports.map((rep) => (
                  <span key={rep.id}>
                    {t('moderation.queue.reportLine', {
                      who: rep.reporterName ?? t('moderation.unnamed'),
                      reason: t(`moderation.reportReason.${rep.reason}`),
                      weight: rep.weight,
                    })}
                    {rep.note ? `：${rep.note}` : ''}
                  </span>
                ))}
              </Flex>
            }
          >
            <Tag color={REASON_COLORS.reports} data-testid="moderation-reason-reports">
              {t('moderation.queue.reports', {
                count: item.reports.length,
                weight: item.reportWeight,
              })}
            </Tag>
          </Tooltip>
        ) : (
          <Tag key={r} color={REASON_COLORS[r]}>
            {t(`moderation.reason.${r}`)}
          </Tag>
        ),
      )}
    </Flex>
  );
}

const DECISION_ICONS = {
  approve: <CheckOutlined />,
  hide: <EyeInvisibleOutlined />,
  restore: <EyeOutlined />,
};

export function QueueTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const timeZone = useStaff().tenant.timezone;
  const [deciding, setDeciding] = useState<DecisionTarget | null>(null);
  const [muting, setMuting] = useState<MuteTarget | null>(null);
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/moderation/queue', {
          params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    [],
  );

  const columns: DataColumn<QueueItem>[] = [
    {
      title: t('moderation.queue.piece'),
      key: 'piece',
      render: (_, i) => <PieceCell item={i} />,
      csv: (i) => i.subject?.text ?? '',
    },
    {
      title: t('moderation.queue.club'),
      key: 'club',
      width: 130,
      render: (_, i) =>
        // Club pieces are scoped by their club: its page shows the feed around the piece.
        i.kind.startsWith('club_') && i.subject?.scopeId ? (
          <Link to={`/clubs/${i.subject.scopeId}`}>{i.subject.scopeName ?? EMPTY}</Link>
        ) : (
          (i.subject?.scopeName ?? EMPTY)
        ),
      csv: (i) => i.subject?.scopeName ?? '',
    },
    {
      title: t('moderation.queue.author'),
      key: 'author',
      width: 110,
      render: (_, i) =>
        i.subject?.authorCustomerId
          ? (i.subject.authorName ?? t('moderation.unnamed'))
          : i.subject
            ? t('moderation.shop')
            : EMPTY,
      csv: (i) => i.subject?.authorName ?? '',
    },
    {
      title: t('moderation.queue.reasons'),
      key: 'reasons',
      width: 180,
      render: (_, i) => <ReasonsCell item={i} />,
      csv: (i) => i.reasons.map((r) => t(`moderation.reason.${r}`)).join(' '),
    },
    {
      title: t('moderation.queue.reportCount'),
      key: 'reportCount',
      width: 80,
      align: 'right',
      render: (_, i) => i.reports.length,
      csv: (i) => i.reports.length,
    },
    dateTimeColumn(t('moderation.queue.openedAt'), (i) => i.openedAt, timeZone),
    {
      title: '',
      key: 'actions',
      width: 300,
      render: (_, i) => {
        const state = i.subject?.state;
        const excerpt = i.subject?.text ?? '';
        const author = i.subject?.authorCustomerId;
        return (
          <RowActions
            actions={[
              ...decisionsFor(state).map((action, n) => ({
                label: t(
                  state === 'hidden' && action === 'hide'
                    ? 'moderation.decide.keepHidden'
                    : `moderation.decide.action.${action}`,
                ),
                icon: DECISION_ICONS[action],
                primary: n === 0,
                danger: action === 'hide' && state !== 'hidden',
                testId: `moderation-${action}`,
                onClick: () =>
                  setDeciding({ kind: i.kind, subjectId: i.subjectId, action, excerpt }),
              })),
              {
                label: t('moderation.mutes.muteAuthor'),
                icon: <StopOutlined />,
                hidden: !author,
                testId: 'moderation-mute-author',
                onClick: () =>
                  setMuting({
                    customerId: author!,
                    name: i.subject?.authorName ?? null,
                    scopeId: i.subject?.scopeId ?? null,
                  }),
              },
            ]}
          />
        );
      },
    },
  ];

  return (
    <Card>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('moderation.queue.hint')}</Typography.Text>
        <PagedTable<QueueItem>
          list={list}
          columns={columns}
          rowKey="id"
          csv={{ filename: 'moderation-queue.csv', label: t('moderation.csv') }}
          scroll={{ x: 1100 }}
          onRow={(i) =>
            ({ 'data-testid': 'moderation-queue-row', 'data-subject-id': i.subjectId }) as object
          }
          locale={{ emptyText: t('moderation.queue.empty') }}
        />
      </Flex>
      <DecisionModal
        target={deciding}
        onClose={() => setDeciding(null)}
        onDone={(done) => {
          setDeciding(null);
          message.success(t(`moderation.decide.done.${done.action}`));
          list.setItems((items) => items.filter((x) => x.subjectId !== done.subjectId));
        }}
      />
      <MuteModal
        target={muting}
        onClose={() => setMuting(null)}
        onDone={() => {
          setMuting(null);
          void list.reload();
        }}
      />
    </Card>
  );
}
