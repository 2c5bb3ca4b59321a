// The tenant's reminder rules: on/off, and an editor for lead days, repeats, channels, template
// and stop conditions. The server checks the template against the rule's variables and names
// the missing one; the message is shown under the template field.
import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '@liuke/api-client';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  DataTable,
  ErrorAlert,
  FormModal,
  MoneyInput,
  errorText,
  useAction,
  useLoad,
} from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import {
  CHANNELS,
  STOPS,
  canManageReminders,
  type ReminderRule,
  type RuleList,
  type RulePatch,
} from './ReminderCommon.ts';

/** When a rule fires, said from its anchor: "到期前 14 天", "服务后 3 天", "生日当天". */
function anchorLabel(t: TFunction, r: ReminderRule): string {
  return t(`reminders.rules.anchor.${r.anchor}.${r.leadDays > 0 ? 'days' : 'sameDay'}`, {
    n: r.leadDays,
  });
}

interface FormValues {
  name: string;
  leadDays: number;
  repeatMax: number;
  repeatEveryDays: number | null;
  channels: string[];
  templateKey: string;
  stopConditions: string[];
  attributionDays: number;
  days: number | null;
  thresholdFen: number | null;
  windowDays: number | null;
}

/** The API's field → the form's (a rule's parameter errors name `params.days`). */
const FIELDS = {
  ...Object.fromEntries(
    [
      'name',
      'leadDays',
      'repeatMax',
      'repeatEveryDays',
      'channels',
      'templateKey',
      'stopConditions',
      'attributionDays',
    ].map((f) => [f, f]),
  ),
  'params.days': 'days',
};

