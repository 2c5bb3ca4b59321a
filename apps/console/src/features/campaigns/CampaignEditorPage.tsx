import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Spin,
  Switch,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { errorText, showFieldError } from '../../kit/errors.ts';
import type { CampaignOptions } from './CampaignCommon.tsx';

interface FormValues {
  name: string;
  segmentId: string;
  templateA: string;
  textA: string;
  ab: boolean;
  templateB?: string;
  textB?: string;
  splitPercent?: number;
  couponTemplateId?: string | null;
  holdoutPercent: number;
  budgetMaxRecipients?: number | null;
  budgetMaxCouponYuan?: number | null;
  attributionDays: number;
  scheduleKind: 'now' | 'once' | 'recurring';
  sendAt?: string;
  frequency?: 'daily' | 'weekly' | 'monthly';
  time?: string;
  weekday?: number;
  dayOfMonth?: number;
}

/** Create or change a draft campaign; every check the server makes shows at its field. */
export default function CampaignEditorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { campaignId } = useParams();
  const [form] = Form.useForm<FormValues>();
  const [options, setOptions] = useState<CampaignOptions | null>(null);
  const [segments, setSegments] = useState<{ id: string; name: string }[]>([]);
  const [coupons, setCoupons] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [ready, setReady] = useState(!campaignId);
  const ab = Form.useWatch('ab', form);
  const scheduleKind = Form.useWatch('scheduleKind', form);
  const frequency = Form.useWatch('frequency', form);

  useEffect(() => {
    let live = true;
    unwrap(api.GET('/api/v1/staff/campaigns/options'))
      .then((o) => live && setOptions(o))
      .catch((err: unknown) => live && setError(errorText(err, t)));
    unwrap(api.GET('/api/v1/staff/segments'))
      .then((s) => live && setSegments(s.items))
      .catch(() => {});
    unwrap(api.GET('/api/v1/staff/coupon-templates', { params: { query: {} as never } }))
      .then((c) => {
        const items = (c as { items: { id: string; name: string; status: string }[] }).items;
        if (live) setCoupons(items.filter((x) => x.status === 'active'));
      })
      .catch(() => {});
    if (campaignId)
      unwrap(api.GET('/api/v1/staff/campaigns/{campaignId}', { params: { path: { campaignId } } }))
        .then((c) => {
          if (!live) return;
          const [a, b] = c.variants;
          form.setFieldsValue({
            name: c.name,
            segmentId: c.segmentId,
            templateA: a?.templateKey,
            textA: a?.text,
            ab: Boolean(b),
            templateB: b?.templateKey,
            textB: b?.text,
            splitPercent: c.splitPercent < 100 ? c.splitPercent : 50,
            couponTemplateId: c.couponTemplateId,
            holdoutPercent: c.holdoutPercent,
            budgetMaxRecipients: c.budgetMaxRecipients,
            budgetMaxCouponYuan: c.budgetMaxCouponFen === null ? null : c.budgetMaxCouponFen / 100,
            attributionDays: c.attributionDays,
            scheduleKind: c.scheduleKind,
            sendAt: c.sendAt ? c.sendAt.slice(0, 16) : undefined,
            frequency: c.recurrence?.frequency,
            time: c.recurrence?.time,
            weekday: c.recurrence?.weekday,
            dayOfMonth: c.recurrence?.dayOfMonth,
          });
          setReady(true);
        })
        .catch((err: unknown) => live && setError(errorText(err, t)));
    return () => {
      live = false;
    };
  }, [campaignId, form, t]);

  async function save() {
    const v = await form.validateFields();
    setSaving(true);
    const variants = [{ key: 'A' as const, templateKey: v.templateA, text: v.textA }];
    if (v.ab && v.templateB && v.textB)
      variants.push({ key: 'B' as never, templateKey: v.templateB, text: v.textB });
    const body = {
      name: v.name,
      segmentId: v.segmentId,
      variants,
      ...(variants.length === 2 ? { splitPercent: v.splitPercent ?? 50 } : {}),
      couponTemplateId: v.couponTemplateId ?? null,
      holdoutPercent: v.holdoutPercent,
      budgetMaxRecipients: v.budgetMaxRecipients ?? null,
      budgetMaxCouponFen: v.budgetMaxCouponYuan ? Math.round(v.budgetMaxCouponYuan * 100) : null,
      attributionDays: v.attributionDays,
      scheduleKind: v.scheduleKind,
      sendAt: v.scheduleKind === 'once' && v.sendAt ? new Date(v.sendAt).toISOString() : null,
      recurrence:
        v.scheduleKind === 'recurring'
          ? {
              frequency: v.frequency ?? 'weekly',
              time: v.time ?? '10:00',
              ...(v.frequency === 'weekly' ? { weekday: v.weekday ?? 1 } : {}),
              ...(v.frequency === 'monthly' ? { dayOfMonth: v.dayOfMonth ?? 1 } : {}),
            }
          : null,
    };
    try {
      const saved = campaignId
        ? await unwrap(
            api.PUT('/api/v1/staff/campaigns/{campaignId}', {
              params: { path: { campaignId } },
              body,
            }),
          )
        : await unwrap(api.POST('/api/v1/staff/campaigns', { body }));
      navigate(`/campaigns/${saved.id}`);
    } catch (err) {
      const mapped =
        err instanceof Error && 'field' in err && typeof err.field === 'string'
          ? err.field.startsWith('variants.1')
            ? 'templateB'
            : err.field.startsWith('variants')
              ? 'templateA'
              : err.field.startsWith('recurrence')
                ? 'frequency'
                : err.field
          : null;
      if (mapped) Object.assign(err as object, { field: mapped });
      if (
        !showFieldError(form, err, [
          'name',
          'segmentId',
          'templateA',
          'templateB',
          'splitPercent',
          'couponTemplateId',
          'sendAt',
          'frequency',
          'budgetMaxCouponFen',
        ])
      )
        message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  if (error) return <Alert type="error" message={error} showIcon />;
  if (!options || !ready) return <Spin />;
  const templates = options.templates.map((x) => ({ value: x.key, label: x.key }));

  return (
    <Card
      title={campaignId ? t('campaigns.edit') : t('campaigns.new')}
      extra={
        <Button
          type="primary"
          loading={saving}
          onClick={() => void save()}
          data-testid="campaign-save"
        >
          {t('campaigns.saveDraft')}
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          templateA: 'marketing.campaign',
          ab: false,
          splitPercent: 50,
          holdoutPercent: 10,
          attributionDays: 7,
          scheduleKind: 'now',
          frequency: 'weekly',
          time: '10:00',
          weekday: 1,
          dayOfMonth: 1,
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('campaigns.name')}
              rules={[{ required: true, max: 80 }]}
            >
              <Input data-testid="campaign-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="segmentId" label={t('campaigns.segment')} rules={[{ required: true }]}>
              <Select
                data-testid="campaign-segment"
                options={segments.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('campaigns.message')}</Divider>
        <Typography.Paragraph type="secondary">
          {t('campaigns.variablesHint', { vars: options.providedVariables.join(', ') })}
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="templateA"
              label={t('campaigns.templateA')}
              rules={[{ required: true }]}
            >
              <Select options={templates} data-testid="campaign-template-a" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="textA"
              label={t('campaigns.textA')}
              rules={[{ required: true, max: 300 }]}
            >
              <Input.TextArea rows={2} data-testid="campaign-text-a" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="ab" label={t('campaigns.abTest')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {ab && (
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item
                name="templateB"
                label={t('campaigns.templateB')}
                rules={[{ required: true }]}
              >
                <Select options={templates} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item
                name="textB"
                label={t('campaigns.textB')}
                rules={[{ required: true, max: 300 }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="splitPercent" label={t('campaigns.split')}>
                <InputNumber min={1} max={99} addonAfter="%" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Divider titlePlacement="start">{t('campaigns.offerAndMeasure')}</Divider>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="couponTemplateId" label={t('campaigns.coupon')}>
              <Select allowClear options={coupons.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="holdoutPercent" label={t('campaigns.holdout')}>
              <InputNumber min={0} max={50} addonAfter="%" data-testid="campaign-holdout" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="attributionDays" label={t('campaigns.attributionDays')}>
              <InputNumber min={1} max={90} addonAfter={t('campaigns.days')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="budgetMaxRecipients" label={t('campaigns.budgetRecipients')}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="budgetMaxCouponYuan" label={t('campaigns.budgetCoupon')}>
              <InputNumber min={1} addonAfter="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('campaigns.schedule')}</Divider>
        <Form.Item name="scheduleKind">
          <Radio.Group
            options={[
              { value: 'now', label: t('campaigns.scheduleNow') },
              { value: 'once', label: t('campaigns.scheduleOnce') },
              { value: 'recurring', label: t('campaigns.scheduleRecurring') },
            ]}
          />
        </Form.Item>
        {scheduleKind === 'once' && (
          <Form.Item name="sendAt" label={t('campaigns.sendAt')} rules={[{ required: true }]}>
            <Input type="datetime-local" style={{ width: 240 }} />
          </Form.Item>
        )}
        {scheduleKind === 'recurring' && (
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="frequency" label={t('campaigns.frequency')}>
                <Select
                  options={['daily', 'weekly', 'monthly'].map((f) => ({
                    value: f,
                    label: t(`campaigns.freq.${f}`),
                  }))}
                />
              </Form.Item>
            </Col>
            {frequency === 'weekly' && (
              <Col span={6}>
                <Form.Item name="weekday" label={t('campaigns.weekday')}>
                  <Select
                    options={[1, 2, 3, 4, 5, 6, 0].map((d) => ({
                      value: d,
                      label: t(`campaigns.weekdays.${d}`),
                    }))}
                  />
                </Form.Item>
              </Col>
            )}
            {frequency === 'monthly' && (
              <Col span={6}>
                <Form.Item name="dayOfMonth" label={t('campaigns.dayOfMonth')}>
                  <InputNumber min={1} max={28} />
                </Form.Item>
              </Col>
            )}
            <Col span={6}>
              <Form.Item name="time" label={t('campaigns.time')}>
                <Input type="time" style={{ width: 140 }} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Form>
    </Card>
  );
}
