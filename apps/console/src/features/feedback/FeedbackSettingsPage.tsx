// 客服设置: the survey (delay, expiry, recovery coupon and its monthly budget, review pages), the
// complaint categories and reopen window, SLA targets per severity and the holiday list.
import { useEffect, useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { ConfirmButton, FormCard, TableCard, useAction, useLoad } from '../../kit/index.ts';
import { canConfigure, type FeedbackSettings, type SlaPolicy } from './feedback.ts';

function SurveySettingsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FeedbackSettings>();
  const settings = useLoad(() => unwrap(api.GET('/api/v1/staff/feedback/settings')), []);
  const templates = useLoad(
    () => unwrap(api.GET('/api/v1/staff/coupon-templates', { params: { query: {} } })),
    [],
  );
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  return (
    <FormCard<FeedbackSettings, FeedbackSettings>
      title={t('feedback.settings.survey')}
      form={form}
      editable={editable}
      loading={settings.loading}
      loadError={settings.error}
      savedText={t('feedback.done.saved')}
      fields={[
        'surveyDelayMinutes',
        'surveyExpiryDays',
        'recoveryMonthlyBudget',
        'reviewPages',
        'categories',
      ]}
      onSubmit={(v) => unwrap(api.PUT('/api/v1/staff/feedback/settings', { body: v }))}
      testId="survey-settings"
      saveTestId="survey-settings-save"
    >
      <Form.Item name="surveyDelayMinutes" label={t('feedback.settings.delay')}>
        <InputNumber min={0} max={10080} addonAfter={t('feedback.settings.minutes')} />
      </Form.Item>
      <Form.Item name="surveyExpiryDays" label={t('feedback.settings.expiry')}>
        <InputNumber min={1} max={90} addonAfter={t('feedback.settings.days')} />
      </Form.Item>
      <Form.Item name="recoveryTemplateId" label={t('feedback.settings.recoveryTemplate')}>
        <Select
          allowClear
          options={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
      </Form.Item>
      <Form.Item name="recoveryMonthlyBudget" label={t('feedback.settings.recoveryBudget')}>
        <InputNumber min={0} max={10000} addonAfter={t('feedback.settings.perMonth')} />
      </Form.Item>
      <Form.Item label={t('feedback.settings.reviewPages')}>
        <Form.List name="reviewPages">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f) => (
                <Space key={f.key}>
                  <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true }]}>
                    <Input placeholder="大众点评" style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'url']}
                    noStyle
                    rules={[{ required: true, type: 'url' }]}
                  >
                    <Input placeholder="https://" style={{ width: 280 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', url: '' })}
                style={{ width: 160 }}
              >
                {t('feedback.settings.addPage')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="categories" label={t('feedback.settings.categories')}>
        <Select mode="tags" />
      </Form.Item>
      <Form.Item name="reopenDays" label={t('feedback.settings.reopenDays')}>
        <InputNumber min={0} max={90} addonAfter={t('feedback.settings.days')} />
      </Form.Item>
      <Form.Item
        name="escalationReassign"
        label={t('feedback.settings.reassign')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
    </FormCard>
  );
}

function SlaCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const policies = useLoad(() => unwrap(api.GET('/api/v1/staff/feedback/sla-policies')), []);
  const [rows, setRows] = useState<SlaPolicy[]>([]);
  const action = useAction();
  useEffect(() => {
    if (policies.data) setRows(policies.data.items);
  }, [policies.data]);
  const set = (i: number, k: 'firstResponseMinutes' | 'resolutionMinutes', v: number | null) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: v ?? 1 } : r)));
  return (
    <Card
      title={t('feedback.settings.sla')}
      extra={
        editable && (
          <Button
            type="primary"
            loading={action.busy === 'sla'}
            onClick={() =>
              void action.run(
                'sla',
                () =>
                  unwrap(api.PUT('/api/v1/staff/feedback/sla-policies', { body: { items: rows } })),
                t('feedback.done.saved'),
              )
            }
          >
            {t('feedback.settings.save')}
          </Button>
        )
      }
    >
      <Table
        size="small"
        pagination={false}
        rowKey="severity"
        dataSource={rows}
        columns={[
          {
            title: t('feedback.field.severity'),
            dataIndex: 'severity',
            render: (s: string) => t(`feedback.severity.${s}`),
          },
          {
            title: t('feedback.settings.firstResponse'),
            dataIndex: 'firstResponseMinutes',
            render: (v: number, _r, i) => (
              <InputNumber
                disabled={!editable}
                min={1}
                value={v}
                onChange={(x) => set(i, 'firstResponseMinutes', x)}
                addonAfter={t('feedback.settings.minutes')}
              />
            ),
          },
          {
            title: t('feedback.settings.resolution'),
            dataIndex: 'resolutionMinutes',
            render: (v: number, _r, i) => (
              <InputNumber
                disabled={!editable}
                min={1}
                value={v}
                onChange={(x) => set(i, 'resolutionMinutes', x)}
                addonAfter={t('feedback.settings.minutes')}
              />
            ),
          },
        ]}
      />
      <div style={{ marginTop: 8, color: '#888' }}>{t('feedback.settings.slaNote')}</div>
    </Card>
  );
}

function HolidaysCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const list = useLoad(() => unwrap(api.GET('/api/v1/staff/feedback/holidays')), []);
  const action = useAction();
  const [day, setDay] = useState<string | null>(null);
  const [name, setName] = useState('');
  const remove = async (d: string) => {
    await action.run(d, () =>
      unwrap(api.DELETE('/api/v1/staff/feedback/holidays/{day}', { params: { path: { day: d } } })),
    );
    await list.reload();
  };
  const add = async () => {
    if (!day || !name.trim()) return;
    const ok = await action.run(
      'add',
      () =>
        unwrap(api.POST('/api/v1/staff/feedback/holidays', { body: { day, name: name.trim() } })),
      t('feedback.done.saved'),
    );
    if (ok) {
      setName('');
      await list.reload();
    }
  };
  return (
    <TableCard
      title={t('feedback.settings.holidays')}
      error={list.error}
      header={
        editable && (
          <Space style={{ marginBottom: 12 }}>
            <DatePicker onChange={(d) => setDay(d ? d.format('YYYY-MM-DD') : null)} />
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('feedback.settings.holidayName')}
            />
            <Button onClick={() => void add()} loading={action.busy === 'add'}>
              {t('feedback.settings.addHoliday')}
            </Button>
          </Space>
        )
      }
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      rowKey="day"
      pagination={{ pageSize: 15 }}
      csv={{ filename: 'holidays', label: t('feedback.exportCsv') }}
      columns={[
        { title: t('feedback.settings.day'), dataIndex: 'day' },
        { title: t('feedback.settings.holidayName'), dataIndex: 'name' },
        {
          title: '',
          key: 'remove',
          csv: false,
          render: (_, h) =>
            editable && (
              <ConfirmButton
                size="small"
                danger
                confirm={t('feedback.settings.removeConfirm')}
                onConfirm={() => void remove(h.day)}
              >
                {t('feedback.settings.remove')}
              </ConfirmButton>
            ),
        },
      ]}
    />
  );
}

export default function FeedbackSettingsPage() {
  const staff = useStaff();
  const editable = canConfigure(staff);
  return (
    <Flex vertical gap={16}>
      <SurveySettingsCard editable={editable} />
      <SlaCard editable={editable} />
      <HolidaysCard editable={editable} />
    </Flex>
  );
}
