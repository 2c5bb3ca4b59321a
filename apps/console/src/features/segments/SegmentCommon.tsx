// Shared pieces of the segment pages: API types, the filter tree editor (AND / OR / NOT groups
// and rules over the server's field catalogue) and value inputs per field type.
import {
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tooltip,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { MoneyInput, useLoad } from '../../kit/index.ts';
import { emptyRule, NO_VALUE } from './filter.ts';

export { conditionLabel, emptyRule, isComplete } from './filter.ts';
import { api, unwrap, useStaff } from '../../api.ts';

export type {
  SegmentFields,
  SegmentField,
  SegmentPreview,
  SegmentDetail,
  SegmentNode,
  SegmentRule,
} from './filter.ts';
import type { SegmentField, SegmentNode, SegmentRule } from './filter.ts';
type Value = SegmentRule['value'];

export const canUseMarketing = (role: string) => role === 'owner' || role === 'manager';

const LIST_OPS = new Set(['in', 'not_in', 'has_any', 'has_all', 'has_none']);

function defaultValue(f: SegmentField, op: string): Value {
  if (NO_VALUE.has(op)) return undefined;
  if (f.type === 'boolean') return true;
  if (f.type === 'month') return [];
  // [tag, score]: the tag is the user's to choose; 0.5 is a middling interest.
  if (f.type === 'interest') return ['', 0.5];
  if (LIST_OPS.has(op)) return [];
  if (op === 'between') return f.type === 'date' ? ['', ''] : [0, 0];
  if (op === 'within_last_days' || op === 'more_than_days_ago') return 30;
  if (f.type === 'number' || f.type === 'money') return 0;
  // A choice among options is the user's to make, never a silent first option.
  return '';
}

/** The tenant's clubs to choose from (archived ones marked): ids go to the filter. */
function ClubSelect({
  testId,
  value,
  onChange,
}: {
  testId: string;
  value: Value;
  onChange: (v: Value) => void;
}) {
  const { t } = useTranslation();
  const clubs = useLoad(() => unwrap(api.GET('/api/v1/staff/clubs')), []);
  const options = (clubs.data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.archived ? `${c.name}（${t('segments.archivedClub')}）` : c.name,
  }));
  return (
    <Select
      data-testid={testId}
      style={{ minWidth: 200 }}
      mode="multiple"
      loading={clubs.loading}
      status={clubs.error ? 'error' : undefined}
      placeholder={clubs.error ?? t('segments.chooseValue')}
      value={value as never}
      onChange={(x) => onChange(x as Value)}
      options={options}
      optionFilterProp="label"
    />
  );
}

/** The tenant's content tags: slugs go to the filter, names are shown. */
function useInterestTags() {
  return useLoad(() => unwrap(api.GET('/api/v1/staff/interests/tags')), []);
}

/** "Interest in 轮胎 ≥ 0.6": a tag and a score 0–1 (value `[slug, score]`), or tags followed. */
function InterestValue({
  testId,
  pair,
  value,
  onChange,
}: {
  testId: string;
  pair: boolean;
  value: Value;
  onChange: (v: Value) => void;
}) {
  const { t } = useTranslation();
  const tags = useInterestTags();
  const options = (tags.data?.items ?? []).map((x) => ({ value: x.slug, label: x.name }));
  const select = (v: unknown, set: (x: unknown) => void, multiple: boolean) => (
    <Select
      data-testid={pair ? `${testId}-tag` : testId}
      style={{ minWidth: 160 }}
      mode={multiple ? 'multiple' : undefined}
      loading={tags.loading}
      status={tags.error ? 'error' : undefined}
      placeholder={tags.error ?? t('segments.chooseTag')}
      value={(v === '' ? undefined : v) as never}
      onChange={(x) => set(x)}
      options={options}
      optionFilterProp="label"
    />
  );
  if (!pair) return select(value, (x) => onChange(x as Value), true);
  const [slug, score] = (Array.isArray(value) ? value : ['', 0.5]) as [string, number];
  return (
    <Space>
      {select(slug, (x) => onChange([x, score] as Value), false)}
      <InputNumber
        data-testid={`${testId}-score`}
        min={0}
        max={1}
        step={0.1}
        value={score}
        onChange={(x) => onChange([slug, x ?? 0] as Value)}
      />
    </Space>
  );
}

