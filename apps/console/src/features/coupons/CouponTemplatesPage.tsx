// 券模板: the list of coupon templates, creating and editing one, and issuing it to one
// customer or to many at once (pasted phones or customer ids).
import { useEffect, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, GiftOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, api, unwrap, useStaff } from '../../api.ts';
import { useLoad } from '../../kit/useLoad.ts';
import { errorText, showFieldError } from '../../kit/errors.ts';
import { EMPTY, formatDay } from '../../kit/format.ts';
import { fenToYuan, SERVICE_CATEGORIES, yuanToFen } from '../service/index.ts';
import {
  COUPON_KINDS,
  canIssueCoupons,
  canManageCoupons,
  type CouponKind,
  type CouponTemplate,
  type CouponTemplateInput,
} from './CouponCommon.tsx';
import { IssueModal } from './IssueCouponModal.tsx';
import CouponPartnerFields, {
  partnerToBody,
  partnerToForm,
  type PartnerFormValues,
} from './CouponPartnerFields.tsx';

interface FormValues extends PartnerFormValues {
  name: string;
  description?: string;
  kind: CouponKind;
  amountOff?: string;
  percentOff?: number;
  maxDiscount?: string;
  freeItemName?: string;
  freeItemCategory?: string;
  packageName?: string;
  packageUses?: number;
  packageValidDays?: number;
  validity: 'days' | 'dates';
  validDays?: number;
  dates?: [Dayjs | null, Dayjs | null];
  minSpend?: string;
  storeIds?: string[];
  categories?: string[];
  perCustomerLimit?: number;
  budget?: number;
  issueOnTier?: string;
  refundRule?: 'void' | 'restore';
  status?: 'active' | 'archived';
}

const FIELD_OF: Record<string, string> = {
  amountOffFen: 'amountOff',
  maxDiscountFen: 'maxDiscount',
  minSpendFen: 'minSpend',
  validFrom: 'dates',
  validUntil: 'dates',
};

function toForm(t: CouponTemplate | null): FormValues {
  if (!t)
    return { name: '', kind: 'amount_off', validity: 'days', validDays: 30, refundRule: 'void' };
  return {
    name: t.name,
    description: t.description ?? undefined,
    kind: t.kind,
    amountOff: t.amountOffFen ? fenToYuan(t.amountOffFen) : undefined,
    percentOff: t.percentOff ?? undefined,
    maxDiscount: t.maxDiscountFen ? fenToYuan(t.maxDiscountFen) : undefined,
    freeItemName: t.freeItemName ?? undefined,
    freeItemCategory: t.freeItemCategory ?? undefined,
    packageName: t.packageName ?? undefined,
    packageUses: t.packageUses ?? undefined,
    packageValidDays: t.packageValidDays ?? undefined,
    validity: t.validDays ? 'days' : 'dates',
    validDays: t.validDays ?? undefined,
    dates: [t.validFrom ? dayjs(t.validFrom) : null, t.validUntil ? dayjs(t.validUntil) : null],
    minSpend: t.minSpendFen ? fenToYuan(t.minSpendFen) : undefined,
    storeIds: t.storeIds,
    categories: t.categories,
    perCustomerLimit: t.perCustomerLimit ?? undefined,
    budget: t.budget ?? undefined,
    issueOnTier: t.issueOnTier ?? undefined,
    refundRule: t.refundRule,
    status: t.status,
    ...partnerToForm(t),
  };
}

