// 车友会: the shop's clubs — what each gathers around, how owners join, members (and requests
// waiting), posts — with headline figures above; owner and manager create, change and archive.
import { useState } from 'react';
import { App, Avatar, Badge, Flex, Result, Segmented, Tag, Typography } from 'antd';
import { EditOutlined, InboxOutlined, RollbackOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  RowActions,
  StatCards,
  StatusTag,
  TableCard,
  useAction,
  useLoad,
} from '../../kit/index.ts';
import type { DataColumn } from '../../kit/index.ts';
import { EMPTY } from '../../kit/format.ts';
import { ClubModal } from './ClubModal.tsx';
import { KIND_COLORS, canKeepClubs, canReadClubs, clubFocus, type Club } from './clubs.ts';

type Shown = 'active' | 'archived';

export default function ClubListPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const keeper = canKeepClubs(staff);
  const { message } = App.useApp();
  const action = useAction();
  const [shown, setShown] = useState<Shown>('active');
  const [editing, setEditing] = useState<Club | 'new' | null>(null);
  const list = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/clubs', {
          params: { query: { archived: shown === 'archived' ? 'true' : 'false' } },
        }),
      ),
    [shown],
    { enabled: canReadClubs(staff) },
  );
  const clubs = list.data?.items ?? [];
  if (!canReadClubs(staff)) return <Result status="403" title={t('clubs.forbidden')} />;

  const setArchived = async (c: Club, archived: boolean) => {
    const next = await action.run(c.id, () =>
      unwrap(
        api.PATCH('/api/v1/staff/clubs/{clubId}', {
          params: { path: { clubId: c.id } },
          body: { archived },
        }),
      ),
    );
    if (!next) return;
    message.success(archived ? t('clubs.archived') : t('clubs.restored'));
    list.setData((d) => d && { items: d.items.filter((x) => x.id !== c.id) });
  };

  const columns: DataColumn<Club>[] = [
    {
      title: t('clubs.column.name'),
      key: 'name',
      render: (_, c) => (
        <Flex gap={10} align="center">
          {c.cover ? (
            <img
              src={c.cover.thumbUrl}
              alt=""
              width={40}
              height={40}
              style={{ objectFit: 'cover', borderRadius: 6, flex: 'none' }}
            />
          ) : (
            <Avatar shape="square" size={40} icon={<TeamOutlined />} style={{ flex: 'none' }} />
          )}
          <Flex vertical style={{ minWidth: 0 }}>
            <Link to={`/clubs/${c.id}`} data-testid="club-link">
              <Typography.Text strong style={{ color: 'inherit' }}>
                {c.name}
              </Typography.Text>
            </Link>
            {c.description && (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360, fontSize: 12 }}>
                {c.description}
              </Typography.Text>
            )}
          </Flex>
        </Flex>
      ),
      csv: (c) => c.name,
    },
    {
      title: t('clubs.column.kind'),
      key: 'kind',
      width: 90,
      render: (_, c) => <StatusTag value={c.kind} prefix="clubs.kind" colors={KIND_COLORS} />,
      csv: (c) => t(`clubs.kind.${c.kind}`),
    },
    {
      title: t('clubs.column.focus'),
      key: 'focus',
      width: 180,
      render: (_, c) => clubFocus(c) || EMPTY,
      csv: (c) => clubFocus(c),
    },
    {
      title: t('clubs.column.joinPolicy'),
      key: 'joinPolicy',
      width: 100,
      render: (_, c) => (
        <Tag color={c.joinPolicy === 'approval' ? 'gold' : 'default'}>
          {t(`clubs.joinPolicy.${c.joinPolicy}`)}
        </Tag>
      ),
      csv: (c) => t(`clubs.joinPolicy.${c.joinPolicy}`),
    },
    {
      title: t('clubs.column.members'),
      key: 'members',
      width: 110,
      align: 'right',
      render: (_, c) => (
        <Flex gap={6} justify="flex-end" align="center">
          <span data-testid="club-member-count">{c.memberCount}</span>
          {c.pendingCount > 0 && (
            <Badge
              count={t('clubs.pendingShort', { count: c.pendingCount })}
              style={{ background: '#faad14' }}
            />
          )}
        </Flex>
      ),
      csv: (c) => c.memberCount,
    },
    {
      title: t('clubs.column.pending'),
      key: 'pending',
      csvOnly: true,
      csv: (c) => c.pendingCount,
    },
    {
      title: t('clubs.column.recentPosts'),
      dataIndex: 'recentPostCount',
      key: 'recentPosts',
      width: 120,
      align: 'right',
      render: (n: number) => <span data-testid="club-recent-posts">{n}</span>,
    },
    { title: t('clubs.column.posts'), dataIndex: 'postCount', key: 'posts', csvOnly: true },
  ];
  if (keeper)
    columns.push({
      title: '',
      key: 'actions',
      width: 200,
      render: (_, c) => (
        <RowActions
          actions={[
            {
              label: t('common.edit'),
              icon: <EditOutlined />,
              onClick: () => setEditing(c),
              testId: 'club-edit',
            },
            {
              label: t('clubs.archive'),
              icon: <InboxOutlined />,
              hidden: c.archived,
              confirm: t('clubs.archiveConfirm'),
              loading: action.busy === c.id,
              onClick: () => void setArchived(c, true),
              testId: 'club-archive',
            },
            {
              label: t('clubs.restore'),
              icon: <RollbackOutlined />,
              hidden: !c.archived,
              loading: action.busy === c.id,
              onClick: () => void setArchived(c, false),
            },
          ]}
        />
      ),
    });

  const sum = (f: (c: Club) => number) => clubs.reduce((n, c) => n + f(c), 0);
  return (
    <TableCard<Club>
      title={t('clubs.title')}
      icon={<TeamOutlined />}
      cardTestId="club-list"
      add={
        keeper
          ? { label: t('clubs.add'), onClick: () => setEditing('new'), testId: 'club-add' }
          : undefined
      }
      error={list.error}
      header={
        <Flex vertical gap={16} style={{ marginBottom: 12 }}>
          {shown === 'active' && (
            <StatCards
              items={[
                { title: t('clubs.stats.clubs'), value: clubs.length, loading: list.loading },
                {
                  title: t('clubs.stats.members'),
                  value: sum((c) => c.memberCount),
                  loading: list.loading,
                  valueTestId: 'clubs-members-total',
                },
                {
                  title: t('clubs.stats.pending'),
                  value: sum((c) => c.pendingCount),
                  loading: list.loading,
                },
                {
                  title: t('clubs.stats.recentPosts'),
                  value: sum((c) => c.recentPostCount),
                  loading: list.loading,
                },
              ]}
            />
          )}
          <Segmented<Shown>
            value={shown}
            onChange={setShown}
            style={{ alignSelf: 'flex-start' }}
            options={(['active', 'archived'] as const).map((s) => ({
              value: s,
              label: t(`clubs.shown.${s}`),
            }))}
          />
        </Flex>
      }
      columns={columns}
      dataSource={clubs}
      loading={list.loading}
      rowKey="id"
      csv={{ filename: 'clubs.csv', label: t('clubs.csv') }}
      onRow={(c) => ({ 'data-testid': 'club-row', 'data-club-id': c.id }) as object}
      locale={{ emptyText: shown === 'archived' ? t('clubs.emptyArchived') : t('clubs.empty') }}
    >
      <ClubModal
        club={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          message.success(t('clubs.saved'));
          list.setData((d) => {
            const items = d?.items ?? [];
            return {
              items: items.some((x) => x.id === saved.id)
                ? items.map((x) => (x.id === saved.id ? saved : x))
                : [...items, saved],
            };
          });
        }}
      />
    </TableCard>
  );
}
