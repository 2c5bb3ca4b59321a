// 账号安全: my password (other sessions end when it changes) and, for owners and managers,
// two-step sign-in with an authenticator app (QR, confirming code, recovery codes shown once).
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  QRCode,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { LockOutlined, SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { api, unwrap, useStaff } from '../../api.ts';
import { NewPasswordFields } from './PasswordFields.tsx';
import { ErrorAlert, IconTitle, useLoad, useSubmit } from '../../kit/index.ts';
import { EMPTY, formatDateTime } from '../../kit/format.ts';

type Security = Json<paths['/api/v1/staff/me/security']['get']>;

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordCard({ onChanged }: { onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const submit = useSubmit(form, ['currentPassword', 'newPassword']);

  async function save() {
    const res = await submit.run((v) =>
      unwrap(
        api.POST('/api/v1/staff/me/password', {
          body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
        }),
      ),
    );
    if (!res) return;
    form.resetFields();
    message.success(t('account.passwordChanged', { count: res.otherSessionsEnded }));
    onChanged();
  }

  return (
    <Card title={<IconTitle icon={<LockOutlined />}>{t('account.passwordTitle')}</IconTitle>}>
      <Form<PasswordForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        style={{ maxWidth: 360 }}
        onFinish={() => void save()}
      >
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('account.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="account-current" />
        </Form.Item>
        <NewPasswordFields
          name="newPassword"
          testIds={{ password: 'account-new', confirm: 'account-confirm' }}
        />
        <ErrorAlert error={submit.error} style={{ marginBottom: 16 }} />
        <Button type="primary" htmlType="submit" loading={submit.busy} data-testid="account-save">
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

function TotpCard({ security, onChanged }: { security: Security; onChanged(): void }) {
  const timeZone = useStaff().tenant.timezone;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const submit = useSubmit();
  const run = (action: () => Promise<void>) => submit.run(action);

  const start = () =>
    run(async () => {
      setEnrolment(await unwrap(api.POST('/api/v1/staff/me/totp/enrolment')));
      setCode('');
    });
  const confirm = () =>
    run(async () => {
      const res = await unwrap(api.POST('/api/v1/staff/me/totp/confirm', { body: { code } }));
      setRecoveryCodes(res.recoveryCodes);
      setEnrolment(null);
      setCode('');
      message.success(t('account.totpEnabled'));
      onChanged();
    });
  const disable = () =>
    run(async () => {
      await unwrap(
        api.POST('/api/v1/staff/me/totp/disable', {
          body: useRecovery ? { recoveryCode: code } : { code },
        }),
      );
      setCode('');
      message.success(t('account.totpDisabled'));
      onChanged();
    });

  const codeInput = (testId: string, onEnter: () => void) => (
    <Input
      value={code}
      onChange={(e) => setCode(e.target.value.trim())}
      onPressEnter={onEnter}
      maxLength={useRecovery ? 20 : 6}
      inputMode={useRecovery ? 'text' : 'numeric'}
      autoComplete="one-time-code"
      placeholder={useRecovery ? t('account.recoveryPlaceholder') : '123456'}
      style={{ width: 200 }}
      data-testid={testId}
    />
  );

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <SafetyOutlined />
          {t('account.totpTitle')}
          {security.totpEnabled ? (
            <Tag color="green">{t('account.on')}</Tag>
          ) : (
            <Tag>{t('account.off')}</Tag>
          )}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('account.totpIntro')}</Typography.Paragraph>
      {recoveryCodes && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('account.recoveryTitle')}
          description={
            <Flex vertical gap={8}>
              <span>{t('account.recoveryHint')}</span>
              <Typography.Text code copyable={{ text: recoveryCodes.join('\n') }}>
                <span data-testid="recovery-codes">{recoveryCodes.join('  ')}</span>
              </Typography.Text>
              <Button
                size="small"
                onClick={() => setRecoveryCodes(null)}
                style={{ width: 'fit-content' }}
              >
                {t('account.recoverySaved')}
              </Button>
            </Flex>
          }
        />
      )}
      {security.totpEnabled ? (
        <Flex vertical gap={12}>
          <Typography.Text>
            {t('account.totpSince', { date: formatDateTime(security.totpEnabledAt, timeZone) })}
            {' · '}
            {t('account.recoveryLeft', { count: security.recoveryCodesLeft })}
          </Typography.Text>
          <Typography.Text>{t('account.disablePrompt')}</Typography.Text>
          <Space wrap>
            {codeInput('totp-disable-code', () => void disable())}
            <Button danger loading={submit.busy} onClick={() => void disable()} disabled={!code}>
              {t('account.disable')}
            </Button>
            <Button type="link" onClick={() => setUseRecovery((v) => !v)}>
              {useRecovery ? t('account.useApp') : t('account.useRecovery')}
            </Button>
          </Space>
        </Flex>
      ) : enrolment ? (
        <Flex vertical gap={16}>
          <Steps
            direction="vertical"
            size="small"
            items={[
              { title: t('account.step1'), status: 'process' },
              { title: t('account.step2'), status: 'process' },
            ]}
          />
          <Flex gap={24} wrap align="center">
            <QRCode value={enrolment.otpauthUri} size={180} data-testid="totp-qr" />
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'secret',
                  label: t('account.secret'),
                  children: (
                    <Typography.Text code copyable data-testid="totp-secret">
                      {enrolment.secret}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </Flex>
          <Space wrap>
            {codeInput('totp-confirm-code', () => void confirm())}
            <Button
              type="primary"
              loading={submit.busy}
              onClick={() => void confirm()}
              disabled={code.length !== 6}
              data-testid="totp-confirm"
            >
              {t('account.confirm')}
            </Button>
            <Button onClick={() => setEnrolment(null)}>{t('common.cancel')}</Button>
          </Space>
        </Flex>
      ) : security.totpAllowed ? (
        <Button
          type="primary"
          loading={submit.busy}
          onClick={() => void start()}
          data-testid="totp-start"
        >
          {t('account.enable')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('account.totpNotForRole')}</Typography.Text>
      )}
      <ErrorAlert error={submit.error} style={{ marginTop: 16 }} />
    </Card>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const loaded = useLoad(() => unwrap(api.GET('/api/v1/staff/me/security')), []);
  const security = loaded.data;
  const reload = () => void loaded.reload();

  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <Card title={t('account.title')}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: t('staffAdmin.name'), children: staff.name },
            {
              key: 'login',
              label: t('account.login'),
              children: staff.email ?? staff.phone ?? EMPTY,
            },
            { key: 'role', label: t('staffAdmin.role'), children: t(`roles.${staff.role}`) },
            {
              key: 'changed',
              label: t('account.passwordChangedAt'),
              children: formatDateTime(security?.passwordChangedAt, staff.tenant.timezone),
            },
          ]}
        />
      </Card>
      <ErrorAlert error={loaded.error} />
      <PasswordCard onChanged={reload} />
      {security && <TotpCard security={security} onChanged={reload} />}
    </Flex>
  );
}