function ValueInput({
  field,
  rule,
  onChange,
  path,
}: {
  field: SegmentField;
  rule: SegmentRule;
  onChange: (v: Value) => void;
  path: string;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const op = rule.op;
  const v = rule.value;
  const testId = `rule-value-${path}`;
  if (NO_VALUE.has(op)) return null;
  const label = (o: string) => t(`segments.values.${o}`, { defaultValue: o });
  if (field.type === 'boolean')
    return (
      <Select
        data-testid={testId}
        style={{ width: 100 }}
        value={v === true ? 'true' : 'false'}
        onChange={(x) => onChange(x === 'true')}
        options={[
          { value: 'true', label: t('segments.yes') },
          { value: 'false', label: t('segments.no') },
        ]}
      />
    );
  if (field.type === 'enum' || field.type === 'categories') {
    const options = (field.options ?? []).map((o) => ({ value: o, label: label(o) }));
    const multiple = LIST_OPS.has(op) || field.type === 'categories';
    return (
      <Select
        data-testid={testId}
        style={{ minWidth: 180 }}
        mode={multiple ? 'multiple' : undefined}
        placeholder={t('segments.chooseValue')}
        value={v === '' ? undefined : (v as never)}
        onChange={(x) => onChange(x as Value)}
        options={options}
      />
    );
  }
  if (field.type === 'store') {
    const options = staff.stores.map((s) => ({ value: s.id, label: s.name }));
    return (
      <Select
        data-testid={testId}
        style={{ minWidth: 180 }}
        mode={LIST_OPS.has(op) ? 'multiple' : undefined}
        value={v as never}
        onChange={(x) => onChange(x as Value)}
        options={options}
      />
    );
  }
  if (field.type === 'club') return <ClubSelect testId={testId} value={v} onChange={onChange} />;
  if (field.type === 'interest' || field.type === 'interestTag')
    return (
      <InterestValue
        testId={testId}
        pair={field.type === 'interest'}
        value={v}
        onChange={onChange}
      />
    );
  if (field.type === 'month')
    return (
      <Select
        data-testid={testId}
        style={{ minWidth: 180 }}
        mode="multiple"
        value={v as never}
        onChange={(x) => onChange(x as Value)}
        options={Array.from({ length: 12 }, (_, i) => ({
          value: i + 1,
          label: t('segments.month', { n: i + 1 }),
        }))}
      />
    );
  if (field.type === 'tags' || (field.type === 'text' && LIST_OPS.has(op)))
    return (
      <Select
        data-testid={testId}
        style={{ minWidth: 200 }}
        mode="tags"
        value={v as never}
        onChange={(x) => onChange(x as Value)}
        placeholder={t('segments.typeAndEnter')}
      />
    );
  if (field.type === 'date' && (op === 'before' || op === 'after'))
    return (
      <DatePicker
        data-testid={testId}
        style={{ width: 160 }}
        value={v ? dayjs(String(v)) : null}
        onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : '')}
      />
    );
  if (op === 'between') {
    const pair = (Array.isArray(v) ? v : ['', '']) as (string | number)[];
    const set = (i: number, x: string | number | null) => {
      const next = [...pair];
      next[i] = x ?? 0;
      onChange(next as Value);
    };
    if (field.type === 'date')
      return (
        <DatePicker.RangePicker
          data-testid={testId}
          value={[pair[0] ? dayjs(String(pair[0])) : null, pair[1] ? dayjs(String(pair[1])) : null]}
          onChange={(range) =>
            onChange([
              range?.[0]?.format('YYYY-MM-DD') ?? '',
              range?.[1]?.format('YYYY-MM-DD') ?? '',
            ] as Value)
          }
        />
      );
    // Money: the API speaks fen, staff type yuan.
    if (field.type === 'money')
      return (
        <Space>
          <MoneyInput minFen={0} value={Number(pair[0] ?? 0)} onChange={(x) => set(0, x)} />
          <MoneyInput minFen={0} value={Number(pair[1] ?? 0)} onChange={(x) => set(1, x)} />
        </Space>
      );
    return (
      <Space>
        <InputNumber min={0} value={Number(pair[0] ?? 0)} onChange={(x) => set(0, x)} />
        <InputNumber min={0} value={Number(pair[1] ?? 0)} onChange={(x) => set(1, x)} />
      </Space>
    );
  }
  if (field.type === 'money')
    return (
      <MoneyInput
        data-testid={testId}
        minFen={0}
        value={typeof v === 'number' ? v : 0}
        onChange={(x) => onChange(x ?? 0)}
      />
    );
  if (field.type === 'number' || field.type === 'date')
    return (
      <InputNumber
        data-testid={testId}
        min={0}
        value={typeof v === 'number' ? v : 0}
        onChange={(x) => onChange(x ?? 0)}
        addonAfter={field.type === 'date' ? t('segments.days') : undefined}
      />
    );
  return (
    <Input
      data-testid={testId}
      style={{ width: 180 }}
      value={String(v ?? '')}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function RuleEditor({
  rule,
  fields,
  onChange,
  path,
}: {
  rule: SegmentRule;
  fields: SegmentField[];
  onChange: (r: SegmentRule) => void;
  path: string;
}) {
  const { t } = useTranslation();
  const field = fields.find((f) => f.name === rule.field);
  const groups = [...new Set(fields.map((f) => f.group))];
  return (
    <Flex gap={8} wrap align="center">
      <Select
        data-testid={`rule-field-${path}`}
        style={{ width: 200 }}
        placeholder={t('segments.chooseField')}
        status={field ? undefined : 'warning'}
        value={field ? rule.field : undefined}
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(name) => {
          const f = fields.find((x) => x.name === name)!;
          const op = f.operators[0]!;
          onChange({
            kind: 'rule',
            field: name,
            op,
            value: defaultValue(f, op),
            ...(f.period === 'required' ? { withinDays: 90 } : {}),
          });
        }}
        options={groups.map((g) => ({
          label: t(`segments.groups.${g}`, { defaultValue: g }),
          options: fields
            .filter((f) => f.group === g)
            .map((f) => ({ value: f.name, label: f.label })),
        }))}
      />
      {field && (
        <Select
          data-testid={`rule-op-${path}`}
          style={{ width: 150 }}
          value={rule.op}
          onChange={(op) =>
            onChange({
              kind: 'rule',
              field: rule.field,
              op,
              value: defaultValue(field, op),
              ...(rule.withinDays ? { withinDays: rule.withinDays } : {}),
            })
          }
          options={field.operators.map((o) => ({ value: o, label: t(`segments.ops.${o}`) }))}
        />
      )}
      {field && (
        <ValueInput
          field={field}
          rule={rule}
          path={path}
          onChange={(value) => {
            const next: SegmentRule = { ...rule };
            if (value === undefined) delete next.value;
            else next.value = value;
            onChange(next);
          }}
        />
      )}
      {field?.period && (
        <Space size={4}>
          <Typography.Text type="secondary">{t('segments.within')}</Typography.Text>
          <InputNumber
            min={1}
            max={3650}
            value={rule.withinDays ?? null}
            placeholder={field.period === 'optional' ? t('segments.allTime') : undefined}
            onChange={(x) => {
              const next: SegmentRule = { ...rule };
              if (x) next.withinDays = x;
              else delete next.withinDays;
              onChange(next);
            }}
            addonAfter={t('segments.days')}
          />
        </Space>
      )}
    </Flex>
  );
}

