// 开店注册: a new shop signs itself up (tenant, first store, owner) when the operator allows it;
// the owner is signed in at once.
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { Flex, Form, Input, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useAppConfig, useSession } from '../../api.ts';
import { useSubmit } from '../../kit/useSubmit.ts';
import { PublicHeading, PublicPage, PublicSubmit } from '../../shell/PublicPage.tsx';
import { ContactFields } from '../identity/PasswordFields.tsx';

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

function SignUpForm() {
  const { t } = useTranslation();
  const { acceptSession } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const submit = useSubmit(form, FIELDS);

  async function save() {
    const res = await submit.run((v) =>
      unwrap(
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
      ),
    );
    if (!res) return;
    acceptSession(res.staff, res.csrfToken);
    navigate('/customers', { replace: true });
  }

  const required = { required: true, whitespace: true, message: t('account.required') };
  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={() => void save()}>
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
        <Input maxLength={63} autoCapitalize="none" spellCheck={false} data-testid="signup-slug" />
      </Form.Item>
      <Form.Item name="storeName" label={t('signUp.storeName')} extra={t('signUp.storeHint')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="ownerName" label={t('signUp.ownerName')} rules={[required]}>
        <Input maxLength={50} data-testid="signup-owner" />
      </Form.Item>
      <ContactFields testIds={{ phone: 'signup-phone', email: 'signup-email' }} />
      <Form.Item
        name="password"
        label={t('signIn.password')}
        extra={t('account.passwordHint')}
        rules={[{ required: true, min: 8, message: t('account.passwordLength') }]}
      >
        <Input.Password autoComplete="new-password" data-testid="signup-password" />
      </Form.Item>
      <PublicSubmit error={submit.error} busy={submit.busy} testId="signup-submit">
        {t('signUp.submit')}
      </PublicSubmit>
    </Form>
  );
}

export default function SignUpPage() {
  const { t } = useTranslation();
  const config = useAppConfig();
  const { status } = useSession();
  if (status === 'signedIn') return <Navigate to="/customers" replace />;

  return (
    <PublicPage width={480}>
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
          <PublicHeading title={t('signUp.title')}>
            <Typography.Text type="secondary">{t('signUp.subtitle')}</Typography.Text>
          </PublicHeading>
          <SignUpForm />
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Link to="/sign-in">{t('signUp.haveAccount')}</Link>
          </Flex>
        </>
      )}
    </PublicPage>
  );
}
