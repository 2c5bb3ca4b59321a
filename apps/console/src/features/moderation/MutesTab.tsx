// 禁言: the mutes in force (or every mute), whom, where, until when and why; muting a member and
// lifting a mute early.
import { useState } from 'react';
import { App, Button, Card, Flex, Switch, Tag, Typography } from 'antd';
import { StopOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  PagedTable,
  RowActions,
  dateTimeColumn,
  useAction,
  useLoad,
  usePagedLoad,
} from '../../kit/index.ts';
import type { DataColumn } from '../../kit/index.ts';
import { MuteModal } from './MuteModal.tsx';
import type { Mute } from './moderation.ts';

export function MutesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const timeZone = useStaff().tenant.timezone;
  const [all, setAll] = useState(false);
  const [muting, setMuting] = useState(false);
  const clubs = useLoad(() => unwrap(api.GET('/api/v1/staff/clubs')), []);
  const clubName = new Map((clubs.data?.items ?? []).map((c) => [c.id, c.name]));
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/moderation/mutes', {
          params: {
            query: { active: all ? 'false' : 'true', limit: 50, ...(cursor ? { cursor } : {}) },
          },
        }),
      ),
    [all],
  );

  const unmute = async (m: Mute) => {
    const next = await action.run(m.id, () =>
      unwrap(
        api.DELETE('/api/v1/staff/moderation/mutes/{muteId}', {
          params: { path: { muteId: m.id } },
        }),
      ),
    );
    if (!next) return;
    message.success(t('moderation.mutes.unmuted'));
    if (all) list.setItems((items) => items.map((x) => (x.id === m.id ? next : x)));
    else list.setItems((items) => items.filter((x) => x.id !== m.id));
  };

  const scopeName = (m: Mute) =>
    m.scopeId
      ? (clubName.get(m.scopeId) ?? t('moderation.mutes.oneClub'))
      : t('moderation.mutes.everywhere');
  const columns: DataColumn<Mute>[] = [
    {
      title: t('moderation.mutes.member'),
      key: 'member',
      render: (_, m) => (
        <Typography.Text strong data-testid="mute-row-name">
          {m.customerName ?? t('moderation.unnamed')}
        </Typography.Text>
      ),
      csv: (m) => m.customerName ?? '',
    },
    {
      title: t('moderation.mutes.scope'),
      key: 'scope',
      render: (_, m) => scopeName(m),
      csv: scopeName,
    },
    dateTimeColumn(t('moderation.mutes.until'), (m) => m.until, timeZone),
    { title: t('moderation.decide.reason'), dataIndex: 'reason', key: 'reason' },
    {
      title: t('moderation.mutes.hidePastShort'),
      key: 'hidePast',
      width: 110,
      render: (_, m) => (m.hidePast ? t('moderation.yes') : t('moderation.no')),
      csv: (m) => (m.hidePast ? t('moderation.yes') : t('moderation.no')),
    },
    {
      title: t('moderation.mutes.status'),
      key: 'status',
      width: 90,
      render: (_, m) =>
        m.active ? (
          <Tag color="magenta">{t('moderation.mutes.active')}</Tag>
        ) : (
          <Tag>{t('moderation.mutes.ended')}</Tag>
        ),
      csv: (m) => (m.active ? t('moderation.mutes.active') : t('moderation.mutes.ended')),
    },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_, m) => (
        <RowActions
          actions={[
            {
              label: t('moderation.mutes.unmute'),
              icon: <UnlockOutlined />,
              hidden: !m.active,
              confirm: t('moderation.mutes.unmuteConfirm'),
              loading: action.busy === m.id,
              testId: 'mute-unmute',
              onClick: () => void unmute(m),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Card
      extra={
        <Button
          type="primary"
          danger
          icon={<StopOutlined />}
          onClick={() => setMuting(true)}
          data-testid="mute-add"
        >
          {t('moderation.mutes.add')}
        </Button>
      }
      title={
        <Flex gap={6} align="center">
          <Switch size="small" checked={all} onChange={setAll} data-testid="mute-show-all" />
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('moderation.mutes.showEnded')}
          </Typography.Text>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <PagedTable<Mute>
          list={list}
          columns={columns}
          rowKey="id"
          csv={{ filename: 'mutes.csv', label: t('moderation.csv') }}
          onRow={() => ({ 'data-testid': 'mute-row' }) as object}
          locale={{ emptyText: t('moderation.mutes.empty') }}
        />
      </Flex>
      <MuteModal
        target={muting ? 'pick' : null}
        onClose={() => setMuting(false)}
        onDone={(m) => {
          setMuting(false);
          message.success(
            m.hiddenCount
              ? t('moderation.mutes.mutedHidden', { count: m.hiddenCount })
              : t('moderation.mutes.muted'),
          );
          void list.reload();
        }}
      />
    </Card>
  );
}
