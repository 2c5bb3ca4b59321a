// The coupon panel of a service order: apply a coupon by its code or pick one of the
// customer's valid coupons, see the discount and the amount due, take it off before payment.
import { useState } from 'react';
import { App, Card, Flex, Input, Select, Typography } from 'antd';
import { DeleteOutlined, TagOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { ConfirmButton, ErrorAlert, useLoad, useSubmit } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import type { ServiceOrder } from '../service/index.ts';

export default function CouponOrderPanel({
  order,
  editable,
  onChange,
}: {
  order: ServiceOrder;
  /** The front desk, on an order not paid yet. */
  editable: boolean;
  onChange(order: ServiceOrder): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [code, setCode] = useState('');
  const submit = useSubmit();
  const open = order.status === 'open' || order.status === 'completed';
  const hasCoupon = order.discounts.length > 0;
  const valid =
    useLoad(
      async () =>
        (
          await unwrap(
            api.GET('/api/v1/staff/coupons', {
              params: { query: { customerId: order.customerId, status: 'issued', limit: 100 } },
            }),
          )
        ).items.filter((c) => c.state === 'valid' && c.kind !== 'package'),
      [order.customerId, order.discountFen],
      { enabled: editable && open },
    ).data ?? [];

  async function change(call: () => Promise<ServiceOrder>, done?: string) {
    const next = await submit.run(call);
    if (!next) return;
    if (done) message.success(done);
    onChange(next);
  }

  const apply = (body: { code: string } | { couponId: string }) =>
    change(async () => {
      const next = await unwrap(
        api.POST('/api/v1/staff/service-orders/{orderId}/coupons', {
          params: { path: { orderId: order.id } },
          body,
        }),
      );
      setCode('');
      return next;
    }, t('coupons.order.applied'));

  const remove = (couponId: string) =>
    change(() =>
      unwrap(
        api.DELETE('/api/v1/staff/service-orders/{orderId}/coupons/{couponId}', {
          params: { path: { orderId: order.id, couponId } },
        }),
      ),
    );

  if (!hasCoupon && (!editable || !open)) return null;

  return (
    <Card title={t('coupons.order.title')} data-testid="order-coupons" size="small">
      <Flex vertical gap={12}>
        {order.discounts.map((d) => (
          <Flex key={d.id} align="center" gap={12} data-testid="order-discount">
            <TagOutlined />
            <Typography.Text>{d.label}</Typography.Text>
            <Typography.Text type="success" strong data-testid="order-discount-amount">
              −{formatFen(d.amountFen)}
            </Typography.Text>
            {editable && open && (
              <ConfirmButton
                confirm={t('coupons.order.removeConfirm')}
                onConfirm={() => void remove(d.referenceId)}
                size="small"
                icon={<DeleteOutlined />}
                loading={submit.busy}
              >
                {t('coupons.order.remove')}
              </ConfirmButton>
            )}
          </Flex>
        ))}
        {editable && open && !hasCoupon && (
          <Flex gap={12} wrap>
            <Input.Search
              style={{ width: 280 }}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              placeholder={t('coupons.order.codePlaceholder')}
              enterButton={t('coupons.order.apply')}
              loading={submit.busy}
              onSearch={(v) => v.trim() && void apply({ code: v.trim() })}
              data-testid="coupon-code"
            />
            {valid.length > 0 && (
              <Select<string>
                style={{ minWidth: 280 }}
                placeholder={t('coupons.order.pick', { count: valid.length })}
                onChange={(id) => void apply({ couponId: id })}
                value={null as unknown as string}
                options={valid.map((c) => ({
                  value: c.id,
                  label: `${c.templateName} · ${c.terms} · ${c.code}`,
                }))}
                data-testid="coupon-pick"
              />
            )}
          </Flex>
        )}
        <Flex gap={24} justify="flex-end" align="baseline">
          <Typography.Text type="secondary">
            {t('coupons.order.discount')}{' '}
            <span data-testid="order-discount-total" data-fen={order.discountFen}>
              {formatFen(order.discountFen)}
            </span>
          </Typography.Text>
          <Typography.Text>
            {t('coupons.order.amountDue')}{' '}
            <Typography.Text
              strong
              style={{ fontSize: 20 }}
              data-testid="order-amount-due"
              data-fen={order.amountDueFen}
            >
              {formatFen(order.amountDueFen)}
            </Typography.Text>
          </Typography.Text>
        </Flex>
        <ErrorAlert error={submit.error} onClose={() => submit.setError(null)} />
      </Flex>
    </Card>
  );
}
