// One check point of a template in the editor: its group, name, service category and measurement;
// for a measured point the range, the amber and red thresholds with their direction and the wear
// rate; and why it matters. Checked as the server checks it (template-rules.ts).
import { Button, Card, Flex, Form, Input, InputNumber, Select, Tooltip } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import { UNITS } from './inspections.ts';
import {
  MEASUREMENTS,
  pointProblems,
  type Measurement,
  type PointField,
  type TemplatePoint,
} from './template-rules.ts';

export interface PointMoves {
  up?: () => void;
  down?: () => void;
  remove?: () => void;
}

const NUMBERS = ['min', 'max', 'amberAt', 'redAt', 'higherIsWorse'] as const;

function useProblemRule(form: FormInstance, name: number): (field: PointField) => Rule {
  const { t } = useTranslation();
  return (field) => ({
    validator: async () => {
      const point = form.getFieldValue(['points', name]) as Partial<TemplatePoint> | undefined;
      const problem = pointProblems(point ?? {})[field];
      if (!problem) return;
      const key =
        problem === 'order' ? (point?.higherIsWorse ? 'orderHigher' : 'orderLower') : problem;
      throw new Error(t(`inspections.templates.problems.${key}`));
    },
  });
}

export function TemplatePointCard({
  form,
  name,
  index,
  editable,
  moves,
}: {
  form: FormInstance;
  /** The Form.List row's name. */
  name: number;
  index: number;
  editable: boolean;
  moves: PointMoves;
}) {
  const { t } = useTranslation();
  const measurement = Form.useWatch(['points', name, 'measurement'], form) as
    Measurement | undefined;
  const key = Form.useWatch(['points', name, 'key'], form) as string | undefined;
  const label = Form.useWatch(['points', name, 'label'], form) as string | undefined;
  const problem = useProblemRule(form, name);
  const unit = measurement ? UNITS[measurement] : '';
  const deps = NUMBERS.map((n) => ['points', name, n]);
  const number = (field: 'min' | 'max' | 'amberAt' | 'redAt', rules: Rule[] = []) => (
    <Form.Item
      name={[name, field]}
      label={t(`inspections.templates.${field}`)}
      rules={rules}
      dependencies={rules.length ? deps : undefined}
      style={{ width: 130 }}
    >
      <InputNumber
        suffix={unit || undefined}
        style={{ width: '100%' }}
        data-testid={`point-${field}`}
      />
    </Form.Item>
  );
  return (
    <Card
      size="small"
      data-testid={`template-point-${key ?? index}`}
      title={`${index + 1}. ${label?.trim() || t('inspections.templates.newPoint')}`}
      extra={
        editable && (
          <Flex gap={4}>
            <Tooltip title={t('inspections.templates.up')}>
              <Button
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={!moves.up}
                onClick={moves.up}
                aria-label={t('inspections.templates.up')}
                data-testid="point-up"
              />
            </Tooltip>
            <Tooltip title={t('inspections.templates.down')}>
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={!moves.down}
                onClick={moves.down}
                aria-label={t('inspections.templates.down')}
                data-testid="point-down"
              />
            </Tooltip>
            <Tooltip title={t('inspections.templates.remove')}>
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                disabled={!moves.remove}
                onClick={moves.remove}
                aria-label={t('inspections.templates.remove')}
                data-testid="point-remove"
              />
            </Tooltip>
          </Flex>
        )
      }
      styles={{ body: { paddingBottom: 0 } }}
    >
      <Form.Item name={[name, 'key']} hidden>
        <Input />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name={[name, 'section']}
          label={t('inspections.templates.section')}
          rules={[{ required: true, whitespace: true }, { max: 20 }]}
          style={{ width: 130 }}
        >
          <Input
            maxLength={20}
            placeholder={t('inspections.templates.sectionPlaceholder')}
            data-testid="point-section"
          />
        </Form.Item>
        <Form.Item
          name={[name, 'label']}
          label={t('inspections.templates.label')}
          rules={[{ required: true, whitespace: true }, { max: 40 }]}
          style={{ width: 220 }}
        >
          <Input
            maxLength={40}
            placeholder={t('inspections.templates.labelPlaceholder')}
            data-testid="point-label"
          />
        </Form.Item>
        <Form.Item
          name={[name, 'category']}
          label={t('inspections.templates.category')}
          rules={[{ required: true }]}
          style={{ width: 130 }}
        >
          <Select
            options={SERVICE_CATEGORIES.map((c) => ({
              value: c,
              label: t(`serviceOrders.category.${c}`),
            }))}
            data-testid="point-category"
          />
        </Form.Item>
        <Form.Item
          name={[name, 'measurement']}
          label={t('inspections.templates.measurement')}
          rules={[{ required: true }]}
          style={{ width: 170 }}
        >
          <Select
            options={MEASUREMENTS.map((m) => ({
              value: m,
              label: t(`inspections.templates.measurements.${m}`),
            }))}
            data-testid="point-measurement"
          />
        </Form.Item>
        <Form.Item
          name={[name, 'why']}
          label={t('inspections.templates.why')}
          rules={[{ max: 200 }]}
          style={{ flex: '1 1 240px', minWidth: 240 }}
        >
          <Input
            maxLength={200}
            placeholder={t('inspections.templates.whyPlaceholder')}
            data-testid="point-why"
          />
        </Form.Item>
      </Flex>
      {measurement && measurement !== 'none' && (
        <Flex gap={12} wrap>
          {number('min')}
          {number('max', [problem('max')])}
          {number('amberAt', [problem('amberAt')])}
          {number('redAt', [problem('redAt')])}
          <Form.Item
            name={[name, 'higherIsWorse']}
            label={t('inspections.templates.direction')}
            style={{ width: 250 }}
          >
            <Select
              options={[
                { value: false, label: t('inspections.templates.lowerIsWorse') },
                { value: true, label: t('inspections.templates.higherIsWorse') },
              ]}
              data-testid="point-direction"
            />
          </Form.Item>
          <Form.Item
            name={[name, 'wearPerThousandKm']}
            label={t('inspections.templates.wear')}
            style={{ width: 140 }}
          >
            <InputNumber min={0} suffix={unit || undefined} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      )}
    </Card>
  );
}
