// One payment: what it paid for, its timeline (created, notified, queried, paid or held,
// refunds), its refunds; owner and manager refund it in full or in part.
import { useState } from 'react';
import {
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Space,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FormModal, MoneyInput, StatusTag, useAction, useLoad } from '../../kit/index.ts';
import { formatDateTime, formatFen } from '../../kit/format.ts';
import { canRefund, newRefundNumber, STATUS_COLORS, type PaymentDetail } from './payments.ts';

interface RefundValues {
  amountFen: number;
  reason: string;
}

export function PaymentDrawer({
  paymentId,
  onClose,
  onChanged,
}: {
  paymentId: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const tz = staff.tenant.timezone;
  const action = useAction();
  const [refunding, setRefunding] = useState<string | null>(null);
  const detail = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/payments/{paymentId}', {
          params: { path: { paymentId: paymentId! } },
        }),
      ),
    [paymentId],
    { enabled: !!paymentId },
  );
  const p: PaymentDetail | undefined = detail.data;
  const refundable = p ? p.amountFen - p.refundedFen : 0;
  const query = async () => {
    await action.run('query', () =>
      unwrap(
        api.POST('/api/v1/staff/payments/{paymentId}/query', {
          params: { path: { paymentId: paymentId! } },
        }),
      ),
    );
    await detail.reload();
    onChanged();
  };
  return (
    <Drawer
      open={!!paymentId}
      onClose={onClose}
      width={640}
      title={p?.description ?? t('payments.detail')}
      data-testid="payment-drawer"
    >
      {p && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('payments.col.status')}>
              <StatusTag value={p.status} prefix="payments.status" colors={STATUS_COLORS} />
            </Descriptions.Item>
            <Descriptions.Item label={t('payments.col.amount')}>
              {formatFen(p.amountFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t('payments.col.number')}>{p.number}</Descriptions.Item>
            <Descriptions.Item label={t('payments.col.txn')}>
              {p.providerTxnId ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('payments.col.customer')}>
              {p.customerName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('payments.col.refunded')}>
              {formatFen(p.refundedFen)}
            </Descriptions.Item>
            {p.heldReason && (
              <Descriptions.Item label={t('payments.heldReason')} span={2}>
                {t(`payments.held.${p.heldReason}`, { defaultValue: p.heldReason })}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Space>
            {p.status === 'pending' && (
              <Button
                onClick={() => void query()}
                loading={action.busy === 'query'}
                data-testid="payment-query"
              >
                {t('payments.queryNow')}
              </Button>
            )}
            {canRefund(staff) &&
              refundable > 0 &&
              ['paid', 'partially_refunded', 'held'].includes(p.status) && (
                <Button
                  danger
                  onClick={() => setRefunding(newRefundNumber())}
                  data-testid="payment-refund"
                >
                  {t('payments.refund')}
                </Button>
              )}
          </Space>
          <div>
            <Typography.Title level={5}>{t('payments.timeline')}</Typography.Title>
            <Timeline
              items={p.timeline.map((e) => ({
                children: (
                  <span>
                    {t(`payments.event.${e.type}`, { defaultValue: e.type })}{' '}
                    <Typography.Text type="secondary">{formatDateTime(e.at, tz)}</Typography.Text>
                  </span>
                ),
              }))}
            />
          </div>
          {p.refunds.length > 0 && (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={p.refunds}
              columns={[
                { title: t('payments.refundNumber'), dataIndex: 'number' },
                {
                  title: t('payments.col.amount'),
                  dataIndex: 'amountFen',
                  render: (v: number) => formatFen(v),
                },
                {
                  title: t('payments.col.status'),
                  dataIndex: 'status',
                  render: (v: string) => t(`payments.refundStatus.${v}`),
                },
                { title: t('payments.reason'), dataIndex: 'reason' },
              ]}
            />
          )}
        </Space>
      )}
      <FormModal<RefundValues, unknown>
        open={!!refunding}
        title={t('payments.refund')}
        values={{ amountFen: refundable, reason: '' }}
        danger
        okTestId="refund-ok"
        onClose={() => setRefunding(null)}
        onSubmit={(v) =>
          unwrap(
            api.POST('/api/v1/staff/payments/{paymentId}/refunds', {
              params: { path: { paymentId: paymentId! } },
              body: { ...v, refundNumber: refunding! },
            }),
          )
        }
        onDone={() => {
          setRefunding(null);
          void detail.reload();
          onChanged();
        }}
      >
        <Form.Item name="amountFen" label={t('payments.refundAmount')} rules={[{ required: true }]}>
          <MoneyInput minFen={1} maxFen={refundable} data-testid="refund-amount" />
        </Form.Item>
        <Form.Item name="reason" label={t('payments.reason')} rules={[{ required: true, max: 80 }]}>
          <Input maxLength={80} data-testid="refund-reason" />
        </Form.Item>
      </FormModal>
    </Drawer>
  );
}
