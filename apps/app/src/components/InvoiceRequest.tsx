// 申请发票 on a paid visit: one tap opens the sheet (personal by default), type the name (and tax
// number for a company), one tap sends it. Afterwards it shows the request's status; it can be
// changed until the shop marks it issued (已开票).
import { Button, Checkbox, Form, Input, Popup, Selector, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@liuke/api-client';
import { ApiError, client, errorMessage } from '../api.ts';
import type { MyReceipt } from './EReceipt.tsx';

type Request = NonNullable<MyReceipt['invoiceRequest']>;
type FieldName = 'title' | 'taxNumber' | 'email' | 'address' | 'phone' | 'bankName' | 'bankAccount';
type Draft = { type: 'personal' | 'company'; special: boolean } & Record<FieldName, string>;

const INVOICEABLE = ['paid', 'closed'];
const SPECIAL_FIELDS: FieldName[] = ['address', 'phone', 'bankName', 'bankAccount'];

function draftOf(r: Request | null): Draft {
  return {
    type: r?.type ?? 'personal',
    special: r?.kind === 'special',
    title: r?.title ?? '',
    taxNumber: r?.taxNumber ?? '',
    email: r?.email ?? '',
    address: r?.address ?? '',
    phone: r?.phone ?? '',
    bankName: r?.bankName ?? '',
    bankAccount: r?.bankAccount ?? '',
  };
}

export function InvoiceRequestSection({
  orderId,
  status,
  request,
  onSaved,
}: {
  orderId: string;
  status: string;
  request: Request | null;
  onSaved: (r: Request) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(request));
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!request && !INVOICEABLE.includes(status)) return null;

  const company = draft.type === 'company';
  const special = company && draft.special;
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setError(null);
  };
  const errorFor = (field: string) =>
    error?.field === field ? <div className="inv-error">{error.message}</div> : undefined;

  const submit = async () => {
    if (!draft.title.trim()) {
      setError({
        field: 'title',
        message: t('eReceipt.invoice.required', { field: t('eReceipt.invoice.headerTitle') }),
      });
      return;
    }
    const opt = (v: string) => (v.trim() ? v.trim() : null);
    setBusy(true);
    try {
      const saved = await unwrap(
        client.PUT('/api/v1/app/me/service-orders/{orderId}/invoice-request', {
          params: { path: { orderId } },
          body: {
            type: draft.type,
            kind: special ? 'special' : 'normal',
            title: draft.title.trim(),
            taxNumber: company || draft.taxNumber.trim() ? opt(draft.taxNumber) : null,
            email: opt(draft.email),
            ...(special ? Object.fromEntries(SPECIAL_FIELDS.map((f) => [f, opt(draft[f])])) : {}),
          },
        }),
      );
      onSaved(saved);
      setOpen(false);
      Toast.show({ icon: 'success', content: t('eReceipt.invoice.sent') });
    } catch (e) {
      setError({
        field: e instanceof ApiError ? (e.field ?? null) : null,
        message: errorMessage(e),
      });
    } finally {
      setBusy(false);
    }
  };

  const input = (field: FieldName, label: string, placeholder?: string) => (
    <Form.Item key={field} label={label} description={errorFor(field)}>
      <Input
        value={draft[field]}
        onChange={(v) => set({ [field]: v })}
        placeholder={placeholder ?? ''}
        clearable
        data-testid={`invoice-${field}`}
      />
    </Form.Item>
  );

  const issued = request?.status === 'issued';
  return (
    <section className="section">
      <h2 className="section-title">{t('eReceipt.invoice.title')}</h2>
      <div className="er-card">
        <div className="er-block inv-status" data-testid="invoice-request">
          {request ? (
            <div>
              <Tag color={issued ? 'success' : 'warning'} fill="outline" round>
                <span data-testid="invoice-status" data-status={request.status}>
                  {t(issued ? 'eReceipt.invoice.issued' : 'eReceipt.invoice.requested')}
                </span>
              </Tag>
              <div className="inv-title">{request.title}</div>
              {request.invoiceNumber && (
                <div className="er-note">
                  {t('eReceipt.invoice.invoiceNumber', { number: request.invoiceNumber })}
                </div>
              )}
            </div>
          ) : (
            <span className="er-note">{t('eReceipt.invoice.hint')}</span>
          )}
          {!issued && (
            <Button
              size="small"
              color="primary"
              fill={request ? 'outline' : 'solid'}
              shape="rounded"
              data-testid="invoice-open"
              onClick={() => {
                setDraft(draftOf(request));
                setError(null);
                setOpen(true);
              }}
            >
              {request ? t('eReceipt.invoice.edit') : t('eReceipt.invoice.request')}
            </Button>
          )}
        </div>
      </div>

      <Popup
        visible={open}
        onMaskClick={() => setOpen(false)}
        onClose={() => setOpen(false)}
        bodyClassName="inv-sheet"
        destroyOnClose
      >
        <div className="inv-sheet-title">{t('eReceipt.invoice.formTitle')}</div>
        <Form
          layout="horizontal"
          footer={
            <>
              {error && !error.field && <div className="inv-error">{error.message}</div>}
              <Button
                block
                color="primary"
                size="large"
                loading={busy}
                onClick={() => void submit()}
                data-testid="invoice-submit"
              >
                {t('eReceipt.invoice.submit')}
              </Button>
            </>
          }
        >
          <Form.Item label={t('eReceipt.invoice.type')}>
            <Selector
              columns={2}
              value={[draft.type]}
              onChange={(v) => v[0] && set({ type: v[0] })}
              options={[
                { label: t('eReceipt.invoice.personal'), value: 'personal' as const },
                { label: t('eReceipt.invoice.company'), value: 'company' as const },
              ]}
              data-testid="invoice-type"
            />
          </Form.Item>
          {input(
            'title',
            t('eReceipt.invoice.headerTitle'),
            t(
              company
                ? 'eReceipt.invoice.titlePlaceholderCompany'
                : 'eReceipt.invoice.titlePlaceholderPersonal',
            ),
          )}
          {company &&
            input(
              'taxNumber',
              t('eReceipt.invoice.taxNumber'),
              t('eReceipt.invoice.taxNumberPlaceholder'),
            )}
          {input('email', t('eReceipt.invoice.email'), 'name@example.com')}
          {company && (
            <Form.Item description={errorFor('kind')}>
              <Checkbox
                checked={draft.special}
                onChange={(v) => set({ special: v })}
                data-testid="invoice-special"
              >
                {t('eReceipt.invoice.special')}
              </Checkbox>
            </Form.Item>
          )}
          {special && SPECIAL_FIELDS.map((f) => input(f, t(`eReceipt.invoice.${f}`)))}
        </Form>
      </Popup>
    </section>
  );
}
