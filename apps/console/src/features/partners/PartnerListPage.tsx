// 合作商家: the partner merchants of the alliance — list, create and edit, and their portal
// sign-in accounts (role partner).
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined, ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FormModal } from '../../kit/FormModal.tsx';
import { useLoad } from '../../kit/useLoad.ts';
import { errorText, showFieldError } from '../../kit/errors.ts';
import { changedFields } from '../../kit/forms.ts';
import { EMPTY, formatPhone } from '../../kit/format.ts';
import {
  PARTNER_KINDS,
  PartnerStatusTag,
  canManagePartners,
  type Partner,
  type PartnerAccount,
  type PartnerKind,
} from './PartnerCommon.tsx';

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

export function AccountsModal({
  partner,
  onClose,
  onChanged,
}: {
  partner: Partner | null;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; email: string; password: string }>();
  const [accounts, setAccounts] = useState<PartnerAccount[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setAccounts(partner?.accounts ?? []);
    setError(null);
    form.resetFields();
  }, [partner, form]);

  async function add() {
    if (!partner) return;
    let v: { name: string; email: string; password: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const account = await unwrap(
        api.POST('/api/v1/staff/partners/{partnerId}/accounts', {
          params: { path: { partnerId: partner.id } },
          body: { name: v.name.trim(), email: v.email.trim(), password: v.password },
        }),
      );
      setAccounts((prev) => [...prev, account]);
      form.resetFields();
      message.success(t('partners.accounts.added'));
      onChanged();
    } catch (err) {
      if (!showFieldError(form, err, ['name', 'email', 'password'])) setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  const required = { required: true, message: t('partners.form.required') };
  return (
    <Modal
      open={partner !== null}
      title={t('partners.accounts.title', { name: partner?.name ?? '' })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Table<PartnerAccount>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={accounts}
        locale={{ emptyText: t('partners.accounts.none') }}
        columns={[
          { title: t('partners.accounts.name'), dataIndex: 'name' },
          { title: t('partners.accounts.email'), dataIndex: 'email' },
        ]}
        onRow={() => ({ 'data-testid': 'partner-account-row' }) as object}
      />
      <Typography.Title level={5}>{t('partners.accounts.add')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('partners.accounts.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} autoComplete="off">
        <Flex gap={12}>
          <Form.Item
            name="name"
            label={t('partners.accounts.name')}
            rules={[required]}
            style={{ flex: 1 }}
          >
            <Input maxLength={60} data-testid="account-name" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('partners.accounts.email')}
            rules={[required, { type: 'email', message: t('partners.form.emailFormat') }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={200} data-testid="account-email" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="password"
          label={t('partners.accounts.password')}
          rules={[required, { min: 8, message: t('partners.accounts.passwordLength') }]}
        >
          <Input.Password
            maxLength={200}
            autoComplete="new-password"
            data-testid="account-password"
          />
        </Form.Item>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          loading={saving}
          onClick={() => void add()}
          data-testid="account-add"
        >
          {t('partners.accounts.add')}
        </Button>
      </Form>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </Modal>
  );
}

export default function PartnerListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const allowed = canManagePartners(staff);
  const [editing, setEditing] = useState<Partner | null | 'new'>(null);
  const [accountsOf, setAccountsOf] = useState<Partner | null>(null);

  const {
    data,
    loading,
    error,
    reload: load,
  } = useLoad(() => unwrap(api.GET('/api/v1/staff/partners')), [], { enabled: allowed });
  const items: Partner[] = data?.items ?? [];

  if (!allowed) return <Result status="403" title={t('partners.forbidden')} />;

  const columns: TableColumnsType<Partner> = [
    {
      title: t('partners.form.name'),
      render: (_, p) => (
        <Flex vertical>
          <Link to={`/partners/${p.id}`} data-testid="partner-link">
            <Typography.Text strong>{p.name}</Typography.Text>
          </Link>
          {p.note && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>
              {p.note}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('partners.form.kind'),
      render: (_, p) => <Tag color="geekblue">{t(`partners.kind.${p.kind}`)}</Tag>,
    },
    {
      title: t('partners.form.contactName'),
      render: (_, p) => (
        <Flex vertical>
          <span>{p.contactName}</span>
          <Typography.Text type="secondary">{formatPhone(p.contactPhone)}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('partners.form.email'), render: (_, p) => p.email ?? EMPTY },
    {
      title: t('partners.accounts.column'),
      render: (_, p) => p.accounts.length,
      align: 'right',
    },
    { title: t('partners.form.status'), render: (_, p) => <PartnerStatusTag status={p.status} /> },
    {
      title: '',
      align: 'right',
      render: (_, p) => (
        <Flex gap={8} justify="flex-end">
          <Button
            size="small"
            icon={<KeyOutlined />}
            onClick={() => setAccountsOf(p)}
            data-testid="partner-accounts"
          >
            {t('partners.accounts.action')}
          </Button>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(p)}
            data-testid="partner-edit"
          >
            {t('common.edit')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <ShopOutlined />
          {t('partners.list.title')}
        </Flex>
      }
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="partner-create"
        >
          {t('partners.form.createTitle')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Partner>
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('partners.list.empty') }}
        onRow={(p) => ({ 'data-testid': 'partner-row', 'data-name': p.name }) as object}
      />
      <PartnerModal
        partner={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('partners.form.saved'));
          void load();
        }}
      />
      <AccountsModal
        partner={accountsOf}
        onClose={() => setAccountsOf(null)}
        onChanged={() => void load()}
      />
    </Card>
  );
}
