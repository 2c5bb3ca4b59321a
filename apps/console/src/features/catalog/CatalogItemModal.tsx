// Adding or changing a price-list item: labour with its standard hours, a part with its number
// and shelf count (empty: not counted), a package with the items it holds (picked from the
// list) and, if it has one, its own price (empty: the sum of its items).
import { Button, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, MoneyInput } from '../../kit/index.ts';
import { changedFields } from '../../kit/forms.ts';
import { formatFen } from '../../kit/format.ts';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import {
  CATALOG_KINDS,
  hoursToMinutes,
  minutesToHours,
  type CatalogInput,
  type CatalogItem,
  type CatalogKind,
} from './catalog.ts';
import { CatalogItemSearch } from './CatalogItemSearch.tsx';

interface ComponentRow {
  itemId: string;
  name: string;
  unitPriceFen: number;
  quantity: number;
}
interface ItemForm {
  kind: CatalogKind;
  name: string;
  category: CatalogInput['category'];
  standardHours: number | null;
  partNumber: string;
  priceFen: number | null;
  stockQty: number | null;
  components: ComponentRow[];
}

const FIELDS = {
  name: 'name',
  category: 'category',
  standardMinutes: 'standardHours',
  partNumber: 'partNumber',
  priceFen: 'priceFen',
  stockQty: 'stockQty',
};

function toForm(i: CatalogItem | null): ItemForm {
  return {
    kind: i?.kind ?? 'labour',
    name: i?.name ?? '',
    category: i?.category ?? 'oil_change',
    standardHours: minutesToHours(i?.standardMinutes ?? null),
    partNumber: i?.partNumber ?? '',
    priceFen: i?.priceFen ?? null,
    stockQty: i?.stockQty ?? null,
    components: (i?.components ?? []).map((c) => ({
      itemId: c.itemId,
      name: c.name,
      unitPriceFen: c.unitPriceFen,
      quantity: c.quantity,
    })),
  };
}

/** The form as the API takes it: only the kind's own fields. */
function toBody(v: ItemForm) {
  const common = { name: v.name, category: v.category, priceFen: v.priceFen ?? null };
  if (v.kind === 'labour') return { ...common, standardMinutes: hoursToMinutes(v.standardHours) };
  if (v.kind === 'part')
    return { ...common, partNumber: v.partNumber.trim() || null, stockQty: v.stockQty ?? null };
  return {
    ...common,
    components: v.components.map((c) => ({ itemId: c.itemId, quantity: c.quantity })),
  };
}

