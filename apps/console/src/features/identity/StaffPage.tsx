// 员工管理: the owner's team page — list, add (first password or invitation link), edit role,
// contact and stores, deactivate / reactivate, send a password link, turn off two-step sign-in.
import { useState } from 'react';
import { App, Flex, Result, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, IdcardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { RowActions, TableCard, useAction, useLoad } from '../../kit/index.ts';
import { EMPTY, formatDateTime, formatPhone } from '../../kit/format.ts';
import { canManageStaff, type StaffMember } from './staff.ts';
import { StaffMemberModal } from './StaffMemberModal.tsx';

type StaffAction = 'password-link' | 'totp/reset' | 'deactivate' | 'reactivate';

function MemberStatus({ m }: { m: StaffMember }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {m.status === 'disabled' ? (
        <Tag color="default">{t('staffAdmin.statusDisabled')}</Tag>
      ) : m.passwordPending ? (
        <Tag color="gold">{t('staffAdmin.statusInvited')}</Tag>
      ) : (
        <Tag color="green">{t('staffAdmin.statusActive')}</Tag>
      )}
      {m.totpEnabled && <Tag color="purple">{t('staffAdmin.totpOn')}</Tag>}
    </Space>
  );
}

/** The buttons of one row: edit, send a password link, turn off 2FA, (de)activate. */
function MemberActions({
  m,
  busy,
  onEdit,
  onAct,
}: {
  m: StaffMember;
  busy: boolean;
  onEdit(): void;
  onAct(action: StaffAction, done: string): void;
}) {
  const { t } = useTranslation();
  const self = m.id === useStaff().id;
  return (
    <RowActions
      actions={[
        {
          label: t('common.edit'),
          icon: <EditOutlined />,
          onClick: onEdit,
          testId: 'staff-edit',
        },
        {
          label: m.passwordPending ? t('staffAdmin.resendInvite') : t('staffAdmin.sendReset'),
          confirm: t('staffAdmin.sendLinkConfirm', { name: m.name }),
          onClick: () => onAct('password-link', t('staffAdmin.linkSent')),
          hidden: m.status !== 'active',
          loading: busy,
          testId: 'staff-send-link',
        },
        {
          label: t('staffAdmin.totpReset'),
          confirm: t('staffAdmin.totpResetConfirm', { name: m.name }),
          onClick: () => onAct('totp/reset', t('staffAdmin.totpResetDone')),
          hidden: !m.totpEnabled || self,
        },
        {
          label: t('staffAdmin.deactivate'),
          confirm: t('staffAdmin.deactivateConfirm', { name: m.name }),
          onClick: () => onAct('deactivate', t('staffAdmin.deactivated')),
          danger: true,
          hidden: self || m.status !== 'active',
          testId: 'staff-deactivate',
        },
        {
          label: t('staffAdmin.reactivate'),
          onClick: () => onAct('reactivate', t('staffAdmin.reactivated')),
          hidden: self || m.status === 'active',
          testId: 'staff-reactivate',
        },
      ]}
    />
  );
}

export default function StaffPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const allowed = canManageStaff(staff);
  const [editing, setEditing] = useState<StaffMember | 'new' | null>(null);
  const action = useAction();
  const loaded = useLoad(
    () =>
      Promise.all([
        unwrap(api.GET('/api/v1/staff/staff-members')),
        unwrap(api.GET('/api/v1/staff/stores')),
      ]),
    [],
    { enabled: allowed },
  );
  const items = loaded.data?.[0].items ?? [];
  const stores = loaded.data?.[1].items ?? [];

  if (!allowed) return <Result status="403" title={t('staffAdmin.forbidden')} />;

  async function act(m: StaffMember, what: StaffAction, done: string) {
    const path = `/api/v1/staff/staff-members/{staffId}/${what}` as const;
    const ok = await action.run(
      m.id,
      () => unwrap(api.POST(path, { params: { path: { staffId: m.id } } })),
      done,
    );
    if (ok !== undefined) await loaded.reload();
  }

  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id;
  const columns: TableColumnsType<StaffMember> = [
    {
      title: t('staffAdmin.name'),
      render: (_, m) => (
        <Flex vertical>
          <Typography.Text strong data-testid="staff-row-name">
            {m.name}
            {m.id === staff.id ? ` (${t('staffAdmin.you')})` : ''}
          </Typography.Text>
          <Typography.Text type="secondary">
            {[m.phone && formatPhone(m.phone), m.email].filter(Boolean).join(' · ') || EMPTY}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('staffAdmin.role'),
      render: (_, m) => <Tag color="blue">{t(`roles.${m.role}`)}</Tag>,
    },
    {
      title: t('staffAdmin.stores'),
      render: (_, m) =>
        m.role === 'owner'
          ? t('staffAdmin.allStores')
          : m.storeIds.map(storeName).join('、') || EMPTY,
    },
    { title: t('staffAdmin.status'), render: (_, m) => <MemberStatus m={m} /> },
    {
      title: t('staffAdmin.lastSignIn'),
      render: (_, m) => formatDateTime(m.lastSignInAt, staff.tenant.timezone),
    },
    {
      title: '',
      align: 'right',
      render: (_, m) => (
        <MemberActions
          m={m}
          busy={action.busy === m.id}
          onEdit={() => setEditing(m)}
          onAct={(what, done) => void act(m, what, done)}
        />
      ),
    },
  ];

  return (
    <TableCard<StaffMember>
      title={t('staffAdmin.title')}
      icon={<IdcardOutlined />}
      add={{ label: t('staffAdmin.add'), onClick: () => setEditing('new'), testId: 'staff-add' }}
      error={loaded.error}
      loading={loaded.loading}
      columns={columns}
      dataSource={items}
      scroll={{ x: true }}
      rowClassName={(m) => (m.status === 'disabled' ? 'ant-table-row-disabled' : '')}
    >
      <StaffMemberModal
        open={editing !== null}
        member={editing === 'new' ? null : editing}
        stores={stores}
        onClose={() => setEditing(null)}
        onSaved={(text) => {
          setEditing(null);
          message.success(text);
          void loaded.reload();
        }}
      />
    </TableCard>
  );
}
