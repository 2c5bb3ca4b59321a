// A partner merchant's portal sign-in accounts (role partner): the list, and adding one.
import { useEffect, useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { DataTable, ErrorAlert, useSubmit } from '../../kit/index.ts';
import type { Partner, PartnerAccount } from './PartnerCommon.tsx';

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
  const submit = useSubmit(form, ['name', 'email', 'password']);
  const { setError } = submit;

  useEffect(() => {
    setAccounts(partner?.accounts ?? []);
    setError(null);
    form.resetFields();
  }, [partner, form, setError]);

  async function add() {
    if (!partner) return;
    const account = await submit.run((v) =>
      unwrap(
        api.POST('/api/v1/staff/partners/{partnerId}/accounts', {
          params: { path: { partnerId: partner.id } },
          body: { name: v.name.trim(), email: v.email.trim(), password: v.password },
        }),
      ),
    );
    if (!account) return;
    setAccounts((prev) => [...prev, account]);
    form.resetFields();
    message.success(t('partners.accounts.added'));
    onChanged();
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
      <DataTable<PartnerAccount>
        size="small"
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
          loading={submit.busy}
          onClick={() => void add()}
          data-testid="account-add"
        >
          {t('partners.accounts.add')}
        </Button>
      </Form>
      <ErrorAlert error={submit.error} style={{ marginTop: 12 }} />
    </Modal>
  );
}
