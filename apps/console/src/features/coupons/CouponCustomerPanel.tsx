// A customer's coupons on the customer page: what they hold, used and lost, with issue, void
// and reissue.
import { useState } from 'react';
import { App, Card, Input, Select, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { GiftOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  DataTable,
  ErrorAlert,
  FormModal,
  RowActions,
  useLoad,
  useStateFor,
} from '../../kit/index.ts';
import { EMPTY, formatDateTime, formatFen } from '../../kit/format.ts';
import type { CustomerSummary } from '../../types.ts';
import {
  CouponStateTag,
  canIssueCoupons,
  canManageCoupons,
  type Coupon,
  type CouponTemplate,
} from './CouponCommon.tsx';
import { IssueModal } from './IssueCouponModal.tsx';

function ReasonModal({
  coupon,
  action,
  onClose,
  onDone,
}: {
  coupon: Coupon | null;
  action: 'void' | 'reissue';
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useStateFor(coupon, '');
  const save = () => {
    const params = { path: { couponId: coupon!.id } };
    return unwrap(
      api.POST(`/api/v1/staff/coupons/{couponId}/${action}`, { params, body: { reason } }),
    );
  };
  return (
    <FormModal
      open={coupon !== null}
      title={t(`coupons.customer.${action}Title`, { code: coupon?.code ?? '' })}
      onSubmit={save}
      onDone={onDone}
      onClose={onClose}
      okDisabled={!reason.trim()}
      danger={action === 'void'}
    >
      <Input
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('coupons.customer.reason')}
        maxLength={200}
      />
    </FormModal>
  );
}

export default function CouponCustomerPanel({ customer }: { customer: CustomerSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const [issuing, setIssuing] = useState<CouponTemplate | null>(null);
  const [reasonFor, setReasonFor] = useState<{ coupon: Coupon; action: 'void' | 'reissue' } | null>(
    null,
  );
  const coupons = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/coupons', {
          params: { query: { customerId: customer.id, limit: 100 } },
        }),
      ),
    [customer.id],
  );
  const items = coupons.data?.items ?? [];
  const load = () => void coupons.reload();
  const templates =
    useLoad(
      () =>
        unwrap(
          api.GET('/api/v1/staff/coupon-templates', {
            params: { query: { status: 'active', limit: 200 } },
          }),
        ),
      [],
      { enabled: canIssueCoupons(staff) },
    ).data?.items ?? [];

  const manage = canManageCoupons(staff);
  const columns: TableColumnsType<Coupon> = [
    {
      title: t('coupons.code'),
      dataIndex: 'code',
      render: (code: string) => (
        <Typography.Text code copyable data-testid="customer-coupon-code">
          {code}
        </Typography.Text>
      ),
    },
    { title: t('coupons.template'), render: (_, c) => `${c.templateName} · ${c.terms}` },
    { title: t('coupons.form.status'), render: (_, c) => <CouponStateTag state={c.state} /> },
    {
      title: t('coupons.validUntil'),
      render: (_, c) =>
        c.validUntil ? formatDateTime(c.validUntil, staff.tenant.timezone) : t('coupons.noExpiry'),
    },
    {
      title: t('coupons.usedOn'),
      render: (_, c) =>
        c.redeemedOrderId ? (
          <Link to={`/service-orders/${c.redeemedOrderId}`}>
            {formatDateTime(c.redeemedAt, staff.tenant.timezone)} · −{formatFen(c.discountFen)}
          </Link>
        ) : (
          (c.redemptionNote ?? c.voidReason ?? EMPTY)
        ),
    },
    {
      title: '',
      align: 'right',
      render: (_, c) =>
        manage &&
        c.status === 'issued' && (
          <RowActions
            actions={[
              {
                label: t('coupons.customer.reissue'),
                onClick: () => setReasonFor({ coupon: c, action: 'reissue' }),
              },
              {
                label: t('coupons.customer.void'),
                danger: true,
                onClick: () => setReasonFor({ coupon: c, action: 'void' }),
              },
            ]}
          />
        ),
    },
  ];

  return (
    <Card
      title={t('coupons.customer.title', {
        count: items.filter((c) => c.state === 'valid').length,
      })}
      data-testid="customer-coupons"
      extra={
        canIssueCoupons(staff) &&
        templates.length > 0 && (
          <Select<string>
            style={{ minWidth: 220 }}
            placeholder={
              <span>
                <GiftOutlined /> {t('coupons.customer.issue')}
              </span>
            }
            value={null as unknown as string}
            onChange={(id) => setIssuing(templates.find((x) => x.id === id) ?? null)}
            options={templates.map((x) => ({ value: x.id, label: `${x.name} · ${x.terms}` }))}
            data-testid="customer-issue"
          />
        )
      }
    >
      <ErrorAlert error={coupons.error} />
      <DataTable<Coupon>
        size="small"
        columns={columns}
        dataSource={items}
        locale={{ emptyText: t('coupons.customer.none') }}
      />
      <IssueModal
        template={issuing}
        customer={customer}
        open={issuing !== null}
        onClose={() => setIssuing(null)}
        onIssued={load}
      />
      <ReasonModal
        coupon={reasonFor?.coupon ?? null}
        action={reasonFor?.action ?? 'void'}
        onClose={() => setReasonFor(null)}
        onDone={() => {
          setReasonFor(null);
          message.success(t('coupons.customer.done'));
          load();
        }}
      />
    </Card>
  );
}
