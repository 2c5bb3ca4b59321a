// Form fields used where staff set a password or give their contact.
import { Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** A new password (8 or more characters) and the same again. */
export function NewPasswordFields({
  name,
  testIds,
}: {
  name: string;
  testIds: { password: string; confirm: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={t('account.newPassword')}
        extra={t('account.passwordHint')}
        rules={[{ required: true, min: 8, message: t('account.passwordLength') }]}
      >
        <Input.Password autoComplete="new-password" data-testid={testIds.password} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('account.confirmPassword')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('account.required') },
          ({ getFieldValue }) => ({
            validator: (_, value: string) =>
              !value || value === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error(t('account.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={testIds.confirm} />
      </Form.Item>
    </>
  );
}

/** A phone and an e-mail side by side, at least one of them given. */
export function ContactFields({ testIds }: { testIds: { phone: string; email: string } }) {
  const { t } = useTranslation();
  return (
    <Flex gap={12}>
      <Form.Item name="phone" label={t('staffAdmin.phone')} style={{ flex: 1 }}>
        <Input maxLength={32} inputMode="tel" data-testid={testIds.phone} />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('staffAdmin.email')}
        style={{ flex: 1 }}
        dependencies={['phone']}
        rules={[
          { type: 'email', message: t('staffAdmin.emailFormat') },
          ({ getFieldValue }) => ({
            validator: (_, value: string) =>
              value?.trim() || String(getFieldValue('phone') ?? '').trim()
                ? Promise.resolve()
                : Promise.reject(new Error(t('staffAdmin.contactRequired'))),
          }),
        ]}
      >
        <Input maxLength={254} data-testid={testIds.email} />
      </Form.Item>
    </Flex>
  );
}