function toBody(v: FormValues): CouponTemplateInput & { status?: 'active' | 'archived' } {
  const fen = (s?: string) => (s ? yuanToFen(s) : null);
  return {
    name: v.name,
    description: v.description || null,
    kind: v.kind,
    amountOffFen: v.kind === 'amount_off' ? fen(v.amountOff) : null,
    percentOff: v.kind === 'percent_off' ? (v.percentOff ?? null) : null,
    maxDiscountFen: v.kind === 'percent_off' || v.kind === 'free_item' ? fen(v.maxDiscount) : null,
    freeItemName: v.kind === 'free_item' ? v.freeItemName || null : null,
    freeItemCategory:
      v.kind === 'free_item'
        ? ((v.freeItemCategory as CouponTemplateInput['freeItemCategory']) ?? null)
        : null,
    packageName: v.kind === 'package' ? v.packageName || null : null,
    packageUses: v.kind === 'package' ? (v.packageUses ?? null) : null,
    packageValidDays: v.kind === 'package' ? (v.packageValidDays ?? null) : null,
    validDays: v.validity === 'days' ? (v.validDays ?? null) : null,
    validFrom:
      v.validity === 'dates' && v.dates?.[0] ? v.dates[0].startOf('day').toISOString() : null,
    validUntil:
      v.validity === 'dates' && v.dates?.[1]
        ? v.dates[1].add(1, 'day').startOf('day').toISOString()
        : null,
    minSpendFen: fen(v.minSpend) ?? 0,
    storeIds: v.storeIds ?? [],
    categories: (v.categories ?? []) as CouponTemplateInput['categories'],
    perCustomerLimit: v.perCustomerLimit ?? null,
    budget: v.budget ?? null,
    issueOnTier: v.issueOnTier || null,
    refundRule: v.refundRule ?? 'void',
    ...partnerToBody(v),
    ...(v.status ? { status: v.status } : {}),
  };
}

