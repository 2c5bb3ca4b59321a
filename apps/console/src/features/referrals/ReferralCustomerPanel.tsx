// The referral panel on the customer page: their code and link to share, who referred them,
// the friends they brought, and attribution by code at the counter for a new customer.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ShareAltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, canEditCustomers, unwrap, useStaff } from '../../api.ts';
import { DataTable, ErrorAlert, IconTitle, useLoad } from '../../kit/index.ts';
import { HouseholdModal, ReferralAttributeForm } from './ReferralAttributeForm.tsx';
import { EMPTY, formatDateTime } from '../../kit/format.ts';
import type { CustomerSummary } from '../../types.ts';
import {
  ReferralFlags,
  RewardLines,
  ReferralStatusTag,
  canReadReferrals,
  type Referral,
} from './ReferralCommon.tsx';

export default function ReferralCustomerPanel({ customer }: { customer: CustomerSummary }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = canReadReferrals(staff);
  const [household, setHousehold] = useState(false);
  // The counter form opens by itself for a customer still inside the attribution window;
  // for others it is one click away (the server says why if it is too late).
  const [attributeOpen, setAttributeOpen] = useState<boolean | null>(null);
  const settings = useLoad(() => unwrap(api.GET('/api/v1/staff/referrals/settings')), [], {
    enabled: allowed,
  });
  const windowDays = settings.data?.attributionWindowDays ?? 30;
  const isNew = Date.now() - new Date(customer.createdAt).getTime() < windowDays * 86_400_000;

  const {
    data: loaded,
    error,
    reload: load,
  } = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/customers/{customerId}/referrals', {
          params: { path: { customerId: customer.id } },
        }),
      ),
    [customer.id],
    { enabled: allowed },
  );
  const data = loaded ?? null;

  if (!allowed) return null;
  const tz = staff.tenant.timezone;

  const columns: TableColumnsType<Referral> = [
    {
      title: t('referrals.referee'),
      render: (_, r) => (
        <Link to={`/customers/${r.refereeId}`}>{r.refereeName ?? t('customer.unnamed')}</Link>
      ),
    },
    {
      title: t('referrals.statusLabel'),
      render: (_, r) => (
        <Flex gap={4} wrap>
          <ReferralStatusTag status={r.status} />
          <ReferralFlags flags={r.flags} />
        </Flex>
      ),
    },
    { title: t('referrals.rewards'), render: (_, r) => <RewardLines referral={r} /> },
    {
      title: t('referrals.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v, tz),
    },
  ];

  const by = data?.referredBy ?? null;
  return (
    <Card
      title={<IconTitle icon={<ShareAltOutlined />}>{t('referrals.customer.title')}</IconTitle>}
      data-testid="referral-panel"
    >
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      {data && (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              {
                key: 'code',
                label: t('referrals.customer.code'),
                children: (
                  <Typography.Text
                    copyable
                    strong
                    style={{ fontFamily: 'monospace', letterSpacing: 1 }}
                    data-testid="referral-code"
                  >
                    {data.code}
                  </Typography.Text>
                ),
              },
              {
                key: 'link',
                label: t('referrals.customer.link'),
                span: 2,
                children: (
                  <Typography.Text
                    copyable
                    ellipsis
                    style={{ maxWidth: 420 }}
                    data-testid="referral-link"
                  >
                    {data.link}
                  </Typography.Text>
                ),
              },
              {
                key: 'by',
                label: t('referrals.customer.referredBy'),
                children: by ? (
                  <Flex gap={8} align="center" wrap data-testid="referral-referred-by">
                    <Link to={`/customers/${by.referrerId}`}>
                      {by.referrerName ?? t('customer.unnamed')}
                    </Link>
                    <ReferralStatusTag status={by.status} />
                    <ReferralFlags flags={by.flags} />
                    <Typography.Text type="secondary">
                      {t(`referrals.channels.${by.channel}`)} · {formatDateTime(by.createdAt, tz)}
                    </Typography.Text>
                  </Flex>
                ) : (
                  <Flex gap={8} align="center">
                    {EMPTY}
                    {!(attributeOpen ?? isNew) && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setAttributeOpen(true)}
                        data-testid="referral-attribute-open"
                      >
                        {t('referrals.customer.attributeOpen')}
                      </Button>
                    )}
                  </Flex>
                ),
              },
              {
                key: 'household',
                label: t('referrals.customer.household'),
                span: 2,
                children: (
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text type={data.household.address ? undefined : 'secondary'}>
                      {data.household.address || data.household.payerRef
                        ? t('referrals.customer.householdRecorded')
                        : t('referrals.customer.householdNone')}
                    </Typography.Text>
                    {canEditCustomers(staff) && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setHousehold(true)}
                        data-testid="household-edit"
                      >
                        {t('common.edit')}
                      </Button>
                    )}
                  </Flex>
                ),
              },
            ]}
          />
          {!by && (attributeOpen ?? isNew) && (
            <ReferralAttributeForm customerId={customer.id} onDone={() => void load()} />
          )}
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('referrals.customer.theirReferrals', { count: data.referrals.length })}
            </Typography.Title>
            <DataTable<Referral>
              size="small"
              columns={columns}
              dataSource={data.referrals}
              pagination={data.referrals.length > 10 ? { pageSize: 10 } : false}
              locale={{ emptyText: t('referrals.customer.none') }}
              onRow={() => ({ 'data-testid': 'customer-referral-row' }) as object}
            />
          </div>
        </Flex>
      )}
      <HouseholdModal
        customerId={customer.id}
        open={household}
        onClose={() => setHousehold(false)}
        onSaved={() => {
          setHousehold(false);
          void load();
        }}
      />
    </Card>
  );
}
