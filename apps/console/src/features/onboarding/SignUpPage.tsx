// 开店注册: a new shop signs itself up (tenant, first store, owner) when the operator allows it;
// the owner is signed in at once.
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Flex, Form, Input, Result, Spin, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useAppConfig, useSession } from '../../api.ts';
import { errorText, showFieldError } from '../../kit/errors.ts';
import LanguageSwitch from '../../shell/LanguageSwitch.tsx';

interface Values {
  shopName: string;
  slug: string;
  storeName: string;
  ownerName: string;
  phone: string;
  email: string;
  password: string;
}

const FIELDS = ['shopName', 'slug', 'storeName', 'ownerName', 'phone', 'email', 'password'];

export default function SignUpPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const config = useAppConfig();
  const { status, acceptSession } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (status === 'signedIn') return <Navigate to="/customers" replace />;

  async function submit(v: Values) {
    setSaving(true);
    setError(null);
    try {
      const res = await unwrap(
        api.POST('/api/v1/public/sign-up', {
          body: {
            shopName: v.shopName,
            slug: v.slug.trim().toLowerCase(),
            ...(v.storeName?.trim() ? { storeName: v.storeName } : {}),
            ownerName: v.ownerName,
            phone: v.phone?.trim() || null,
            email: v.email?.trim() || null,
            password: v.password,
          },
        }),
      );
      acceptSession(res.staff, res.csrfToken);
      navigate('/customers', { replace: true });
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  const required = { required: true, whitespace: true, message: t('account.required') };
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 24,
        background: `linear-gradient(160deg, ${token.colorPrimaryBg} 0%, ${token.colorBgLayout} 55%)`,
      }}
    >
      <div style={{ position: 'fixed', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 480, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
        {!config ? (
          <Flex justify="center">
            <Spin />
          </Flex>
        ) : !config.signUp ? (
          <Result
            status="info"
            title={t('signUp.closed')}
            extra={<Link to="/sign-in">{t('setPassword.toSignIn')}</Link>}
          />
        ) : (
          <>
            <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('signUp.title')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('signUp.subtitle')}</Typography.Text>
            </Flex>
            <Form<Values>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => void submit(v)}
            >
              <Form.Item name="shopName" label={t('signUp.shopName')} rules={[required]}>
                <Input maxLength={100} data-testid="signup-shop" />
              </Form.Item>
              <Form.Item
                name="slug"
                label={t('signIn.tenant')}
                extra={t('signUp.slugHint')}
                rules={[
                  required,
                  { pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]{1,62}$/, message: t('signUp.slugFormat') },
                ]}
              >
                <Input
                  maxLength={63}
                  autoCapitalize="none"
                  spellCheck={false}
                  data-testid="signup-slug"
                />
              </Form.Item>
              <Form.Item
                name="storeName"
                label={t('signUp.storeName')}
                extra={t('signUp.storeHint')}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="ownerName" label={t('signUp.ownerName')} rules={[required]}>
                <Input maxLength={50} data-testid="signup-owner" />
              </Form.Item>
              <Flex gap={12}>
                <Form.Item name="phone" label={t('staffAdmin.phone')} style={{ flex: 1 }}>
                  <Input maxLength={32} inputMode="tel" data-testid="signup-phone" />
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
                  <Input maxLength={254} data-testid="signup-email" />
                </Form.Item>
              </Flex>
              <Form.Item
                name="password"
                label={t('signIn.password')}
                extra={t('account.passwordHint')}
                rules={[{ required: true, min: 8, message: t('account.passwordLength') }]}
              >
                <Input.Password autoComplete="new-password" data-testid="signup-password" />
              </Form.Item>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
              <Button
                type="primary"
                htmlType="submit"
                block
                size="large"
                loading={saving}
                data-testid="signup-submit"
              >
                {t('signUp.submit')}
              </Button>
            </Form>
            <Flex justify="center" style={{ marginTop: 16 }}>
              <Link to="/sign-in">{t('signUp.haveAccount')}</Link>
            </Flex>
          </>
        )}
      </Card>
    </Flex>
  );
}