function TemplateModal({
  template,
  open,
  onClose,
  onSaved,
}: {
  template: CouponTemplate | null;
  open: boolean;
  onClose(): void;
  onSaved(t: CouponTemplate): void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const validity = Form.useWatch('validity', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setError(null);
      form.resetFields();
      form.setFieldsValue(toForm(template));
    }
  }, [open, template, form]);

  async function save() {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const body = toBody(values);
      const saved = template
        ? await unwrap(
            api.PATCH('/api/v1/staff/coupon-templates/{templateId}', {
              params: { path: { templateId: template.id } },
              body,
            }),
          )
        : await unwrap(api.POST('/api/v1/staff/coupon-templates', { body }));
      onSaved(saved);
    } catch (err) {
      const field = err instanceof ApiError ? (err.field ?? '') : '';
      const mapped = FIELD_OF[field.replace(/^body\./, '')] as keyof FormValues | undefined;
      if (mapped && err instanceof ApiError)
        form.setFields([{ name: mapped, errors: [err.message] }]);
      else if (
        !showFieldError(form, err, [
          'name',
          'percentOff',
          'freeItemName',
          'freeItemCategory',
          'packageName',
          'packageUses',
          'validDays',
          'budget',
          'perCustomerLimit',
          'storeIds',
        ])
      )
        setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  const yuanRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (value && (yuanToFen(value) === null || yuanToFen(value)! <= 0))
        throw new Error(t('coupons.form.yuanFormat'));
    },
  };

  return (
    <Modal
      open={open}
      width={720}
      title={template ? t('coupons.form.editTitle') : t('coupons.form.createTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ loading: saving, 'data-testid': 'template-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Flex gap={12}>
          <Form.Item
            name="name"
            label={t('coupons.form.name')}
            rules={[{ required: true, message: t('coupons.form.required') }]}
            style={{ flex: 2 }}
          >
            <Input maxLength={60} data-testid="template-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('coupons.form.kind')} style={{ flex: 1 }}>
            <Select
              data-testid="template-kind"
              disabled={!!template && template.issuedCount > 0}
              options={COUPON_KINDS.map((k) => ({ value: k, label: t(`coupons.kind.${k}`) }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('coupons.form.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Flex gap={12} wrap>
          {kind === 'amount_off' && (
            <Form.Item
              name="amountOff"
              label={t('coupons.form.amountOff')}
              rules={[{ required: true, message: t('coupons.form.required') }, yuanRule]}
            >
              <Input prefix="¥" inputMode="decimal" data-testid="template-amount" />
            </Form.Item>
          )}
          {kind === 'percent_off' && (
            <Form.Item
              name="percentOff"
              label={t('coupons.form.percentOff')}
              rules={[{ required: true, message: t('coupons.form.required') }]}
            >
              <InputNumber min={1} max={100} precision={0} suffix="%" />
            </Form.Item>
          )}
          {kind === 'free_item' && (
            <>
              <Form.Item
                name="freeItemName"
                label={t('coupons.form.freeItemName')}
                rules={[{ required: true, message: t('coupons.form.required') }]}
              >
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item
                name="freeItemCategory"
                label={t('coupons.form.freeItemCategory')}
                rules={[{ required: true, message: t('coupons.form.required') }]}
              >
                <Select
                  style={{ width: 160 }}
                  options={SERVICE_CATEGORIES.map((c) => ({
                    value: c,
                    label: t(`serviceOrders.category.${c}`),
                  }))}
                />
              </Form.Item>
            </>
          )}
          {(kind === 'percent_off' || kind === 'free_item') && (
            <Form.Item name="maxDiscount" label={t('coupons.form.maxDiscount')} rules={[yuanRule]}>
              <Input prefix="¥" inputMode="decimal" />
            </Form.Item>
          )}
          {kind === 'package' && (
            <>
              <Form.Item
                name="packageName"
                label={t('coupons.form.packageName')}
                rules={[{ required: true, message: t('coupons.form.required') }]}
              >
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item
                name="packageUses"
                label={t('coupons.form.packageUses')}
                rules={[{ required: true, message: t('coupons.form.required') }]}
              >
                <InputNumber min={1} max={1000} precision={0} />
              </Form.Item>
              <Form.Item name="packageValidDays" label={t('coupons.form.packageValidDays')}>
                <InputNumber min={1} max={3650} precision={0} />
              </Form.Item>
            </>
          )}
          {kind !== 'package' && (
            <Form.Item name="minSpend" label={t('coupons.form.minSpend')} rules={[yuanRule]}>
              <Input prefix="¥" inputMode="decimal" data-testid="template-min-spend" />
            </Form.Item>
          )}
        </Flex>
        <Form.Item name="validity" label={t('coupons.form.validity')}>
          <Radio.Group
            options={[
              { value: 'days', label: t('coupons.form.validityDays') },
              { value: 'dates', label: t('coupons.form.validityDates') },
            ]}
          />
        </Form.Item>
        {validity === 'days' ? (
          <Form.Item name="validDays" label={t('coupons.form.validDays')}>
            <InputNumber min={1} max={3650} precision={0} suffix={t('coupons.form.daysSuffix')} />
          </Form.Item>
        ) : (
          <Form.Item name="dates" label={t('coupons.form.dates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
        )}
        <Flex gap={12} wrap>
          <Form.Item name="storeIds" label={t('coupons.form.stores')} style={{ minWidth: 220 }}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('coupons.form.allStores')}
              options={staff.stores.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item
            name="categories"
            label={t('coupons.form.categories')}
            style={{ minWidth: 260 }}
          >
            <Select
              mode="multiple"
              allowClear
              placeholder={t('coupons.form.allCategories')}
              options={SERVICE_CATEGORIES.map((c) => ({
                value: c,
                label: t(`serviceOrders.category.${c}`),
              }))}
            />
          </Form.Item>
        </Flex>
        <CouponPartnerFields locked={!!template && template.issuedCount > 0} />
        <Flex gap={12} wrap>
          <Form.Item name="perCustomerLimit" label={t('coupons.form.perCustomerLimit')}>
            <InputNumber
              min={1}
              max={1000}
              precision={0}
              placeholder={t('coupons.form.unlimited')}
            />
          </Form.Item>
          <Form.Item name="budget" label={t('coupons.form.budget')}>
            <InputNumber
              min={1}
              max={10_000_000}
              precision={0}
              placeholder={t('coupons.form.unlimited')}
            />
          </Form.Item>
          <Form.Item name="issueOnTier" label={t('coupons.form.issueOnTier')}>
            <Input maxLength={40} placeholder="gold" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="refundRule" label={t('coupons.form.refundRule')}>
            <Select
              style={{ width: 160 }}
              options={[
                { value: 'void', label: t('coupons.refundRule.void') },
                { value: 'restore', label: t('coupons.refundRule.restore') },
              ]}
            />
          </Form.Item>
          {template && (
            <Form.Item name="status" label={t('coupons.form.status')}>
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 'active', label: t('coupons.templateStatus.active') },
                  { value: 'archived', label: t('coupons.templateStatus.archived') },
                ]}
              />
            </Form.Item>
          )}
        </Flex>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

export function formatValidity(
  t: TFunction,
  tp: Pick<CouponTemplate, 'validDays' | 'validFrom' | 'validUntil'>,
): string {
  if (tp.validDays) return t('coupons.validDays', { count: tp.validDays });
  if (!tp.validFrom && !tp.validUntil) return t('coupons.noExpiry');
  return `${tp.validFrom ? formatDay(tp.validFrom) : EMPTY} ~ ${
    tp.validUntil ? formatDay(new Date(new Date(tp.validUntil).getTime() - 1).toISOString()) : EMPTY
  }`;
}

export default function CouponTemplatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const [editing, setEditing] = useState<CouponTemplate | null | 'new'>(null);
  const [issuing, setIssuing] = useState<CouponTemplate | null>(null);

  const {
    data,
    loading,
    error,
    reload: load,
  } = useLoad(
    () => unwrap(api.GET('/api/v1/staff/coupon-templates', { params: { query: { limit: 200 } } })),
    [],
  );
  const items: CouponTemplate[] = data?.items ?? [];

  const manage = canManageCoupons(staff);
  const columns: TableColumnsType<CouponTemplate> = [
    {
      title: t('coupons.form.name'),
      dataIndex: 'name',
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.name}</Typography.Text>
          {r.description && <Typography.Text type="secondary">{r.description}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: t('coupons.form.kind'),
      dataIndex: 'kind',
      render: (_, r) => <Tag color="gold">{t(`coupons.kind.${r.kind}`)}</Tag>,
    },
    { title: t('coupons.terms'), dataIndex: 'terms' },
    {
      title: t('coupons.form.validity'),
      render: (_, r) => formatValidity(t, r),
    },
    {
      title: t('coupons.scope'),
      render: (_, r) =>
        [
          r.storeIds.length
            ? r.storeIds
                .map((id) => staff.stores.find((s) => s.id === id)?.name ?? id.slice(0, 8))
                .join('、')
            : t('coupons.form.allStores'),
          r.categories.length
            ? r.categories.map((c) => t(`serviceOrders.category.${c}`)).join('、')
            : null,
        ]
          .filter(Boolean)
          .join(' · '),
    },
    {
      title: t('coupons.issuedOfBudget'),
      render: (_, r) => (
        <span data-testid="template-issued">
          {r.issuedCount}
          {r.budget != null ? ` / ${r.budget}` : ''}
          <Typography.Text type="secondary">
            {' '}
            · {t('coupons.redeemedCount', { count: r.redeemedCount })}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('coupons.form.status'),
      render: (_, r) => (
        <Tag color={r.status === 'active' ? 'green' : 'default'}>
          {t(`coupons.templateStatus.${r.status}`)}
        </Tag>
      ),
    },
    {
      title: '',
      align: 'right',
      render: (_, r) => (
        <Flex gap={8} justify="flex-end">
          {canIssueCoupons(staff) && r.status === 'active' && (
            <Button
              size="small"
              icon={<GiftOutlined />}
              onClick={() => setIssuing(r)}
              data-testid="template-issue"
            >
              {t('coupons.issue.action')}
            </Button>
          )}
          {manage && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
              {t('coupons.form.edit')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Card
      title={t('coupons.title')}
      extra={
        manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="template-create"
          >
            {t('coupons.form.createTitle')}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<CouponTemplate>
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        onRow={(r) => ({ 'data-testid': 'template-row', 'data-name': r.name }) as object}
      />
      <TemplateModal
        template={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('coupons.form.saved'));
          void load();
        }}
      />
      <IssueModal
        template={issuing}
        open={issuing !== null}
        onClose={() => setIssuing(null)}
        onIssued={() => void load()}
      />
    </Card>
  );
}
