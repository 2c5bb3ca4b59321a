import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
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
import { api, unwrap, useStaff } from '../../api.ts';
import { ErrorAlert, MoneyInput, useLoad, useSubmit } from '../../kit/index.ts';
import { instantOfZoned, zonedInputValue } from '../../kit/format.ts';

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
  budgetMaxCouponFen?: number | null;
  attributionDays: number;
  scheduleKind: 'now' | 'once' | 'recurring';
  sendAt?: string;
  frequency?: 'daily' | 'weekly' | 'monthly';
  time?: string;
  weekday?: number;
  dayOfMonth?: number;
}

const FIELDS = [
  'name',
  'segmentId',
  'templateA',
  'templateB',
  'splitPercent',
  'couponTemplateId',
  'sendAt',
  'frequency',
  'budgetMaxCouponFen',
];

/** Create or change a draft campaign; every check the server makes shows at its field. */
export default function CampaignEditorPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { campaignId } = useParams();
  const staff = useStaff();
  const [form] = Form.useForm<FormValues>();
  const submit = useSubmit(form, FIELDS);
  const ab = Form.useWatch('ab', form);
  const scheduleKind = Form.useWatch('scheduleKind', form);
  const frequency = Form.useWatch('frequency', form);

  const loaded = useLoad(
    () =>
      Promise.all([
        unwrap(api.GET('/api/v1/staff/campaigns/options')),
        unwrap(api.GET('/api/v1/staff/segments')).catch(() => ({ items: [] })),
        unwrap(api.GET('/api/v1/staff/coupon-templates', { params: { query: {} as never } })).catch(
          () => ({ items: [] }),
        ),
        campaignId
          ? unwrap(
              api.GET('/api/v1/staff/campaigns/{campaignId}', { params: { path: { campaignId } } }),
            )
          : null,
      ]),
    [campaignId],
  );
  const [options, segmentPage, couponPage, campaign] = loaded.data ?? [];
  const segments: { id: string; name: string }[] = segmentPage?.items ?? [];
  const coupons = (
    (couponPage?.items ?? []) as { id: string; name: string; status: string }[]
  ).filter((x) => x.status === 'active');
  const ready = Boolean(options) && (!campaignId || Boolean(campaign));

  // The draft being changed fills the form once it is read.
  useEffect(() => {
    if (!campaign) return;
    const [a, b] = campaign.variants;
    form.setFieldsValue({
      name: campaign.name,
      segmentId: campaign.segmentId,
      templateA: a?.templateKey,
      textA: a?.text,
      ab: Boolean(b),
      templateB: b?.templateKey,
      textB: b?.text,
      splitPercent: campaign.splitPercent < 100 ? campaign.splitPercent : 50,
      couponTemplateId: campaign.couponTemplateId,
      holdoutPercent: campaign.holdoutPercent,
      budgetMaxRecipients: campaign.budgetMaxRecipients,
      budgetMaxCouponFen: campaign.budgetMaxCouponFen,
      attributionDays: campaign.attributionDays,
      scheduleKind: campaign.scheduleKind,
      sendAt: zonedInputValue(campaign.sendAt, staff.tenant.timezone),
      frequency: campaign.recurrence?.frequency,
      time: campaign.recurrence?.time,
      weekday: campaign.recurrence?.weekday,
      dayOfMonth: campaign.recurrence?.dayOfMonth,
    });
  }, [campaign, form, staff.tenant.timezone]);

  async function send(v: FormValues) {
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
      budgetMaxCouponFen: v.budgetMaxCouponFen || null,
      attributionDays: v.attributionDays,
      scheduleKind: v.scheduleKind,
      sendAt:
        v.scheduleKind === 'once' && v.sendAt
          ? instantOfZoned(v.sendAt, staff.tenant.timezone)
          : null,
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
      return campaignId
        ? await unwrap(
            api.PUT('/api/v1/staff/campaigns/{campaignId}', {
              params: { path: { campaignId } },
              body,
            }),
          )
        : await unwrap(api.POST('/api/v1/staff/campaigns', { body }));
    } catch (err) {
      // A variant's or the recurrence's error is shown at the field that holds it.
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
      throw err;
    }
  }

  async function save() {
    const saved = await submit.run(send);
    if (saved) navigate(`/campaigns/${saved.id}`);
  }

  if (loaded.error) return <Alert type="error" message={loaded.error} showIcon />;
  if (!options || !ready) return <Spin />;
  const templates = options.templates.map((x) => ({ value: x.key, label: x.name }));

  return (
    <Card
      title={campaignId ? t('campaigns.edit') : t('campaigns.new')}
      extra={
        <Button
          type="primary"
          loading={submit.busy}
          onClick={() => void save()}
          data-testid="campaign-save"
        >
          {t('campaigns.saveDraft')}
        </Button>
      }
    >
      <ErrorAlert error={submit.error} style={{ marginBottom: 12 }} />
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
            <Form.Item name="budgetMaxCouponFen" label={t('campaigns.budgetCoupon')}>
              <MoneyInput minFen={100} symbol="addon" style={{ width: '100%' }} />
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
