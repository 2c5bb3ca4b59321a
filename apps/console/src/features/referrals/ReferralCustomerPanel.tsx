// The referral panel on the customer page: their code and link to share, who referred them,
// the friends they brought, and attribution by code at the counter for a new customer.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Modal,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { ShareAltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, canEditCustomers, unwrap, useStaff } from '../../api.ts';
import { useLoad } from '../../kit/useLoad.ts';
import { errorText } from '../../kit/errors.ts';
import { EMPTY, formatDateTime } from '../../kit/format.ts';
import type { CustomerSummary } from '../../types.ts';
import {
  ReferralFlags,
  RewardLines,
  ReferralStatusTag,
  canReadReferrals,
  type CustomerReferrals,
  type Referral,
} from './ReferralCommon.tsx';

function AttributeForm({ customerId, onDone }: { customerId: string; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [code, setCode] = useState('');
  const [address, setAddress] = useState('');
  const [payerRef, setPayerRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function attribute() {
    const value = code.trim().toUpperCase();
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/api/v1/staff/referrals/attribute', {
          body: {
            refereeCustomerId: customerId,
            code: value,
            ...(address.trim() ? { address: address.trim() } : {}),
            ...(payerRef.trim() ? { payerRef: payerRef.trim() } : {}),
          },
        }),
      );
      message.success(t('referrals.customer.attributed'));
      setCode('');
      onDone();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('referrals.customer.attributeHint')}</Typography.Text>
      <Space.Compact style={{ maxWidth: 360 }}>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={() => void attribute()}
          placeholder={t('referrals.customer.codePlaceholder')}
          aria-label={t('referrals.customer.codePlaceholder')}
          maxLength={20}
          data-testid="referral-attribute-code"
        />
        <Button
          type="primary"
          loading={busy}
          disabled={!code.trim()}
          onClick={() => void attribute()}
          data-testid="referral-attribute"
        >
          {t('referrals.customer.attribute')}
        </Button>
      </Space.Compact>
      <Flex gap={8} wrap style={{ maxWidth: 640 }}>
        <Input
          style={{ flex: 2, minWidth: 220 }}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder={t('referrals.customer.address')}
          aria-label={t('referrals.customer.address')}
          maxLength={200}
          data-testid="referral-attribute-address"
        />
        <Input
          style={{ flex: 1, minWidth: 160 }}
          value={payerRef}
          onChange={(e) => setPayerRef(e.target.value)}
          placeholder={t('referrals.customer.payerRef')}
          aria-label={t('referrals.customer.payerRef')}
          maxLength={100}
          data-testid="referral-attribute-payer"
        />
      </Flex>
      {error && (
        <Alert type="error" showIcon title={error} data-testid="referral-attribute-error" />
      )}
    </Flex>
  );
}

function HouseholdModal({
  customerId,
  open,
  onClose,
  onSaved,
}: {
  customerId: string;
  open: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [address, setAddress] = useState('');
  const [payerRef, setPayerRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setAddress('');
      setPayerRef('');
      setError(null);
    }
  }, [open]);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.PUT('/api/v1/staff/customers/{customerId}/household', {
          params: { path: { customerId } },
          body: { address: address.trim() || null, payerRef: payerRef.trim() || null },
        }),
      );
      onSaved();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('referrals.customer.householdTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ loading: busy, 'data-testid': 'household-save' }}
      destroyOnHidden
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('referrals.customer.householdHint')}</Typography.Text>
        <Input
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder={t('referrals.customer.address')}
          aria-label={t('referrals.customer.address')}
          maxLength={200}
        />
        <Input
          value={payerRef}
          onChange={(e) => setPayerRef(e.target.value)}
          placeholder={t('referrals.customer.payerRef')}
          aria-label={t('referrals.customer.payerRef')}
          maxLength={100}
        />
        {error && <Alert type="error" showIcon title={error} />}
      </Flex>
    </Modal>
  );
}

export default function ReferralCustomerPanel({ customer }: { customer: CustomerSummary }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = canReadReferrals(staff);
  const [household, setHousehold] = useState(false);
  // The counter form opens by itself for a customer still inside the attribution window;
  // for others it is one click away (the server says why if it is too late).
  const [windowDays, setWindowDays] = useState(30);
  const [attributeOpen, setAttributeOpen] = useState<boolean | null>(null);
  useEffect(() => {
    if (!allowed) return;
    unwrap(api.GET('/api/v1/staff/referrals/settings')).then(
      (s) => setWindowDays(s.attributionWindowDays),
      () => undefined,
    );
  }, [allowed]);
  const isNew = Date.now() - new Date(customer.createdAt).getTime() < windowDays * 86_400_000;

  const {
    data: loaded,
    error,
    reload: load,
  } = useLoad<CustomerReferrals>(
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
      title={
        <Flex gap={8} align="center">
          <ShareAltOutlined />
          {t('referrals.customer.title')}
        </Flex>
      }
      data-testid="referral-panel"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
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
            <AttributeForm customerId={customer.id} onDone={() => void load()} />
          )}
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('referrals.customer.theirReferrals', { count: data.referrals.length })}
            </Typography.Title>
            <Table<Referral>
              size="small"
              rowKey="id"
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
