// A club's members and requests to join: name, role, status, badges, trust, since when; owner and
// manager approve or refuse a request, give a role (organiser, KOL — nominated by staff only),
// remove a member, or mute one through moderation.
import { useState } from 'react';
import { App, Card, Dropdown, Flex, Segmented, Typography } from 'antd';
import {
  CheckOutlined,
  CloseOutlined,
  CrownOutlined,
  DeleteOutlined,
  DownOutlined,
  StopOutlined,
} from '@ant-design/icons';
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
import { useMemberActions } from './useMemberActions.ts';
import { canModerate, MuteModal, type MuteTarget } from '../moderation/index.ts';
import { BadgeTags, badgeText } from './BadgeTags.tsx';
import {
  MEMBER_ROLES,
  ROLE_COLORS,
  STATUS_COLORS,
  canKeepClubs,
  type Club,
  type Member,
  type MemberRole,
  type MemberStatus,
} from './clubs.ts';

type StatusFilter = MemberStatus | 'all';

function RoleMenu({
  member,
  busy,
  onPick,
}: {
  member: Member;
  busy: boolean;
  onPick: (role: MemberRole) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: MEMBER_ROLES.filter((r) => r !== member.role).map((r) => ({
          key: r,
          label: <span data-testid={`member-role-${r}`}>{t(`clubs.roleAction.${r}`)}</span>,
        })),
        onClick: ({ key }) => onPick(key as MemberRole),
      }}
    >
      <Typography.Link
        data-testid="member-set-role"
        disabled={busy}
        style={{ whiteSpace: 'nowrap' }}
      >
        <CrownOutlined /> {t('clubs.members.setRole')} <DownOutlined style={{ fontSize: 10 }} />
      </Typography.Link>
    </Dropdown>
  );
}

export function MembersCard({ club, onChanged }: { club: Club; onChanged: () => void }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const keeper = canKeepClubs(staff);
  const { message } = App.useApp();
  const timeZone = useStaff().tenant.timezone;
  const [status, setStatus] = useState<StatusFilter>(club.pendingCount > 0 ? 'pending' : 'all');
  const [muting, setMuting] = useState<MuteTarget | null>(null);
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/clubs/{clubId}/members', {
          params: {
            path: { clubId: club.id },
            query: {
              limit: 100,
              ...(status !== 'all' ? { status } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [club.id, status],
  );
  const { busy, approve, refuse, setRole, remove } = useMemberActions(club.id, {
    setItems: list.setItems,
    dropOnApprove: status === 'pending',
    onChanged,
  });

  const name = (m: Member) => m.name ?? t('clubs.unnamed');
  const columns: DataColumn<Member>[] = [
    {
      title: t('clubs.members.name'),
      key: 'name',
      render: (_, m) => (
        <Typography.Text strong data-testid="member-name">
          {name(m)}
        </Typography.Text>
      ),
      csv: name,
    },
    {
      title: t('clubs.members.role'),
      key: 'role',
      width: 100,
      render: (_, m) => (
        <StatusTag value={m.role} prefix="clubs.role" colors={ROLE_COLORS} testId="member-role" />
      ),
      csv: (m) => t(`clubs.role.${m.role}`),
    },
    {
      title: t('clubs.members.status'),
      key: 'status',
      width: 90,
      render: (_, m) => (
        <StatusTag value={m.status} prefix="clubs.memberStatus" colors={STATUS_COLORS} />
      ),
      csv: (m) => t(`clubs.memberStatus.${m.status}`),
    },
    {
      title: t('clubs.members.badges'),
      key: 'badges',
      render: (_, m) => <BadgeTags badges={m.badges} />,
      csv: (m) => m.badges.map((b) => badgeText(b, t)).join(' '),
    },
    {
      title: t('clubs.members.trust'),
      key: 'trust',
      width: 130,
      render: (_, m) => t(`clubs.trust.${m.trustLevel}`, { defaultValue: String(m.trustLevel) }),
      csv: (m) => m.trustLevel,
    },
    dateTimeColumn(t('clubs.members.since'), (m) => m.joinedAt ?? m.requestedAt, timeZone),
  ];
  if (keeper)
    columns.push({
      title: '',
      key: 'actions',
      width: 300,
      render: (_, m) => (
        <Flex gap={8} justify="flex-end" align="center">
          {m.status === 'active' && (
            <RoleMenu member={m} busy={busy === m.customerId} onPick={(r) => void setRole(m, r)} />
          )}
          <RowActions
            actions={[
              {
                label: t('clubs.members.approve'),
                icon: <CheckOutlined />,
                primary: true,
                hidden: m.status !== 'pending',
                loading: busy === m.customerId,
                onClick: () => void approve(m),
                testId: 'member-approve',
              },
              {
                label: t('clubs.members.refuse'),
                icon: <CloseOutlined />,
                hidden: m.status !== 'pending',
                confirm: t('clubs.members.refuseConfirm'),
                onClick: () => void refuse(m),
                testId: 'member-refuse',
              },
              {
                label: t('clubs.members.mute'),
                icon: <StopOutlined />,
                hidden: m.status !== 'active' || !canModerate(staff),
                onClick: () =>
                  setMuting({ customerId: m.customerId, name: m.name, scopeId: club.id }),
                testId: 'member-mute',
              },
              {
                label: t('clubs.members.remove'),
                icon: <DeleteOutlined />,
                danger: true,
                hidden: m.status !== 'active',
                confirm: t('clubs.members.removeConfirm', { name: name(m) }),
                onClick: () => void remove(m),
                testId: 'member-remove',
              },
            ]}
          />
        </Flex>
      ),
    });

  return (
    <Card
      title={t('clubs.members.title')}
      extra={
        <Segmented<StatusFilter>
          value={status}
          onChange={setStatus}
          data-testid="member-status-filter"
          options={(['all', 'pending', 'active'] as const).map((s) => ({
            value: s,
            label:
              s === 'pending' && club.pendingCount > 0
                ? `${t('clubs.memberFilter.pending')} ${club.pendingCount}`
                : t(`clubs.memberFilter.${s}`),
          }))}
        />
      }
    >
      <Flex vertical gap={12}>
        <PagedTable<Member>
          list={list}
          columns={columns}
          rowKey="customerId"
          csv={{ filename: `${club.name}-members.csv`, label: t('clubs.csv') }}
          scroll={{ x: 1000 }}
          onRow={(m) =>
            ({ 'data-testid': 'member-row', 'data-customer-id': m.customerId }) as object
          }
          locale={{
            emptyText:
              status === 'pending' ? t('clubs.members.noPending') : t('clubs.members.empty'),
          }}
        />
      </Flex>
      <MuteModal
        target={muting}
        onClose={() => setMuting(null)}
        onDone={(m) => {
          setMuting(null);
          message.success(
            m.hiddenCount
              ? t('moderation.mutes.mutedHidden', { count: m.hiddenCount })
              : t('moderation.mutes.muted'),
          );
        }}
      />
    </Card>
  );
}
