// 设置密码: where an invitation or password-reset link leads. The token travels in the URL's
// fragment (#…), so it never reaches a server log or a Referer header.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Flex, Form, Input, Result, Spin, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { api, unwrap } from '../../api.ts';
import { errorText, showFieldError } from '../../kit/errors.ts';
import LanguageSwitch from '../../shell/LanguageSwitch.tsx';

type LinkInfo = Json<paths['/api/v1/public/staff-password-links/inspect']['post']>;

interface Values {
  password: string;
  confirm: string;
}

export default function SetPasswordPage() {
  const { t } = useTranslation();
  const { token: theme_ } = theme.useToken();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [token] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, '')));
  const [info, setInfo] = useState<LinkInfo | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!token) {
      setLinkError(t('setPassword.noToken'));
      return;
    }
    unwrap(api.POST('/api/v1/public/staff-password-links/inspect', { body: { token } })).then(
      setInfo,
      (err: unknown) => setLinkError(errorText(err, t)),
    );
  }, [token, t]);

  async function submit(v: Values) {
    setSaving(true);
    setError(null);
    try {
      const res = await unwrap(
        api.POST('/api/v1/public/staff-password-links/use', {
          body: { token, password: v.password },
        }),
      );
      // Drop the used token from the address bar and history.
      window.history.replaceState(null, '', window.location.pathname);
      navigate('/sign-in', {
        replace: true,
        state: { tenant: res.tenant, login: res.login, passwordSet: true },
      });
    } catch (err) {
      if (!showFieldError(form, err, ['password'])) setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 24,
        background: `linear-gradient(160deg, ${theme_.colorPrimaryBg} 0%, ${theme_.colorBgLayout} 55%)`,
      }}
    >
      <div style={{ position: 'fixed', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 420, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
        {linkError ? (
          <Result
            status="warning"
            title={linkError}
            extra={
              <Button onClick={() => navigate('/sign-in')}>{t('setPassword.toSignIn')}</Button>
            }
          />
        ) : !info ? (
          <Flex justify="center">
            <Spin />
          </Flex>
        ) : (
          <>
            <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {info.purpose === 'invite'
                  ? t('setPassword.inviteTitle')
                  : t('setPassword.resetTitle')}
              </Typography.Title>
              <Typography.Text type="secondary" data-testid="set-password-who">
                {t('setPassword.who', { name: info.name, tenant: info.tenant.name })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
                {t('setPassword.login', { login: info.login, tenant: info.tenant.slug })}
              </Typography.Text>
            </Flex>
            <Form<Values>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => void submit(v)}
            >
              <Form.Item
                name="password"
                label={t('account.newPassword')}
                extra={t('account.passwordHint')}
                rules={[{ required: true, min: 8, message: t('account.passwordLength') }]}
              >
                <Input.Password autoComplete="new-password" data-testid="set-password-new" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label={t('account.confirmPassword')}
                dependencies={['password']}
                rules={[
                  { required: true, message: t('account.required') },
                  ({ getFieldValue }) => ({
                    validator: (_, value: string) =>
                      !value || value === getFieldValue('password')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('account.mismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="set-password-confirm" />
              </Form.Item>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
              <Button
                type="primary"
                htmlType="submit"
                block
                size="large"
                loading={saving}
                data-testid="set-password-submit"
              >
                {t('setPassword.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </Flex>
  );
}
