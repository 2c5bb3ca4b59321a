// 合作商家: the partner merchants of the alliance — list, create and edit, and their portal
// sign-in accounts (role partner).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Flex, Result, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, KeyOutlined, ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { RowActions, TableCard, useLoad } from '../../kit/index.ts';
import { EMPTY, formatPhone } from '../../kit/format.ts';
import { PartnerStatusTag, canManagePartners, type Partner } from './PartnerCommon.tsx';
import { PartnerModal } from './PartnerModal.tsx';
import { AccountsModal } from './PartnerAccountsModal.tsx';

export default function PartnerListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const allowed = canManagePartners(staff);
  const [editing, setEditing] = useState<Partner | null | 'new'>(null);
  const [accountsOf, setAccountsOf] = useState<Partner | null>(null);

  const { data, loading, error, reload } = useLoad(
    () => unwrap(api.GET('/api/v1/staff/partners')),
    [],
    { enabled: allowed },
  );
  const items: Partner[] = data?.items ?? [];

  if (!allowed) return <Result status="403" title={t('partners.forbidden')} />;

  const columns: TableColumnsType<Partner> = [
    {
      title: t('partners.form.name'),
      render: (_, p) => (
        <Flex vertical>
          <Link to={`/partners/${p.id}`} data-testid="partner-link">
            <Typography.Text strong>{p.name}</Typography.Text>
          </Link>
          {p.note && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>
              {p.note}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('partners.form.kind'),
      render: (_, p) => <Tag color="geekblue">{t(`partners.kind.${p.kind}`)}</Tag>,
    },
    {
      title: t('partners.form.contactName'),
      render: (_, p) => (
        <Flex vertical>
          <span>{p.contactName}</span>
          <Typography.Text type="secondary">{formatPhone(p.contactPhone)}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('partners.form.email'), render: (_, p) => p.email ?? EMPTY },
    {
      title: t('partners.accounts.column'),
      render: (_, p) => p.accounts.length,
      align: 'right',
    },
    { title: t('partners.form.status'), render: (_, p) => <PartnerStatusTag status={p.status} /> },
    {
      title: '',
      align: 'right',
      render: (_, p) => (
        <RowActions
          actions={[
            {
              label: t('partners.accounts.action'),
              icon: <KeyOutlined />,
              onClick: () => setAccountsOf(p),
              testId: 'partner-accounts',
            },
            {
              label: t('common.edit'),
              icon: <EditOutlined />,
              onClick: () => setEditing(p),
              testId: 'partner-edit',
            },
          ]}
        />
      ),
    },
  ];

  return (
    <TableCard<Partner>
      title={t('partners.list.title')}
      icon={<ShopOutlined />}
      add={{
        label: t('partners.form.createTitle'),
        onClick: () => setEditing('new'),
        testId: 'partner-create',
      }}
      error={error}
      loading={loading}
      columns={columns}
      dataSource={items}
      locale={{ emptyText: t('partners.list.empty') }}
      onRow={(p) => ({ 'data-testid': 'partner-row', 'data-name': p.name }) as object}
    >
      <PartnerModal
        partner={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('partners.form.saved'));
          void reload();
        }}
      />
      <AccountsModal
        partner={accountsOf}
        onClose={() => setAccountsOf(null)}
        onChanged={() => void reload()}
      />
    </TableCard>
  );
}