function ComponentsField() {
  const { t } = useTranslation();
  return (
    <Form.List name="components">
      {(rows, { add, remove }, { errors }) => (
        <Flex vertical gap={8}>
          {rows.map((row) => (
            <Form.Item noStyle key={row.key} shouldUpdate>
              {(form) => {
                const c = form.getFieldValue(['components', row.name]) as ComponentRow;
                return (
                  <Flex gap={8} align="center" data-testid="package-component">
                    <Typography.Text style={{ flex: 1 }}>{c.name}</Typography.Text>
                    <Typography.Text type="secondary">
                      {formatFen(c.unitPriceFen)} ×
                    </Typography.Text>
                    <Form.Item name={[row.name, 'quantity']} noStyle>
                      <InputNumber min={1} max={999} precision={0} style={{ width: 72 }} />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('catalog.form.removeComponent')}
                      onClick={() => remove(row.name)}
                    />
                  </Flex>
                );
              }}
            </Form.Item>
          ))}
          <Form.Item noStyle shouldUpdate>
            {(form) => (
              <CatalogItemSearch
                kinds={['labour', 'part']}
                testId="catalog-component-search"
                placeholder={t('catalog.form.addComponent')}
                onPick={(item) => {
                  const current = (form.getFieldValue('components') ?? []) as ComponentRow[];
                  const at = current.findIndex((c) => c.itemId === item.id);
                  if (at >= 0)
                    form.setFieldValue(['components', at, 'quantity'], current[at]!.quantity + 1);
                  else
                    add({
                      itemId: item.id,
                      name: item.name,
                      unitPriceFen: item.listPriceFen,
                      quantity: 1,
                    } satisfies ComponentRow);
                }}
              />
            )}
          </Form.Item>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}

export function CatalogItemModal({
  item,
  open,
  onClose,
  onSaved,
}: {
  item: CatalogItem | null;
  open: boolean;
  onClose(): void;
  onSaved(item: CatalogItem): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ItemForm>();
  const kind = Form.useWatch('kind', form) ?? item?.kind ?? 'labour';

  async function save(v: ItemForm): Promise<CatalogItem> {
    // A component's id and name have no input of their own: read the whole store, not only
    // the validated fields.
    const all = { ...v, ...(form.getFieldsValue(true) as Partial<ItemForm>) };
    const values = { ...toForm(item), ...all, kind: item?.kind ?? all.kind ?? v.kind };
    const body = toBody(values);
    if (item)
      return unwrap(
        api.PATCH('/api/v1/staff/catalog/items/{itemId}', {
          params: { path: { itemId: item.id } },
          body: changedFields(body, toBody(toForm(item))),
        }),
      );
    return unwrap(
      api.POST('/api/v1/staff/catalog/items', { body: { kind: values.kind, ...body } }),
    );
  }

  const required = { required: true, message: t('catalog.form.required') };
  return (
    <FormModal
      open={open}
      title={item ? t('catalog.form.editTitle') : t('catalog.form.createTitle')}
      form={form}
      values={toForm(item)}
      fields={FIELDS}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okTestId="catalog-save"
      width={620}
      formProps={{ requiredMark: false, layout: 'vertical' }}
      testId="catalog-form"
    >
      <Form.Item name="kind" label={t('catalog.form.kind')}>
        <Radio.Group
          disabled={!!item}
          optionType="button"
          options={CATALOG_KINDS.map((k) => ({ value: k, label: t(`catalog.kind.${k}`) }))}
        />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item
          name="name"
          label={t('catalog.form.name')}
          rules={[required]}
          style={{ flex: 2 }}
        >
          <Input maxLength={80} data-testid="catalog-name" />
        </Form.Item>
        <Form.Item name="category" label={t('catalog.form.category')} style={{ flex: 1 }}>
          <Select
            options={SERVICE_CATEGORIES.map((c) => ({
              value: c,
              label: t(`serviceOrders.category.${c}`),
            }))}
          />
        </Form.Item>
      </Flex>
      {kind === 'labour' && (
        <Form.Item name="standardHours" label={t('catalog.form.standardHours')}>
          <InputNumber
            min={0.1}
            max={100}
            step={0.5}
            precision={2}
            addonAfter={t('catalog.hours')}
          />
        </Form.Item>
      )}
      {kind === 'part' && (
        <Flex gap={12}>
          <Form.Item name="partNumber" label={t('catalog.form.partNumber')} style={{ flex: 2 }}>
            <Input
              maxLength={40}
              style={{ fontFamily: 'monospace' }}
              data-testid="catalog-part-number"
            />
          </Form.Item>
          <Form.Item
            name="stockQty"
            label={t('catalog.form.stockQty')}
            extra={t('catalog.form.stockHint')}
            style={{ flex: 1 }}
          >
            <InputNumber min={-99999} max={999999} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      )}
      <Form.Item
        name="priceFen"
        label={kind === 'package' ? t('catalog.form.packagePrice') : t('catalog.form.price')}
        rules={kind === 'package' ? [] : [required]}
        extra={kind === 'package' ? t('catalog.form.packagePriceHint') : undefined}
      >
        <MoneyInput data-testid="catalog-price" />
      </Form.Item>
      {kind === 'package' && (
        <Form.Item label={t('catalog.form.components')}>
          <ComponentsField />
        </Form.Item>
      )}
    </FormModal>
  );
}
