// Creating or editing a partner merchant (合作商家): name, kind, contact, e-mail, note, status.
import { Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal } from '../../kit/FormModal.tsx';
import { changedFields } from '../../kit/forms.ts';
import { formatPhone } from '../../kit/format.ts';
import { PARTNER_KINDS, type Partner, type PartnerKind } from './PartnerCommon.tsx';

interface PartnerForm {
  name: string;
  kind: PartnerKind;
  contactName: string;
  contactPhone: string;
  email: string | null;
  note: string;
  status?: Partner['status'];
}

const FIELDS = ['name', 'kind', 'contactName', 'contactPhone', 'email', 'note', 'status'];

function toForm(p: Partner | null): PartnerForm {
  if (!p)
    return { name: '', kind: 'car_wash', contactName: '', contactPhone: '', email: null, note: '' };
  return {
    name: p.name,
    kind: p.kind,
    contactName: p.contactName,
    contactPhone: formatPhone(p.contactPhone),
    email: p.email,
    note: p.note,
    status: p.status,
  };
}

export function PartnerModal({
  partner,
  open,
  onClose,
  onSaved,
}: {
  partner: Partner | null;
  open: boolean;
  onClose(): void;
  onSaved(p: Partner): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PartnerForm>();

  async function save(v: PartnerForm): Promise<Partner> {
    const values = { ...v, email: v.email?.trim() || null, note: v.note ?? '' };
    return partner
      ? await unwrap(
          api.PATCH('/api/v1/staff/partners/{partnerId}', {
            params: { path: { partnerId: partner.id } },
            body: changedFields(values, toForm(partner)),
          }),
        )
      : await unwrap(
          api.POST('/api/v1/staff/partners', {
            body: {
              name: values.name,
              kind: values.kind,
              contactName: values.contactName,
              contactPhone: values.contactPhone,
              ...(values.email ? { email: values.email } : {}),
              ...(values.note ? { note: values.note } : {}),
            },
          }),
        );
  }

  const required = { required: true, message: t('partners.form.required') };
  return (
    <FormModal
      open={open}
      title={partner ? t('partners.form.editTitle') : t('partners.form.createTitle')}
      form={form}
      values={toForm(partner)}
      fields={FIELDS}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okTestId="partner-save"
      formProps={{ requiredMark: false }}
    >
      <Flex gap={12}>
        <Form.Item
          name="name"
          label={t('partners.form.name')}
          rules={[required]}
          style={{ flex: 2 }}
        >
          <Input maxLength={60} data-testid="partner-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('partners.form.kind')} style={{ flex: 1 }}>
          <Select
            data-testid="partner-kind"
            options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`partners.kind.${k}`) }))}
          />
        </Form.Item>
      </Flex>
      <Flex gap={12}>
        <Form.Item
          name="contactName"
          label={t('partners.form.contactName')}
          rules={[required]}
          style={{ flex: 1 }}
        >
          <Input maxLength={60} data-testid="partner-contact-name" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('partners.form.contactPhone')}
          rules={[required]}
          style={{ flex: 1 }}
        >
          <Input maxLength={32} inputMode="tel" data-testid="partner-contact-phone" />
        </Form.Item>
      </Flex>
      <Form.Item
        name="email"
        label={t('partners.form.email')}
        tooltip={t('partners.form.emailHint')}
        rules={[{ type: 'email', message: t('partners.form.emailFormat') }]}
      >
        <Input maxLength={200} data-testid="partner-email" />
      </Form.Item>
      <Form.Item name="note" label={t('partners.form.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      {partner && (
        <Form.Item name="status" label={t('partners.form.status')}>
          <Select
            style={{ width: 160 }}
            data-testid="partner-status"
            options={(['active', 'suspended'] as const).map((s) => ({
              value: s,
              label: t(`partners.status.${s}`),
            }))}
          />
        </Form.Item>
      )}
    </FormModal>
  );
}
