import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, api, lastUsedTenant, unwrap, useAppConfig, useSession } from '../../api.ts';
import { useDebounced } from '../../kit/useDebounced.ts';
import { useLoad } from '../../kit/useLoad.ts';
import { useSubmit } from '../../kit/useSubmit.ts';
import { PublicHeading, PublicPage, PublicSubmit } from '../../shell/PublicPage.tsx';

interface Values {
  tenant: string;
  login: string;
  password: string;
  totpCode?: string;
}

const FIELDS = ['tenant', 'login', 'password'] as const;

/** The business's name under the 企业代码 field once the slug is known. */
function useTenantName(slug: string | undefined): { name: string | null; missing: boolean } {
  const clean = slug?.trim().toLowerCase() ?? '';
  const settled = useDebounced(clean, 350);
  const found = useLoad(
    () => unwrap(api.GET('/api/v1/public/tenants/{slug}', { params: { path: { slug: settled } } })),
    [settled],
    { enabled: Boolean(settled) },
  );
  if (!clean || settled !== clean || found.loading) return { name: null, missing: false };
  return { name: found.error ? null : (found.data?.name ?? null), missing: found.notFound };
}

export default function SignInPage() {
  const { t } = useTranslation();
  const { status, expired, signIn } = useSession();
  const config = useAppConfig();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Values>();
  const submit = useSubmit(form, FIELDS);
  const { error, setError } = submit;
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

  async function save() {
    const done = await submit.run(async (values) => {
      const code = values.totpCode?.trim();
      try {
        await signIn({
          tenant: values.tenant.trim().toLowerCase(),
          login: values.login.trim(),
          password: values.password,
          ...(needsCode && code ? (useRecovery ? { recoveryCode: code } : { totpCode: code }) : {}),
        });
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'AUTH_TOTP_REQUIRED') {
          // The password was right: keep it and ask for the code.
          setNeedsCode(true);
          return false;
        }
        if (err instanceof ApiError && err.code === 'AUTH_TOTP_INVALID') {
          form.setFieldValue('totpCode', '');
        } else {
          form.setFieldValue('password', '');
          setNeedsCode(false);
        }
        throw err;
      }
    });
    if (done) navigate(from && from !== '/sign-in' ? from : '/customers', { replace: true });
  }

  const initialTenant = state?.tenant ?? lastUsedTenant() ?? '';

  return (
    <PublicPage
      width={400}
      below={
        config?.version && (
          <Typography.Text type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
            {t('signIn.version', { version: config.version })}
          </Typography.Text>
        )
      }
    >
      <PublicHeading title={t('app.name')}>
        <Typography.Text type="secondary">{t('signIn.subtitle')}</Typography.Text>
      </PublicHeading>
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
        onFinish={() => void save()}
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
            rules={[{ required: true, whitespace: true, message: t('signInTwoStep.totpRequired') }]}
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
        <PublicSubmit
          error={error}
          busy={submit.busy}
          testId="signin-submit"
          errorProps={{ 'data-testid': 'signin-error', role: 'alert' }}
        >
          {t('signIn.submit')}
        </PublicSubmit>
      </Form>
      {config?.signUp && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Link to="/sign-up" data-testid="signin-sign-up">
            {t('signUp.link')}
          </Link>
        </Flex>
      )}
    </PublicPage>
  );
}
