import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { api, unwrap, useStaff } from '../../api.ts';
import { ErrorAlert, useLoad, useSubmit } from '../../kit/index.ts';

type Settings = Json<paths['/api/v1/staff/channel-settings']['get']>;
type Setting = Settings['items'][number];
type Channel = Setting['channel'];
type Provider = Setting['provider'];
type TestResult = Json<paths['/api/v1/staff/channel-settings/test']['post']>;

interface Field {
  name: string;
  kind: 'text' | 'number' | 'switch';
  required?: boolean;
}

/** What each provider asks for: shown settings, then write-only secrets. */
const PROVIDERS: Record<Provider, { channels: Channel[]; config: Field[]; secrets: string[] }> = {
  recorder: { channels: ['sms', 'email', 'webpush', 'wechat'], config: [], secrets: [] },
  aliyun: {
    channels: ['sms'],
    config: [
      { name: 'accessKeyId', kind: 'text', required: true },
      { name: 'signName', kind: 'text', required: true },
      { name: 'defaultTemplateCode', kind: 'text' },
      { name: 'regionId', kind: 'text' },
      { name: 'endpoint', kind: 'text' },
    ],
    secrets: ['accessKeySecret'],
  },
  twilio: {
    channels: ['sms'],
    config: [
      { name: 'accountSid', kind: 'text', required: true },
      { name: 'from', kind: 'text' },
      { name: 'messagingServiceSid', kind: 'text' },
      { name: 'endpoint', kind: 'text' },
    ],
    secrets: ['authToken'],
  },
  smtp: {
    channels: ['email'],
    config: [
      { name: 'host', kind: 'text', required: true },
      { name: 'port', kind: 'number', required: true },
      { name: 'secure', kind: 'switch' },
      { name: 'username', kind: 'text' },
      { name: 'fromAddress', kind: 'text', required: true },
      { name: 'fromName', kind: 'text' },
    ],
    secrets: ['password'],
  },
  webpush: {
    channels: ['webpush'],
    config: [{ name: 'subject', kind: 'text', required: true }],
    secrets: [],
  },
  wechat: {
    channels: ['wechat'],
    config: [
      { name: 'appId', kind: 'text', required: true },
      { name: 'defaultTemplateId', kind: 'text' },
      { name: 'endpoint', kind: 'text' },
    ],
    secrets: ['appSecret', 'token'],
  },
};

const providersOf = (channel: Channel) =>
  (Object.keys(PROVIDERS) as Provider[]).filter((p) => PROVIDERS[p].channels.includes(channel));

/** 渠道设置: which provider carries each channel, its credentials (write-only) and a test send. */
export default function ChannelSettingsPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = staff.role === 'owner' || staff.role === 'manager';

  const {
    data: loaded,
    error,
    setData,
  } = useLoad<Settings>(() => unwrap(api.GET('/api/v1/staff/channel-settings')), [], {
    enabled: allowed,
  });
  const data = loaded ?? null;

  if (!allowed) return <Result status="403" title={t('channels.forbidden')} />;
  return (
    <Flex vertical gap={16} data-testid="channel-settings-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('channels.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('channels.intro')}</Typography.Text>
      </div>
      <ErrorAlert error={error} />
      {!data && !error && <Skeleton active />}
      {data?.items.map((s) => (
        <ChannelCard
          key={`${s.channel}:${s.provider}:${s.updatedAt ?? ''}`}
          setting={s}
          vapidKey={data.webPushPublicKey}
          canEdit={staff.role === 'owner'}
          onSaved={(saved) =>
            setData((d) =>
              d
                ? { ...d, items: d.items.map((i) => (i.channel === saved.channel ? saved : i)) }
                : d,
            )
          }
        />
      ))}
    </Flex>
  );
}