function RuleEditor({
  rule,
  list,
  onClose,
  onSaved,
}: {
  rule: ReminderRule;
  list: RuleList;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();

  async function save(v: FormValues) {
    const body: RulePatch = {
      name: v.name.trim() || null,
      leadDays: v.leadDays,
      repeatMax: v.repeatMax,
      repeatEveryDays: v.repeatEveryDays ?? null,
      channels: v.channels.length ? (v.channels as NonNullable<RulePatch['channels']>) : null,
      templateKey: v.templateKey,
      stopConditions: v.stopConditions as NonNullable<RulePatch['stopConditions']>,
      attributionDays: v.attributionDays,
    };
    const params: NonNullable<RulePatch['params']> = {};
    if (v.days != null) params.days = v.days;
    if (v.thresholdFen != null) params.thresholdFen = v.thresholdFen;
    if (v.windowDays != null) params.windowDays = v.windowDays;
    if (Object.keys(params).length) body.params = params;
    try {
      await unwrap(
        api.PATCH('/api/v1/staff/reminder-rules/{ruleId}', {
          params: { path: { ruleId: rule.id } },
          body,
        }),
      );
    } catch (err) {
      // A template missing one of the rule's variables: the server names the variable.
      const variable =
        err instanceof ApiError
          ? (err.details as { variable?: string } | undefined)?.variable
          : undefined;
      if (variable && err instanceof ApiError) err.message = `${errorText(err, t)}: ${variable}`;
      throw err;
    }
  }

  return (
    <FormModal
      open
      title={t('reminders.rules.edit', { name: rule.name })}
      form={form}
      fields={FIELDS}
      onSubmit={save}
      onDone={() => {
        message.success(t('reminders.rules.saved'));
        onSaved();
      }}
      onClose={onClose}
      okText={t('reminders.rules.save')}
      width={640}
      testId="reminder-rule-form"
      formProps={{
        initialValues: {
          name: rule.name,
          leadDays: rule.leadDays,
          repeatMax: rule.repeatMax,
          repeatEveryDays: rule.repeatEveryDays,
          channels: rule.channels ?? [],
          templateKey: rule.templateKey,
          stopConditions: rule.stopConditions,
          attributionDays: rule.attributionDays,
          days: rule.params.days,
          thresholdFen: rule.params.thresholdFen,
          windowDays: rule.params.windowDays,
        },
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('reminders.rules.variables')}:{' '}
        {rule.variables.map((v) => (
          <Tag key={v}>{v}</Tag>
        ))}
      </Typography.Paragraph>
      <Form.Item name="name" label={t('reminders.rules.field.name')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item
        name="leadDays"
        label={t(
          rule.anchor.startsWith('after_')
            ? 'reminders.rules.field.offsetAfter'
            : 'reminders.rules.field.offsetBefore',
        )}
        extra={t(
          rule.anchor.startsWith('after_')
            ? 'reminders.rules.field.offsetAfterHelp'
            : 'reminders.rules.field.leadDaysHelp',
        )}
        rules={[{ required: true }]}
      >
        <InputNumber data-testid="rule-lead-days" precision={0} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item label={t('reminders.rules.field.repeat')}>
        <Form.Item name="repeatMax" noStyle>
          <InputNumber
            min={0}
            max={5}
            precision={0}
            addonAfter={t('reminders.rules.times')}
            style={{ width: 150 }}
          />
        </Form.Item>{' '}
        <Form.Item name="repeatEveryDays" noStyle>
          <InputNumber
            min={1}
            max={90}
            precision={0}
            addonBefore={t('reminders.rules.every')}
            addonAfter={t('reminders.rules.days')}
            style={{ width: 200 }}
          />
        </Form.Item>
      </Form.Item>
      <Form.Item
        name="channels"
        label={t('reminders.rules.field.channels')}
        extra={t('reminders.rules.field.channelsHelp')}
      >
        <Select
          mode="multiple"
          allowClear
          options={CHANNELS.map((c) => ({ value: c, label: t(`reminders.channel.${c}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="templateKey"
        label={t('reminders.rules.field.template')}
        rules={[{ required: true }]}
      >
        <Select
          data-testid="rule-template"
          showSearch
          options={list.templates.map((tpl) => ({
            value: tpl.key,
            label: tpl.name,
          }))}
        />
      </Form.Item>
      <Form.Item name="stopConditions" label={t('reminders.rules.field.stops')}>
        <Checkbox.Group
          options={STOPS.map((s) => ({ value: s, label: t(`reminders.stop.${s}`) }))}
        />
      </Form.Item>
      <Form.Item name="attributionDays" label={t('reminders.rules.field.attributionDays')}>
        <InputNumber
          min={1}
          max={90}
          precision={0}
          addonAfter={t('reminders.rules.days')}
          style={{ width: 160 }}
        />
      </Form.Item>
      {rule.trigger === 'win_back' && (
        <Form.Item name="days" label={t('reminders.rules.field.winBackDays')}>
          <InputNumber
            precision={0}
            addonAfter={t('reminders.rules.days')}
            style={{ width: 160 }}
          />
        </Form.Item>
      )}
      {rule.trigger === 'stored_value_low' && (
        <Form.Item name="thresholdFen" label={t('reminders.rules.field.threshold')}>
          <MoneyInput minFen={100} symbol="addon" style={{ width: 180 }} />
        </Form.Item>
      )}
      {rule.params.windowDays != null && (
        <Form.Item name="windowDays" label={t('reminders.rules.field.windowDays')}>
          <InputNumber
            min={0}
            max={90}
            precision={0}
            addonAfter={t('reminders.rules.days')}
            style={{ width: 160 }}
          />
        </Form.Item>
      )}
    </FormModal>
  );
}

export default function ReminderRules() {
  const { t } = useTranslation();
  const staff = useStaff();
  const manage = canManageReminders(staff);
  const [editing, setEditing] = useState<ReminderRule | null>(null);

  const action = useAction();
  const {
    data: list,
    loading,
    error,
    reload,
  } = useLoad(() => unwrap(api.GET('/api/v1/staff/reminder-rules')), []);

  async function toggle(rule: ReminderRule, enabled: boolean) {
    const done = await action.run(rule.id, () =>
      unwrap(
        api.PATCH('/api/v1/staff/reminder-rules/{ruleId}', {
          params: { path: { ruleId: rule.id } },
          body: { enabled },
        }),
      ),
    );
    if (done !== undefined) await reload();
  }

  const columns: TableColumnsType<ReminderRule> = [
    {
      title: t('reminders.rules.col.enabled'),
      key: 'enabled',
      width: 80,
      render: (_, r) => (
        <Switch
          size="small"
          checked={r.enabled}
          disabled={!manage}
          onChange={(v) => void toggle(r, v)}
        />
      ),
    },
    {
      title: t('reminders.rules.col.name'),
      key: 'name',
      render: (_, r) => (
        <>
          <Typography.Text strong data-testid="rule-name">
            {r.name}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">{r.triggerLabel}</Typography.Text>
        </>
      ),
    },
    {
      title: t('reminders.rules.col.when'),
      key: 'when',
      width: 200,
      render: (_, r) => (
        <span data-testid="rule-when">
          {anchorLabel(t, r)}
          {r.repeatMax > 0 && r.repeatEveryDays
            ? ` · ${t('reminders.rules.repeats', { n: r.repeatMax, days: r.repeatEveryDays })}`
            : ''}
          {r.params.days ? ` · ${t('reminders.rules.winBack', { n: r.params.days })}` : ''}
          {r.params.thresholdFen ? ` · < ${formatFen(r.params.thresholdFen)}` : ''}
        </span>
      ),
    },
    {
      title: t('reminders.rules.col.channels'),
      key: 'channels',
      width: 160,
      render: (_, r) =>
        r.channels?.length
          ? r.channels.map((c) => <Tag key={c}>{t(`reminders.channel.${c}`)}</Tag>)
          : t('reminders.rules.bestChannel'),
    },
    {
      title: t('reminders.rules.col.stops'),
      key: 'stops',
      width: 220,
      render: (_, r) => r.stopConditions.map((s) => <Tag key={s}>{t(`reminders.stop.${s}`)}</Tag>),
    },
    {
      title: '',
      key: 'edit',
      width: 80,
      render: (_, r) =>
        manage && (
          <Button size="small" onClick={() => setEditing(r)} data-testid={`rule-edit-${r.key}`}>
            {t('reminders.rules.editButton')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      <DataTable<ReminderRule>
        data-testid="reminder-rules"
        size="middle"
        columns={columns}
        dataSource={list?.items ?? []}
        loading={loading}
      />
      {editing && list && (
        <RuleEditor
          rule={editing}
          list={list}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reload();
          }}
        />
      )}
    </>
  );
}
