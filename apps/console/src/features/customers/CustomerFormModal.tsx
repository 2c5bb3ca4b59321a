import { Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff, useSession } from '../../api.ts';
import { DateField, FieldGrid, FormModal } from '../../kit/index.ts';
import { filledFields, savePatch } from '../../kit/forms.ts';
import { CHANNELS, type Channel } from '../channels/index.ts';
import { CUSTOMER_LANGUAGES, timezoneOptions } from './profile.ts';
import { GENDERS } from '../../types.ts';
import type { Customer, CustomerInput, Gender } from '../../types.ts';

interface Values {
  name: string;
  phone: string;
  gender: Gender;
  birthday?: string;
  tags?: string[];
  homeStoreId?: string | null;
  notes?: string;
  email?: string;
  preferredChannel?: Channel | null;
  language?: (typeof CUSTOMER_LANGUAGES)[number];
  timezone?: string | null;
}

const FIELDS = [
  'name',
  'phone',
  'gender',
  'birthday',
  'tags',
  'homeStoreId',
  'notes',
  'email',
  'preferredChannel',
  'language',
  'timezone',
] as const;

interface Props {
  open: boolean;
  /** The customer to edit; without it the form creates a new customer. */
  customer?: Customer;
  onClose(): void;
  onSaved(customer: Customer): void;
}

function initialValues(customer: Customer | undefined, storeId: string | undefined): Values {
  if (!customer)
    return {
      name: '',
      phone: '',
      gender: 'unknown',
      tags: [],
      homeStoreId: storeId ?? null,
      preferredChannel: null,
      language: 'zh-CN',
      timezone: null,
    };
  return {
    name: customer.name ?? '',
    phone: customer.phone,
    gender: customer.gender,
    birthday: customer.birthday ?? '',
    tags: customer.tags,
    homeStoreId: customer.homeStoreId,
    notes: customer.notes ?? '',
    email: customer.email ?? '',
    preferredChannel: customer.preferredChannel,
    language: customer.language === 'en' ? 'en' : 'zh-CN',
    timezone: customer.timezone,
  };
}

function toBody(values: Values): CustomerInput {
  return {
    name: values.name.trim(),
    phone: values.phone.trim(),
    gender: values.gender,
    birthday: values.birthday || null,
    tags: (values.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
    homeStoreId: values.homeStoreId || null,
    notes: values.notes?.trim() || null,
    email: values.email?.trim() || null,
    preferredChannel: values.preferredChannel ?? null,
    language: values.language,
    timezone: values.timezone || null,
  };
}

export default function CustomerFormModal({ open, customer, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const { store } = useSession();
  const [form] = Form.useForm<Values>();

  function save(values: Values): Promise<Customer> {
    const body = toBody(values);
    if (customer)
      return savePatch(customer, body, toBody(initialValues(customer, undefined)), (patch) =>
        unwrap(
          api.PATCH('/api/v1/staff/customers/{customerId}', {
            params: { path: { customerId: customer.id } },
            body: patch,
          }),
        ),
      );
    return unwrap(
      api.POST('/api/v1/staff/customers', {
        body: { ...filledFields(body), name: body.name, phone: body.phone },
      }),
    );
  }

  return (
    <FormModal
      open={open}
      title={customer ? t('customerForm.editTitle') : t('customerForm.createTitle')}
      form={form}
      fields={FIELDS}
      values={initialValues(customer, store?.id)}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okText={t('common.save')}
      width={640}
      testId="customer-form"
      formProps={{ requiredMark: 'optional', style: { marginTop: 16 } }}
    >
      <FieldGrid span={12}>
        <Form.Item
          name="name"
          label={t('customer.name')}
          rules={[{ required: true, whitespace: true, message: t('customerForm.nameRequired') }]}
        >
          <Input maxLength={64} autoComplete="off" data-testid="customer-form-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('customer.phone')}
          rules={[{ required: true, whitespace: true, message: t('customerForm.phoneRequired') }]}
          tooltip={customer ? undefined : t('customerForm.phoneHint')}
        >
          <Input
            maxLength={20}
            inputMode="tel"
            autoComplete="off"
            data-testid="customer-form-phone"
          />
        </Form.Item>
        <Form.Item name="gender" label={t('customer.gender')}>
          <Radio.Group
            optionType="button"
            options={GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) }))}
          />
        </Form.Item>
        <DateField
          name="birthday"
          label={t('customer.birthday')}
          testId="customer-form-birthday"
          past
        />
        <Form.Item name="tags" label={t('customer.tags')}>
          <Select
            mode="tags"
            tokenSeparators={[',', '，', ' ']}
            placeholder={t('customerForm.tagsHint')}
          />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('channels.customerEmail')}
          rules={[{ type: 'email', message: t('channels.customerEmailInvalid') }]}
        >
          <Input maxLength={200} inputMode="email" data-testid="customer-form-email" />
        </Form.Item>
        <Form.Item name="homeStoreId" label={t('customer.homeStore')}>
          <Select
            allowClear
            options={staff.stores.map((s) => ({ value: s.id, label: s.name }))}
            placeholder={t('customerForm.noHomeStore')}
          />
        </Form.Item>
      </FieldGrid>
      <FieldGrid span={8}>
        <Form.Item name="preferredChannel" label={t('profile.customer.preferredChannel')}>
          <Select
            allowClear
            placeholder={t('profile.customer.noPreference')}
            options={CHANNELS.map((c) => ({ value: c, label: t(`profile.channel.${c}`) }))}
            data-testid="customer-form-channel"
          />
        </Form.Item>
        <Form.Item name="language" label={t('profile.customer.language')}>
          <Select
            options={CUSTOMER_LANGUAGES.map((l) => ({
              value: l,
              label: t(`profile.language.${l}`),
            }))}
            data-testid="customer-form-language"
          />
        </Form.Item>
        <Form.Item name="timezone" label={t('profile.customer.timezone')}>
          <Select
            allowClear
            showSearch
            placeholder={t('profile.customer.tenantTimezone', { tz: staff.tenant.timezone })}
            options={timezoneOptions().map((z) => ({ value: z, label: z }))}
            data-testid="customer-form-timezone"
          />
        </Form.Item>
      </FieldGrid>
      <Form.Item name="notes" label={t('customer.notes')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
