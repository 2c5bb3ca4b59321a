import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  List,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { api, unwrap, useStaff } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';

type Template = Json<paths['/api/v1/staff/message-templates']['get']>['items'][number];
type Preview = Json<paths['/api/v1/staff/message-templates/{templateKey}/preview']['post']>;
type ChannelName = Template['texts'][number]['channel'];
type Language = Template['texts'][number]['language'];

/** Templates per purpose, channel and language: edit with a live preview for a real customer. */
export default function TemplateListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const canEdit = staff.role === 'owner' || staff.role === 'manager';
  const [templates, setTemplates] = useState<Template[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const [channel, setChannel] = useState<ChannelName | null>(null);
  const [language, setLanguage] = useState<Language>('zh-CN');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [customerOptions, setCustomerOptions] = useState<{ value: string; label: string }[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saving, setSaving] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);

  const load = useCallback(async () => {
    try {
      const res = await unwrap(api.GET('/api/v1/staff/message-templates'));
      setTemplates(res.items);
      setKey((k) => k ?? res.items[0]?.key ?? null);
    } catch (err) {
      setError(errorText(err, t));
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  const template = templates.find((x) => x.key === key) ?? null;
  const channels = template ? [...new Set(template.texts.map((x) => x.channel))] : [];
  const activeChannel = channel && channels.includes(channel) ? channel : (channels[0] ?? null);
  const text =
    template?.texts.find((x) => x.channel === activeChannel && x.language === language) ?? null;

  // The editor starts from what is in force for this template, channel and language.
  useEffect(() => {
    setSubject(text?.subject ?? '');
    setBody(text?.body ?? '');
  }, [text?.subject, text?.body, key, activeChannel, language]);

  // Live preview (debounced): rendered with the chosen customer, and what saving would refuse.
  useEffect(() => {
    if (!key || !activeChannel || !body.trim()) return;
    const timer = setTimeout(() => {
      void unwrap(
        api.POST('/api/v1/staff/message-templates/{templateKey}/preview', {
          params: { path: { templateKey: key } },
          body: { channel: activeChannel, language, subject: subject || null, body, customerId },
        }),
      )
        .then(setPreview)
        .catch((err) => setError(errorText(err, t)));
    }, 300);
    return () => clearTimeout(timer);
  }, [key, activeChannel, language, subject, body, customerId, t]);

  async function searchCustomers(q: string) {
    if (q.trim().length < 2) return;
    try {
      const page = await unwrap(
        api.GET('/api/v1/staff/customers', { params: { query: { q, limit: 10 } } }),
      );
      setCustomerOptions(
        page.items.map((c) => ({ value: c.id, label: `${c.name ?? ''} ${c.phone}` })),
      );
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  function insert(name: string) {
    const el = bodyRef.current;
    const token = `{{${name}}}`;
    if (!el) return setBody((b) => b + token);
    const { selectionStart: s, selectionEnd: e } = el;
    setBody((b) => b.slice(0, s) + token + b.slice(e));
  }

  async function save() {
    if (!key || !activeChannel) return;
    setSaving(true);
    try {
      const updated = await unwrap(
        api.PUT('/api/v1/staff/message-templates/{templateKey}/{channel}/{language}', {
          params: { path: { templateKey: key, channel: activeChannel, language } },
          body: { subject: subject || null, body },
        }),
      );
      setTemplates((all) => all.map((x) => (x.key === updated.key ? updated : x)));
      message.success(t('messaging.templates.saved'));
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  async function reset() {
    if (!key || !activeChannel) return;
    try {
      const updated = await unwrap(
        api.DELETE('/api/v1/staff/message-templates/{templateKey}/{channel}/{language}', {
          params: { path: { templateKey: key, channel: activeChannel, language } },
        }),
      );
      setTemplates((all) => all.map((x) => (x.key === updated.key ? updated : x)));
      message.success(t('messaging.templates.resetDone'));
    } catch (err) {
      message.error(errorText(err, t));
    }
  }

  const problem = preview?.problem
    ? t('messaging.templates.problem', {
        message:
          t(`messaging.problems.${preview.problem.code}`, { defaultValue: preview.problem.code }) +
          (preview.problem.variable
            ? ` (${t('messaging.templates.variableNamed', { variable: preview.problem.variable })})`
            : ''),
      })
    : null;

  return (
    <Row gutter={16}>
      <Col xs={24} md={7}>
        <Card title={t('messaging.templatesTitle')} size="small">
          {error && <Alert type="error" message={error} style={{ marginBottom: 8 }} />}
          <List
            dataSource={templates}
            locale={{ emptyText: <Empty /> }}
            renderItem={(x) => (
              <List.Item
                onClick={() => setKey(x.key)}
                style={{
                  cursor: 'pointer',
                  background: x.key === key ? 'rgba(22,119,255,0.08)' : undefined,
                  paddingInline: 8,
                }}
                data-testid={`template-${x.key}`}
              >
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{x.key}</Typography.Text>
                  <Space size={4}>
                    <Tag>{t(`purpose.${x.purpose}`, { defaultValue: x.purpose })}</Tag>
                    {x.texts.some((y) => y.overridden) && (
                      <Tag color="blue">{t('messaging.templates.overridden')}</Tag>
                    )}
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} md={17}>
        {template && activeChannel && (
          <Card
            size="small"
            title={template.key}
            extra={
              <Space>
                <Segmented
                  value={language}
                  options={[
                    { value: 'zh-CN', label: '中文' },
                    { value: 'en', label: 'English' },
                  ]}
                  onChange={(v) => setLanguage(v as Language)}
                />
              </Space>
            }
          >
            <Segmented
              style={{ marginBottom: 12 }}
              value={activeChannel}
              options={channels.map((c) => ({ value: c, label: t(`messaging.channel.${c}`) }))}
              onChange={(v) => setChannel(v as ChannelName)}
            />
            {!canEdit && (
              <Alert
                type="info"
                message={t('messaging.templates.readOnly')}
                style={{ marginBottom: 12 }}
              />
            )}
            <Typography.Text type="secondary">
              {t('messaging.templates.variables')} ({t('messaging.templates.insert')}):
            </Typography.Text>
            <div style={{ margin: '6px 0 12px' }}>
              {template.variables.map((v) => (
                <Tooltip key={v.name} title={`${v.description} · ${v.sample}`}>
                  <Tag
                    style={{ cursor: 'pointer', marginBottom: 4 }}
                    onClick={() => insert(v.name)}
                  >
                    {`{{${v.name}}}`}
                  </Tag>
                </Tooltip>
              ))}
            </div>
            {(activeChannel === 'email' ||
              activeChannel === 'webpush' ||
              activeChannel === 'inapp' ||
              text?.subject) && (
              <Input
                addonBefore={t('messaging.templates.subject')}
                value={subject}
                onChange={(e) => setSubject(e.target.value)}
                disabled={!canEdit}
                style={{ marginBottom: 8 }}
              />
            )}
            <Input.TextArea
              ref={(r) => {
                bodyRef.current = r?.resizableTextArea?.textArea ?? null;
              }}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              autoSize={{ minRows: 4, maxRows: 10 }}
              disabled={!canEdit}
              data-testid="template-body"
            />
            {text?.overridden && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {t('messaging.templates.builtIn')}: {text.builtInBody}
              </Typography.Paragraph>
            )}
            <Space style={{ marginTop: 12 }}>
              <Button
                type="primary"
                onClick={() => void save()}
                loading={saving}
                disabled={!canEdit || !!preview?.problem}
                data-testid="template-save"
              >
                {t('messaging.templates.save')}
              </Button>
              {text?.overridden && (
                <Button onClick={() => void reset()} disabled={!canEdit}>
                  {t('messaging.templates.reset')}
                </Button>
              )}
            </Space>
            <Card
              size="small"
              type="inner"
              style={{ marginTop: 16 }}
              title={t('messaging.templates.preview')}
              extra={
                <Select
                  showSearch
                  allowClear
                  filterOption={false}
                  style={{ width: 260 }}
                  placeholder={t('messaging.templates.previewCustomerPlaceholder')}
                  options={customerOptions}
                  onSearch={(q) => void searchCustomers(q)}
                  onChange={(v) => setCustomerId((v as string | undefined) ?? null)}
                  aria-label={t('messaging.templates.previewCustomer')}
                />
              }
            >
              {problem && (
                <Alert
                  type="error"
                  message={problem}
                  style={{ marginBottom: 8 }}
                  data-testid="template-problem"
                />
              )}
              {preview?.subject && <Typography.Text strong>{preview.subject}</Typography.Text>}
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap' }}
                data-testid="template-preview"
              >
                {preview?.text}
              </Typography.Paragraph>
              {preview?.sms && (
                <Typography.Text
                  type={preview.sms.segments > preview.sms.maxSegments ? 'danger' : 'secondary'}
                >
                  {t('messaging.templates.segments', {
                    units: preview.sms.units,
                    segments: preview.sms.segments,
                    max: preview.sms.maxSegments,
                  })}
                </Typography.Text>
              )}
            </Card>
          </Card>
        )}
      </Col>
    </Row>
  );
}
