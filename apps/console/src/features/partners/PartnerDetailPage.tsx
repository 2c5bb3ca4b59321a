// A partner merchant: its details and portal accounts, the coupon templates scoped to it, and
// the settlement statement between the business and the partner for a period (+ CSV).
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Flex, Result, Tag, Typography } from 'antd';
import { EditOutlined, KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { BackLink, DataTable, NotLoaded, useLoad } from '../../kit/index.ts';
import { EMPTY, formatDateTime, formatFen, formatPhone } from '../../kit/format.ts';
import type { CouponTemplate } from '../coupons/index.ts';
import {
  PartnerStatusTag,
  StatementCard,
  canManagePartners,
  type Partner,
} from './PartnerCommon.tsx';
import { PartnerModal } from './PartnerModal.tsx';
import { AccountsModal } from './PartnerAccountsModal.tsx';

export default function PartnerDetailPage() {
  const { partnerId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const allowed = canManagePartners(staff);
  const [editing, setEditing] = useState(false);
  const [accounts, setAccounts] = useState(false);

  const loaded = useLoad<Partner>(
    () =>
      unwrap(api.GET('/api/v1/staff/partners/{partnerId}', { params: { path: { partnerId } } })),
    [partnerId],
    { enabled: allowed },
  );
  const partner = loaded.data;
  const templates =
    useLoad(
      async () =>
        (
          await unwrap(
            api.GET('/api/v1/staff/coupon-templates', { params: { query: { limit: 200 } } }),
          )
        ).items.filter((tp) => tp.partnerId === partnerId),
      [partnerId],
      { enabled: allowed },
    ).data ?? [];

  const fetchStatement = useCallback(
    (query: { from: string; to: string }) =>
      unwrap(
        api.GET('/api/v1/staff/partners/{partnerId}/statement', {
          params: { path: { partnerId }, query },
        }),
      ),
    [partnerId],
  );

  if (!allowed) return <Result status="403" title={t('partners.forbidden')} />;
  const back = <BackLink to="/partners">{t('partners.detail.back')}</BackLink>;
  if (!partner)
    return <NotLoaded loaded={loaded} notFound={t('partners.detail.notFound')} back={back} />;

  const tz = staff.tenant.timezone;
  return (
    <Flex vertical gap={16} data-testid="partner-detail">
      <div>{back}</div>
      <Card
        title={
          <Flex gap={12} align="center">
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="partner-title">
              {partner.name}
            </Typography.Title>
            <Tag color="geekblue">{t(`partners.kind.${partner.kind}`)}</Tag>
            <PartnerStatusTag status={partner.status} />
          </Flex>
        }
        extra={
          <Flex gap={8}>
            <Button icon={<KeyOutlined />} onClick={() => setAccounts(true)}>
              {t('partners.accounts.action')} ({partner.accounts.length})
            </Button>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          </Flex>
        }
      >
        <Descriptions
          column={3}
          items={[
            {
              key: 'contact',
              label: t('partners.form.contactName'),
              children: partner.contactName,
            },
            {
              key: 'phone',
              label: t('partners.form.contactPhone'),
              children: formatPhone(partner.contactPhone),
            },
            { key: 'email', label: t('partners.form.email'), children: partner.email ?? EMPTY },
            {
              key: 'accounts',
              label: t('partners.accounts.column'),
              children: partner.accounts.length
                ? partner.accounts.map((a) => `${a.name} <${a.email}>`).join('、')
                : EMPTY,
            },
            {
              key: 'created',
              label: t('partners.detail.createdAt'),
              children: formatDateTime(partner.createdAt, tz),
            },
            { key: 'note', label: t('partners.form.note'), children: partner.note || EMPTY },
          ]}
        />
      </Card>
      <Card
        title={t('partners.detail.templates')}
        extra={<Link to="/coupons">{t('partners.detail.manageTemplates')}</Link>}
      >
        <DataTable<CouponTemplate>
          size="small"
          dataSource={templates}
          locale={{ emptyText: t('partners.detail.noTemplates') }}
          columns={[
            { title: t('partners.statement.template'), dataIndex: 'name' },
            {
              title: t('partners.statement.direction'),
              render: (_, tp) =>
                tp.partnerDirection ? (
                  <Tag color={tp.partnerDirection === 'redeem_at_partner' ? 'purple' : 'blue'}>
                    {t(`partners.businessView.direction.${tp.partnerDirection}`)}
                  </Tag>
                ) : (
                  EMPTY
                ),
            },
            { title: t('coupons.terms'), dataIndex: 'terms' },
            {
              title: t('partners.statement.settlement'),
              align: 'right',
              render: (_, tp) => formatFen(tp.settlementFen ?? 0),
            },
            {
              title: t('partners.detail.issuedRedeemed'),
              align: 'right',
              render: (_, tp) => `${tp.issuedCount} / ${tp.redeemedCount}`,
            },
          ]}
        />
      </Card>
      <StatementCard
        fetch={fetchStatement}
        csvHref={(q) =>
          `/api/v1/staff/partners/${partnerId}/statement.csv?${new URLSearchParams(q).toString()}`
        }
        timeZone={tz}
      />
      <PartnerModal
        partner={partner}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={(p) => {
          setEditing(false);
          loaded.setData(p);
          message.success(t('partners.form.saved'));
        }}
      />
      <AccountsModal
        partner={accounts ? partner : null}
        onClose={() => setAccounts(false)}
        onChanged={() => void loaded.reload()}
      />
    </Flex>
  );
}
