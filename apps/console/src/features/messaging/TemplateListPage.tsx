import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Input,
  List,
  Row,
  Segmented,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { api, unwrap, useStaff } from '../../api.ts';
import { ErrorAlert, useAction, useDebounced, useLoad } from '../../kit/index.ts';
import { CustomerPicker } from '../customers/index.ts';
import type { CustomerSummary } from '../../types.ts';

type Template = Json<paths['/api/v1/staff/message-templates']['get']>['items'][number];
type ChannelName = Template['texts'][number]['channel'];
type Language = Template['texts'][number]['language'];

/** Templates per purpose, channel and language: edit with a live preview for a real customer. */
export default function TemplateListPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const canEdit = staff.role === 'owner' || staff.role === 'manager';
  const [picked, setKey] = useState<string | null>(null);
  const [channel, setChannel] = useState<ChannelName | null>(null);
  const [language, setLanguage] = useState<Language>('zh-CN');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [customer, setCustomer] = useState<CustomerSummary | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const action = useAction();
  const loaded = useLoad(() => unwrap(api.GET('/api/v1/staff/message-templates')), []);
  const templates = loaded.data?.items ?? [];
  const key = picked ?? templates[0]?.key ?? null;

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
  const draft = useDebounced(
    JSON.stringify({ key, activeChannel, language, subject, body, customerId: customer?.id }),
    300,
  );
  const previewed = useLoad(
    () =>
      unwrap(
        api.POST('/api/v1/staff/message-templates/{templateKey}/preview', {
          params: { path: { templateKey: key! } },
          body: {
            channel: activeChannel!,
            language,
            subject: subject || null,
            body,
            customerId: customer?.id ?? null,
          },
        }),
      ),
    [draft],
    { enabled: Boolean(key && activeChannel && body.trim()) },
  );
  const preview = previewed.data ?? null;

  function insert(name: string) {
    const el = bodyRef.current;
    const token = `{{${name}}}`;
    if (!el) return setBody((b) => b + token);
    const { selectionStart: s, selectionEnd: e } = el;
    setBody((b) => b.slice(0, s) + token + b.slice(e));
  }

  /** Saves or resets the text in force; the list shows the template as it is now. */
  async function change(what: 'save' | 'reset') {
    if (!key || !activeChannel) return;
    const path = { params: { path: { templateKey: key, channel: activeChannel, language } } };
    const url = '/api/v1/staff/message-templates/{templateKey}/{channel}/{language}' as const;
    const updated = await action.run(
      what,
      () =>
        unwrap(
          what === 'save'
            ? api.PUT(url, { ...path, body: { subject: subject || null, body } })
            : api.DELETE(url, path),
        ),
      t(what === 'save' ? 'messaging.templates.saved' : 'messaging.templates.resetDone'),
    );
    if (updated)
      loaded.setData(
        (d) => d && { ...d, items: d.items.map((x) => (x.key === updated.key ? updated : x)) },
      );
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
          <ErrorAlert error={loaded.error ?? previewed.error} style={{ marginBottom: 8 }} />
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
                  <Typography.Text strong>{x.name}</Typography.Text>
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
            title={template.name}
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
                onClick={() => void change('save')}
                loading={action.busy === 'save'}
                disabled={!canEdit || !!preview?.problem}
                data-testid="template-save"
              >
                {t('messaging.templates.save')}
              </Button>
              {text?.overridden && (
                <Button onClick={() => void change('reset')} disabled={!canEdit}>
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
                <div style={{ width: 260 }} aria-label={t('messaging.templates.previewCustomer')}>
                  <CustomerPicker value={customer} onChange={setCustomer} />
                </div>
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
