// Keyword rules: include / exclude terms (`*` for any run of characters) on title, summary or
// author, for one feed or all, delivered at once, in the daily digest or only here.
import { useState } from 'react';
import { Button, Flex, Form, Input, Select, Switch, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, RowActions, TableCard, useAction, useLoad } from '../../kit/index.ts';
import type { DataColumn } from '../../kit/index.ts';
import type { Rule } from './monitoring.ts';

interface RuleValues {
  name: string;
  feedId: string | null;
  include: string[];
  exclude: string[];
  fields: Rule['fields'];
  delivery: Rule['delivery'];
  recipientStaffIds: string[];
}

const DELIVERIES = ['immediate', 'digest', 'none'] as const;
const FIELDS = ['title', 'summary', 'author'] as const;

export function RulesTab() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [form] = Form.useForm<RuleValues>();
  const action = useAction();
  const { data, loading, error, reload } = useLoad(
    () =>
      Promise.all([
        unwrap(api.GET('/api/v1/staff/monitoring/rules')),
        unwrap(api.GET('/api/v1/staff/monitoring/feeds')),
        unwrap(api.GET('/api/v1/staff/monitoring/recipients')),
      ]).then(([rules, feeds, recipients]) => ({ rules, feeds, recipients })),
    [],
  );
  const feedName = (id: string | null) =>
    id ? (data?.feeds.items.find((f) => f.id === id)?.name ?? '—') : t('monitoring.rules.allFeeds');
  const staffName = (id: string) => data?.recipients.items.find((s) => s.id === id)?.name ?? '—';

  const path = (r: Rule) => ({ params: { path: { ruleId: r.id } } });
  async function change(r: Rule, call: () => Promise<unknown>, done: string) {
    if ((await action.run(r.id, call, done)) !== undefined) await reload();
  }
  const save = (body: RuleValues) =>
    editing === 'new' || !editing
      ? unwrap(api.POST('/api/v1/staff/monitoring/rules', { body }))
      : unwrap(api.PATCH('/api/v1/staff/monitoring/rules/{ruleId}', { ...path(editing), body }));

  const terms = (list: string[], color: string) => (
    <Flex wrap gap={4}>
      {list.map((x) => (
        <Tag key={x} color={color}>
          {x}
        </Tag>
      ))}
    </Flex>
  );

  const columns: DataColumn<Rule>[] = [
    {
      title: t('monitoring.rules.name'),
      key: 'name',
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{r.name}</Typography.Text>
          <Typography.Text type="secondary">{feedName(r.feedId)}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('monitoring.rules.include'),
      key: 'include',
      render: (_, r) => terms(r.include, 'gold'),
    },
    {
      title: t('monitoring.rules.exclude'),
      key: 'exclude',
      render: (_, r) => terms(r.exclude, 'default'),
    },
    {
      title: t('monitoring.rules.delivery'),
      key: 'delivery',
      width: 200,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Typography.Text>{t(`monitoring.delivery.${r.delivery}`)}</Typography.Text>
          {r.delivery !== 'none' && (
            <Typography.Text type="secondary">
              {r.recipientStaffIds.length
                ? r.recipientStaffIds.map(staffName).join('、')
                : t('monitoring.rules.toOwners')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('monitoring.rules.active'),
      key: 'active',
      width: 90,
      render: (_, r) => (
        <Switch
          checked={r.active}
          onChange={(active) =>
            void change(
              r,
              () =>
                unwrap(
                  api.PATCH('/api/v1/staff/monitoring/rules/{ruleId}', {
                    ...path(r),
                    body: { active },
                  }),
                ),
              t('monitoring.saved'),
            )
          }
        />
      ),
    },
    {
      title: t('monitoring.actions'),
      key: 'actions',
      width: 160,
      render: (_, r) => (
        <RowActions
          actions={[
            { label: t('monitoring.edit'), onClick: () => setEditing(r) },
            {
              label: t('monitoring.delete'),
              confirm: t('monitoring.rules.deleteConfirm'),
              danger: true,
              onClick: () =>
                void change(
                  r,
                  () => unwrap(api.DELETE('/api/v1/staff/monitoring/rules/{ruleId}', path(r))),
                  t('monitoring.deleted'),
                ),
            },
          ]}
        />
      ),
    },
  ];

  const initial: Partial<RuleValues> =
    editing && editing !== 'new'
      ? { ...editing }
      : {
          feedId: null,
          include: [],
          exclude: [],
          fields: ['title', 'summary'],
          delivery: 'immediate',
          recipientStaffIds: [],
        };

  return (
    <TableCard<Rule>
      title={t('monitoring.tabs.rules')}
      extra={<Button icon={<ReloadOutlined />} onClick={() => void reload()} />}
      add={{
        label: t('monitoring.rules.add'),
        onClick: () => setEditing('new'),
        testId: 'rule-add',
      }}
      header={
        <Typography.Paragraph type="secondary">{t('monitoring.rules.help')}</Typography.Paragraph>
      }
      error={error}
      loading={loading}
      columns={columns}
      dataSource={data?.rules.items ?? []}
      scroll={{ x: 900 }}
    >
      <FormModal
        open={editing !== null}
        title={editing === 'new' ? t('monitoring.rules.add') : t('monitoring.edit')}
        form={form}
        fields={['name', 'feedId', 'include', 'exclude', 'recipientStaffIds']}
        onSubmit={save}
        onDone={() => {
          setEditing(null);
          void reload();
        }}
        onClose={() => setEditing(null)}
        values={initial}
        width={600}
        okTestId="rule-save"
      >
        <Form.Item
          name="name"
          label={t('monitoring.rules.name')}
          rules={[{ required: true, max: 60 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="feedId" label={t('monitoring.rules.feed')}>
          <Select
            options={[
              { value: null, label: t('monitoring.rules.allFeeds') },
              ...(data?.feeds.items ?? []).map((f) => ({ value: f.id, label: f.name })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="include"
          label={t('monitoring.rules.include')}
          rules={[{ required: true, type: 'array', min: 1 }]}
          extra={t('monitoring.rules.termsHelp')}
        >
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item name="exclude" label={t('monitoring.rules.exclude')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item name="fields" label={t('monitoring.rules.fields')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={FIELDS.map((f) => ({ value: f, label: t(`monitoring.field.${f}`) }))}
          />
        </Form.Item>
        <Form.Item name="delivery" label={t('monitoring.rules.delivery')}>
          <Select
            options={DELIVERIES.map((d) => ({ value: d, label: t(`monitoring.delivery.${d}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="recipientStaffIds"
          label={t('monitoring.rules.recipients')}
          extra={t('monitoring.rules.recipientsHelp')}
        >
          <Select
            mode="multiple"
            options={(data?.recipients.items ?? []).map((s) => ({
              value: s.id,
              label: `${s.name}（${t(`monitoring.role.${s.role}`)}）`,
            }))}
          />
        </Form.Item>
      </FormModal>
    </TableCard>
  );
}
