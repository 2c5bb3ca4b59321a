// Creating or editing a coupon template (券模板): its kind and value, validity, where and on
// what it applies, the partner part, limits and budget.
import dayjs, { type Dayjs } from 'dayjs';
import { DatePicker, Flex, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FormModal, MoneyInput } from '../../kit/index.ts';
import { formatDay, instantOfZoned } from '../../kit/format.ts';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import {
  COUPON_KINDS,
  type CouponKind,
  type CouponTemplate,
  type CouponTemplateInput,
} from './CouponCommon.tsx';
import CouponPartnerFields, {
  partnerToBody,
  partnerToForm,
  type PartnerFormValues,
} from './CouponPartnerFields.tsx';

interface FormValues extends PartnerFormValues {
  name: string;
  description?: string;
  kind: CouponKind;
  amountOffFen?: number | null;
  percentOff?: number;
  maxDiscountFen?: number | null;
  freeItemName?: string;
  freeItemCategory?: string;
  packageName?: string;
  packageUses?: number;
  packageValidDays?: number;
  validity: 'days' | 'dates';
  validDays?: number;
  dates?: [Dayjs | null, Dayjs | null];
  minSpendFen?: number | null;
  storeIds?: string[];
  categories?: string[];
  perCustomerLimit?: number;
  budget?: number;
  issueOnTier?: string;
  refundRule?: 'void' | 'restore';
  status?: 'active' | 'archived';
}

/** The API's field → the form's, for a server error shown under its field. */
const FIELDS: Record<string, string> = {
  ...Object.fromEntries(
    [
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
      'amountOffFen',
      'maxDiscountFen',
      'minSpendFen',
    ].map((f) => [f, f]),
  ),
  validFrom: 'dates',
  validUntil: 'dates',
};

function toForm(t: CouponTemplate | null, timeZone: string): FormValues {
  if (!t)
    return { name: '', kind: 'amount_off', validity: 'days', validDays: 30, refundRule: 'void' };
  return {
    name: t.name,
    description: t.description ?? undefined,
    kind: t.kind,
    amountOffFen: t.amountOffFen || undefined,
    percentOff: t.percentOff ?? undefined,
    maxDiscountFen: t.maxDiscountFen || undefined,
    freeItemName: t.freeItemName ?? undefined,
    freeItemCategory: t.freeItemCategory ?? undefined,
    packageName: t.packageName ?? undefined,
    packageUses: t.packageUses ?? undefined,
    packageValidDays: t.packageValidDays ?? undefined,
    validity: t.validDays ? 'days' : 'dates',
    validDays: t.validDays ?? undefined,
    // Days on the business's calendar; the end is exclusive (midnight after the last day).
    dates: [
      t.validFrom ? dayjs(formatDay(t.validFrom, timeZone)) : null,
      t.validUntil
        ? dayjs(formatDay(new Date(Date.parse(t.validUntil) - 1).toISOString(), timeZone))
        : null,
    ],
    minSpendFen: t.minSpendFen || undefined,
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

function toBody(
  v: FormValues,
  timeZone: string,
): CouponTemplateInput & { status?: 'active' | 'archived' } {
  const midnight = (d: Dayjs) => instantOfZoned(`${d.format('YYYY-MM-DD')}T00:00`, timeZone);
  const fen = (v?: number | null) => v || null;
  return {
    name: v.name,
    description: v.description || null,
    kind: v.kind,
    amountOffFen: v.kind === 'amount_off' ? fen(v.amountOffFen) : null,
    percentOff: v.kind === 'percent_off' ? (v.percentOff ?? null) : null,
    maxDiscountFen:
      v.kind === 'percent_off' || v.kind === 'free_item' ? fen(v.maxDiscountFen) : null,
    freeItemName: v.kind === 'free_item' ? v.freeItemName || null : null,
    freeItemCategory:
      v.kind === 'free_item'
        ? ((v.freeItemCategory as CouponTemplateInput['freeItemCategory']) ?? null)
        : null,
    packageName: v.kind === 'package' ? v.packageName || null : null,
    packageUses: v.kind === 'package' ? (v.packageUses ?? null) : null,
    packageValidDays: v.kind === 'package' ? (v.packageValidDays ?? null) : null,
    validDays: v.validity === 'days' ? (v.validDays ?? null) : null,
    validFrom: v.validity === 'dates' && v.dates?.[0] ? midnight(v.dates[0]) : null,
    validUntil: v.validity === 'dates' && v.dates?.[1] ? midnight(v.dates[1].add(1, 'day')) : null,
    minSpendFen: fen(v.minSpendFen) ?? 0,
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

export function CouponTemplateModal({
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

  const save = (values: FormValues) => {
    const body = toBody(values, staff.tenant.timezone);
    return template
      ? unwrap(
          api.PATCH('/api/v1/staff/coupon-templates/{templateId}', {
            params: { path: { templateId: template.id } },
            body,
          }),
        )
      : unwrap(api.POST('/api/v1/staff/coupon-templates', { body }));
  };

  return (
    <FormModal
      open={open}
      width={720}
      title={template ? t('coupons.form.editTitle') : t('coupons.form.createTitle')}
      form={form}
      fields={FIELDS}
      values={toForm(template, staff.tenant.timezone)}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okTestId="template-save"
      formProps={{ requiredMark: false }}
    >
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
            name="amountOffFen"
            label={t('coupons.form.amountOff')}
            rules={[{ required: true, message: t('coupons.form.required') }]}
          >
            <MoneyInput minFen={1} data-testid="template-amount" />
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
          <Form.Item name="maxDiscountFen" label={t('coupons.form.maxDiscount')}>
            <MoneyInput minFen={1} />
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
          <Form.Item name="minSpendFen" label={t('coupons.form.minSpend')}>
            <MoneyInput minFen={1} data-testid="template-min-spend" />
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
        <Form.Item name="categories" label={t('coupons.form.categories')} style={{ minWidth: 260 }}>
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
          <InputNumber min={1} max={1000} precision={0} placeholder={t('coupons.form.unlimited')} />
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
    </FormModal>
  );
}