function ChannelCard(props: {
  setting: Setting;
  vapidKey: string;
  canEdit: boolean;
  onSaved: (s: Setting) => void;
}) {
  const { setting, canEdit } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [provider, setProvider] = useState<Provider>(setting.provider);
  const saving = useSubmit(form);
  const [testTo, setTestTo] = useState('');
  const testing = useSubmit();
  const [result, setResult] = useState<TestResult | null>(null);
  const spec = PROVIDERS[provider];
  const channel = setting.channel;

  async function save() {
    const saved = await saving.run((values: Record<string, unknown>) => {
      const config: Record<string, unknown> = {};
      for (const f of spec.config) {
        const v = values[`config.${f.name}`];
        if (f.kind === 'switch') config[f.name] = Boolean(v);
        else if (v !== undefined && v !== null && v !== '') config[f.name] = v;
      }
      const secrets: Record<string, string> = {};
      for (const name of spec.secrets) {
        const v = values[`secret.${name}`];
        if (typeof v === 'string' && v) secrets[name] = v;
      }
      const body = (
        provider === 'recorder'
          ? { channel, provider }
          : { channel, provider, config, ...(spec.secrets.length ? { secrets } : {}) }
      ) as never;
      return unwrap(api.PUT('/api/v1/staff/channel-settings', { body }));
    });
    if (!saved) return;
    message.success(t('channels.saved'));
    props.onSaved(saved);
  }

  async function test() {
    setResult(null);
    const r = await testing.run(() =>
      unwrap(api.POST('/api/v1/staff/channel-settings/test', { body: { channel, to: testTo } })),
    );
    if (r) setResult(r);
  }

  const initial = Object.fromEntries(
    Object.entries(setting.config).map(([k, v]) => [`config.${k}`, v]),
  );
  return (
    <Card
      title={
        <Space>
          {t(`channels.channel.${channel}`)}
          <Tag color={setting.provider === 'recorder' ? 'default' : 'green'}>
            {t(`channels.provider.${setting.provider}`)}
          </Tag>
        </Space>
      }
      data-testid={`channel-card-${channel}`}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ provider: setting.provider, ...initial }}
        disabled={!canEdit}
        style={{ maxWidth: 560 }}
      >
        <Form.Item label={t('channels.providerLabel')} name="provider">
          <Select
            data-testid={`provider-${channel}`}
            onChange={(p: Provider) => setProvider(p)}
            options={providersOf(channel).map((p) => ({
              value: p,
              label: t(`channels.provider.${p}`),
            }))}
          />
        </Form.Item>
        {spec.config.map((f) => (
          <Form.Item
            key={f.name}
            name={`config.${f.name}`}
            label={t(`channels.field.${f.name}`)}
            valuePropName={f.kind === 'switch' ? 'checked' : 'value'}
            rules={f.required ? [{ required: true, message: t('channels.required') }] : []}
            extra={t(`channels.help.${f.name}`, { defaultValue: '' }) || undefined}
          >
            {f.kind === 'number' ? (
              <InputNumber min={1} max={65535} style={{ width: 160 }} />
            ) : f.kind === 'switch' ? (
              <Switch />
            ) : (
              <Input data-testid={`field-${channel}-${f.name}`} />
            )}
          </Form.Item>
        ))}
        {spec.secrets.map((name) => {
          const isSet = provider === setting.provider && setting.secrets[name] === true;
          return (
            <Form.Item
              key={name}
              name={`secret.${name}`}
              label={
                <Space>
                  {t(`channels.field.${name}`)}
                  <Tag color={isSet ? 'green' : 'orange'}>
                    {isSet ? t('channels.secretSet') : t('channels.secretNotSet')}
                  </Tag>
                </Space>
              }
            >
              <Input.Password
                autoComplete="new-password"
                placeholder={isSet ? t('channels.secretKeep') : ''}
                data-testid={`secret-${channel}-${name}`}
              />
            </Form.Item>
          );
        })}
        {channel === 'webpush' && (
          <Form.Item label={t('channels.vapidKey')}>
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
              {props.vapidKey}
            </Typography.Text>
          </Form.Item>
        )}
        {setting.receiptUrl && provider === setting.provider && (
          <Form.Item label={t('channels.receiptUrl')} extra={t('channels.receiptHelp')}>
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
              {setting.receiptUrl}
            </Typography.Text>
          </Form.Item>
        )}
        <ErrorAlert error={saving.error} style={{ marginBottom: 12 }} />
        {canEdit && (
          <Button
            type="primary"
            loading={saving.busy}
            onClick={() => void save()}
            data-testid={`save-${channel}`}
          >
            {t('common.save')}
          </Button>
        )}
      </Form>
      <Flex vertical gap={8} style={{ marginTop: 20, maxWidth: 560 }}>
        <Typography.Text strong>{t('channels.testTitle')}</Typography.Text>
        <Space.Compact>
          <Input
            value={testTo}
            onChange={(e) => setTestTo(e.target.value)}
            placeholder={t(`channels.testTo.${channel}`)}
            data-testid={`test-to-${channel}`}
          />
          <Button
            loading={testing.busy}
            disabled={!testTo.trim()}
            onClick={() => void test()}
            data-testid={`test-${channel}`}
          >
            {t('channels.testSend')}
          </Button>
        </Space.Compact>
        <ErrorAlert error={testing.error} />
        {result && (
          <Alert
            data-testid={`test-result-${channel}`}
            type={result.outcome === 'failed' ? 'error' : 'success'}
            showIcon
            message={
              result.outcome === 'failed'
                ? t(
                    result.permanent
                      ? 'channels.testFailedPermanent'
                      : 'channels.testFailedTemporary',
                    {
                      provider: result.provider,
                    },
                  )
                : t('channels.testSent', { provider: result.provider })
            }
            description={result.error ?? result.providerMessageId ?? undefined}
          />
        )}
      </Flex>
    </Card>
  );
}
