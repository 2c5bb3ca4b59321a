// 设置密码: where an invitation or password-reset link leads. The token travels in the URL's
// fragment (#…), so it never reaches a server log or a Referer header.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Flex, Form, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { UserError } from '../../kit/errors.ts';
import { useLoad } from '../../kit/useLoad.ts';
import { useSubmit } from '../../kit/useSubmit.ts';
import { PublicHeading, PublicPage, PublicSubmit } from '../../shell/PublicPage.tsx';
import { NewPasswordFields } from './PasswordFields.tsx';

interface Values {
  password: string;
  confirm: string;
}

export default function SetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [token] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, '')));
  const link = useLoad(() => {
    if (!token) throw new UserError(t('setPassword.noToken'));
    return unwrap(api.POST('/api/v1/public/staff-password-links/inspect', { body: { token } }));
  }, [token]);
  const info = link.data;
  const submit = useSubmit(form, ['password']);

  async function save() {
    const res = await submit.run((v) =>
      unwrap(
        api.POST('/api/v1/public/staff-password-links/use', {
          body: { token, password: v.password },
        }),
      ),
    );
    if (!res) return;
    // Drop the used token from the address bar and history.
    window.history.replaceState(null, '', window.location.pathname);
    navigate('/sign-in', {
      replace: true,
      state: { tenant: res.tenant, login: res.login, passwordSet: true },
    });
  }

  return (
    <PublicPage width={420}>
      {link.error ? (
        <Result
          status="warning"
          title={link.error}
          extra={<Button onClick={() => navigate('/sign-in')}>{t('setPassword.toSignIn')}</Button>}
        />
      ) : !info ? (
        <Flex justify="center">
          <Spin />
        </Flex>
      ) : (
        <>
          <PublicHeading
            title={
              info.purpose === 'invite' ? t('setPassword.inviteTitle') : t('setPassword.resetTitle')
            }
          >
            <Typography.Text type="secondary" data-testid="set-password-who">
              {t('setPassword.who', { name: info.name, tenant: info.tenant.name })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {t('setPassword.login', { login: info.login, tenant: info.tenant.slug })}
            </Typography.Text>
          </PublicHeading>
          <Form<Values>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={() => void save()}
          >
            <NewPasswordFields
              name="password"
              testIds={{ password: 'set-password-new', confirm: 'set-password-confirm' }}
            />
            <PublicSubmit error={submit.error} busy={submit.busy} testId="set-password-submit">
              {t('setPassword.submit')}
            </PublicSubmit>
          </Form>
        </>
      )}
    </PublicPage>
  );
}