/** A node of the tree: a group (AND / OR over children, each of which may be negated) or a rule. */
export function FilterEditor({
  node,
  fields,
  onChange,
  path = 'filter',
}: {
  node: SegmentNode;
  fields: SegmentField[];
  onChange: (n: SegmentNode) => void;
  path?: string;
}) {
  const { t } = useTranslation();
  if (node.kind === 'rule')
    return <RuleEditor rule={node} fields={fields} onChange={onChange} path={path} />;
  if (node.kind === 'not')
    return (
      <FilterEditor
        node={node.child}
        fields={fields}
        path={`${path}.child`}
        onChange={(child) => onChange({ kind: 'not', child })}
      />
    );
  const children = node.children;
  const setChild = (i: number, child: SegmentNode) =>
    onChange({ ...node, children: children.map((c, j) => (j === i ? child : c)) });
  return (
    <Card
      size="small"
      style={{ background: 'rgba(0,0,0,0.015)' }}
      title={
        <Select
          data-testid={`group-kind-${path}`}
          size="small"
          style={{ width: 200 }}
          value={node.kind}
          onChange={(kind) => onChange({ ...node, kind })}
          options={[
            { value: 'and', label: t('segments.and') },
            { value: 'or', label: t('segments.or') },
          ]}
        />
      }
    >
      <Flex vertical gap={8}>
        {children.map((c, i) => {
          const negated = c.kind === 'not';
          const inner = c.kind === 'not' ? c.child : c;
          const childPath = `${path}.children.${i}`;
          return (
            <Flex key={i} gap={8} align="flex-start">
              <Tooltip title={t('segments.notHint')}>
                <Switch
                  size="small"
                  style={{ marginTop: 6 }}
                  checkedChildren={t('segments.not')}
                  unCheckedChildren={t('segments.not')}
                  checked={negated}
                  onChange={(on) => setChild(i, on ? { kind: 'not', child: inner } : inner)}
                />
              </Tooltip>
              <div style={{ flex: 1 }}>
                <FilterEditor
                  node={inner}
                  fields={fields}
                  path={negated ? `${childPath}.child` : childPath}
                  onChange={(n) => setChild(i, negated ? { kind: 'not', child: n } : n)}
                />
              </div>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('segments.remove')}
                disabled={children.length === 1}
                onClick={() => onChange({ ...node, children: children.filter((_, j) => j !== i) })}
              />
            </Flex>
          );
        })}
        <Space>
          <Button
            size="small"
            icon={<PlusOutlined />}
            data-testid={`add-rule-${path}`}
            onClick={() => onChange({ ...node, children: [...children, emptyRule()] })}
          >
            {t('segments.addRule')}
          </Button>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              onChange({
                ...node,
                children: [
                  ...children,
                  { kind: node.kind === 'and' ? 'or' : 'and', children: [emptyRule()] },
                ],
              })
            }
          >
            {t('segments.addGroup')}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}
