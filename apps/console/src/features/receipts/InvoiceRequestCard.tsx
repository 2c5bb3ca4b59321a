// The owner's tax-invoice request on the order page (shown once there is one), with the desk's
// "mark issued" and the invoice number.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Tag } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FormModal, useLoad } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { loadReceipt, type InvoiceRequest } from './receipt.ts';

const DESK = ['owner', 'manager', 'advisor'];

export default function InvoiceRequestCard({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const { message } = App.useApp();
  const [issuing, setIssuing] = useState(false);
  const [form] = Form.useForm<{ invoiceNumber?: string }>();
  const loaded = useLoad(async () => (await loadReceipt(orderId)).invoiceRequest, [orderId]);
  const req = loaded.data;
  if (!req) return null;

  const issued = req.status === 'issued';
  const row = (label: string, value: string | null) =>
    value ? { key: label, label, children: value } : null;
  const items = [
    row(
      t('receipts.invoice.headerTitle'),
      `${req.title} (${t(`receipts.invoice.type.${req.type}`)} · ${t(`receipts.invoice.kind.${req.kind}`)})`,
    ),
    row(t('receipts.invoice.taxNumber'), req.taxNumber),
    row(t('receipts.invoice.email'), req.email),
    row(t('receipts.invoice.address'), req.address),
    row(t('receipts.invoice.phone'), req.phone),
    row(
      t('receipts.invoice.bank'),
      req.bankName ? `${req.bankName} ${req.bankAccount ?? ''}`.trim() : null,
    ),
    row(t('receipts.invoice.invoiceNumber'), req.invoiceNumber),
    row(
      t('receipts.invoice.issuedAt'),
      req.issuedAt ? formatDateTime(req.issuedAt, staff.tenant.timezone) : null,
    ),
  ].filter((x) => x !== null);

  return (
    <Card
      title={t('receipts.invoice.title')}
      data-testid="invoice-request"
      data-status={req.status}
      extra={
        issued ? (
          <Tag color="green">{t('receipts.invoice.issued')}</Tag>
        ) : (
          <>
            <Tag color="orange">{t('receipts.invoice.requested')}</Tag>
            {DESK.includes(staff.role) && (
              <Button
                type="primary"
                size="small"
                icon={<CheckOutlined />}
                onClick={() => setIssuing(true)}
                data-testid="invoice-issue"
              >
                {t('receipts.invoice.issue')}
              </Button>
            )}
          </>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />
      <FormModal<{ invoiceNumber?: string }, InvoiceRequest>
        open={issuing}
        title={t('receipts.invoice.issueTitle')}
        form={form}
        fields={['invoiceNumber']}
        okTestId="invoice-issue-ok"
        onClose={() => setIssuing(false)}
        onSubmit={(v) =>
          unwrap(
            api.POST('/api/v1/staff/service-orders/{orderId}/invoice-request/issued', {
              params: { path: { orderId } },
              body: { invoiceNumber: v.invoiceNumber?.trim() || null },
            }),
          )
        }
        onDone={(next) => {
          setIssuing(false);
          loaded.setData(next);
          message.success(t('receipts.invoice.issueDone'));
        }}
        footerNote={t('receipts.invoice.issueNote')}
      >
        <Form.Item name="invoiceNumber" label={t('receipts.invoice.invoiceNumber')}>
          <Input maxLength={40} data-testid="invoice-number" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
