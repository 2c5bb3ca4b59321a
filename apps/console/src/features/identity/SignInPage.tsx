import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { LockOutlined, SafetyOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, api, lastUsedTenant, unwrap, useAppConfig, useSession } from '../../api.ts';
import { errorText, showFieldError } from '../../kit/errors.ts';
import LanguageSwitch from '../../shell/LanguageSwitch.tsx';

interface Values {
  tenant: string;
  login: string;
  password: string;
  totpCode?: string;
}

const FIELDS = ['tenant', 'login', 'password'] as const;

/** Shows the business's name under the 企业代码 field once the slug is known. */
function useTenantName(slug: string | undefined): { name: string | null; missing: boolean } {
  const [result, setResult] = useState<{
    slug: string;
    name: string | null;
    missing: boolean;
  } | null>(null);
  const clean = slug?.trim().toLowerCase() ?? '';
  useEffect(() => {
    if (!clean) return;
    let live = true;
    const timer = setTimeout(() => {
      unwrap(api.GET('/api/v1/public/tenants/{slug}', { params: { path: { slug: clean } } })).then(
        (tenant) => live && setResult({ slug: clean, name: tenant.name, missing: false }),
        (err: unknown) =>
          live &&
          setResult({
            slug: clean,
            name: null,
            missing: err instanceof ApiError && err.status === 404,
          }),
      );
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [clean]);
  if (!clean || result?.slug !== clean) return { name: null, missing: false };
  return result;
}

export default function SignInPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { status, expired, signIn } = useSession();
  const config = useAppConfig();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tenant = Form.useWatch('tenant', form);
  const tenantInfo = useTenantName(tenant);
  const state = location.state as {
    from?: string;
    tenant?: string;
    login?: string;
    passwordSet?: boolean;
  } | null;
  const from = state?.from;
  // Two-step sign-in: the server asked for the authenticator code (or a recovery code).
  const [needsCode, setNeedsCode] = useState(false);
  const [useRecovery, setUseRecovery] = useState(false);

  // Prefill 企业代码: the server's default tenant, else the one used last on this browser.
  useEffect(() => {
    if (config?.defaultTenant && !form.isFieldTouched('tenant') && !form.getFieldValue('tenant')) {
      form.setFieldValue('tenant', config.defaultTenant);
    }
  }, [config, form]);

  if (status === 'signedIn') {
    return <Navigate to={from && from !== '/sign-in' ? from : '/customers'} replace />;
  }

  async function submit(values: Values) {
    setSubmitting(true);
    setError(null);
    try {
      const code = values.totpCode?.trim();
      await signIn({
        tenant: values.tenant.trim().toLowerCase(),
        login: values.login.trim(),
        password: values.password,
        ...(needsCode && code ? (useRecovery ? { recoveryCode: code } : { totpCode: code }) : {}),
      });
      navigate(from && from !== '/sign-in' ? from : '/customers', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'AUTH_TOTP_REQUIRED') {
        // The password was right: keep it and ask for the code.
        setNeedsCode(true);
        return;
      }
      if (err instanceof ApiError && err.code === 'AUTH_TOTP_INVALID') {
        form.setFieldValue('totpCode', '');
        setError(errorText(err, t));
        return;
      }
      if (!showFieldError(form, err, FIELDS)) setError(errorText(err, t));
      form.setFieldValue('password', '');
      setNeedsCode(false);
    } finally {
      setSubmitting(false);
    }
  }

  const initialTenant = state?.tenant ?? lastUsedTenant() ?? '';

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
      <Card style={{ width: 400, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('signIn.subtitle')}</Typography.Text>
        </Flex>
        {state?.passwordSet && !error && (
          <Alert
            type="success"
            showIcon
            title={t('signInTwoStep.passwordSet')}
            style={{ marginBottom: 16 }}
            data-testid="signin-password-set"
          />
        )}
        {expired && !error && (
          <Alert type="info" showIcon title={t('signIn.expired')} style={{ marginBottom: 16 }} />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ tenant: initialTenant, login: state?.login ?? '', password: '' }}
          onFinish={(values) => void submit(values)}
          onValuesChange={(changed: Partial<Values>) => {
            if (error) setError(null);
            if ('login' in changed || 'tenant' in changed) setNeedsCode(false);
          }}
          disabled={status === 'loading'}
        >
          <Form.Item
            name="tenant"
            label={t('signIn.tenant')}
            rules={[{ required: true, whitespace: true, message: t('signIn.tenantRequired') }]}
            extra={
              tenantInfo.name ? (
                <Typography.Text type="success" data-testid="signin-tenant-name">
                  {tenantInfo.name}
                </Typography.Text>
              ) : tenantInfo.missing ? (
                <Typography.Text type="warning">{t('signIn.tenantUnknown')}</Typography.Text>
              ) : undefined
            }
          >
            <Input
              data-testid="signin-tenant"
              prefix={<ShopOutlined />}
              placeholder={t('signIn.tenantPlaceholder')}
              autoComplete="organization"
              autoCapitalize="none"
              spellCheck={false}
            />
          </Form.Item>
          <Form.Item
            name="login"
            label={t('signIn.login')}
            rules={[{ required: true, whitespace: true, message: t('signIn.loginRequired') }]}
          >
            <Input
              data-testid="signin-login"
              prefix={<UserOutlined />}
              placeholder={t('signIn.loginPlaceholder')}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus={Boolean(initialTenant)}
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signIn.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password
              data-testid="signin-password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
            />
          </Form.Item>
          {needsCode && (
            <Form.Item
              name="totpCode"
              label={useRecovery ? t('signInTwoStep.recoveryCode') : t('signInTwoStep.totpCode')}
              extra={
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => {
                    setUseRecovery((v) => !v);
                    form.setFieldValue('totpCode', '');
                  }}
                >
                  {useRecovery ? t('signInTwoStep.useApp') : t('signInTwoStep.useRecovery')}
                </Button>
              }
              rules={[
                { required: true, whitespace: true, message: t('signInTwoStep.totpRequired') },
              ]}
            >
              <Input
                data-testid="signin-totp"
                prefix={<SafetyOutlined />}
                inputMode={useRecovery ? 'text' : 'numeric'}
                autoComplete="one-time-code"
                maxLength={useRecovery ? 20 : 6}
                autoFocus
              />
            </Form.Item>
          )}
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 16 }}
              data-testid="signin-error"
              role="alert"
            />
          )}
          <Button
            data-testid="signin-submit"
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={submitting}
          >
            {t('signIn.submit')}
          </Button>
        </Form>
        {config?.signUp && (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Link to="/sign-up" data-testid="signin-sign-up">
              {t('signUp.link')}
            </Link>
          </Flex>
        )}
      </Card>
      {config?.version && (
        <Typography.Text type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
          {t('signIn.version', { version: config.version })}
        </Typography.Text>
      )}
    </Flex>
  );
}
