import { useEffect, useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';
import { formatFen } from '../../kit/format.ts';
import {
  ITEM_KINDS,
  SERVICE_CATEGORIES,
  fenToYuan,
  yuanToFen,
  type ItemKind,
  type ServiceCategory,
  type ServiceOrder,
  type ServiceOrderItem,
} from './orders.ts';

interface Values {
  kind: ItemKind;
  category: ServiceCategory;
  description: string;
  partNumber?: string;
  quantity: number;
  priceYuan: string;
}

const FIELDS: Record<string, keyof Values> = {
  kind: 'kind',
  category: 'category',
  description: 'description',
  partNumber: 'partNumber',
  quantity: 'quantity',
  unitPriceFen: 'priceYuan',
};

/** Adds a line (labour or part) to an open order, or changes one; answers the whole order. */
export default function ServiceOrderItemModal({
  orderId,
  item,
  open,
  onClose,
  onSaved,
}: {
  orderId: string;
  /** The line being changed; absent when adding. */
  item?: ServiceOrderItem;
  open: boolean;
  onClose(): void;
  onSaved(order: ServiceOrder): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const quantity = Form.useWatch('quantity', form);
  const priceYuan = Form.useWatch('priceYuan', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      item
        ? {
            kind: item.kind,
            category: item.category,
            description: item.description,
            partNumber: item.partNumber ?? '',
            quantity: item.quantity,
            priceYuan: fenToYuan(item.unitPriceFen),
          }
        : { kind: 'labour', category: 'oil_change', quantity: 1, priceYuan: '' },
    );
  }, [open, item, form]);

  async function save() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const unitPriceFen = yuanToFen(values.priceYuan)!;
    const body = {
      kind: values.kind,
      category: values.category,
      description: values.description.trim(),
      partNumber: values.partNumber?.trim() ? values.partNumber.trim() : null,
      quantity: values.quantity,
      unitPriceFen,
    };
    setSaving(true);
    setError(null);
    try {
      const order = item
        ? await unwrap(
            api.PATCH('/api/v1/staff/service-orders/{orderId}/items/{itemId}', {
              params: { path: { orderId, itemId: item.id } },
              body,
            }),
          )
        : await unwrap(
            api.POST('/api/v1/staff/service-orders/{orderId}/items', {
              params: { path: { orderId } },
              body,
            }),
          );
      onSaved(order);
    } catch (err) {
      const field =
        err instanceof ApiError && err.field
          ? FIELDS[err.field.replace(/^body[./]/, '').split('.')[0] ?? '']
          : undefined;
      if (field && err instanceof ApiError) {
        form.setFields([{ name: field, errors: [err.message] }]);
      } else {
        setError(errorText(err, t));
      }
    } finally {
      setSaving(false);
    }
  }

  const amountFen =
    typeof quantity === 'number' && yuanToFen(priceYuan) !== null
      ? quantity * yuanToFen(priceYuan)!
      : null;

  return (
    <Modal
      open={open}
      title={item ? t('serviceOrders.item.editTitle') : t('serviceOrders.item.addTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      okButtonProps={{ loading: saving, 'data-testid': 'item-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="kind" label={t('serviceOrders.item.kind')}>
          <Radio.Group
            data-testid="item-kind"
            optionType="button"
            buttonStyle="solid"
            options={ITEM_KINDS.map((k) => ({ value: k, label: t(`serviceOrders.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('serviceOrders.item.category')}
          rules={[{ required: true, message: t('serviceOrders.item.categoryRequired') }]}
        >
          <Select
            data-testid="item-category"
            options={SERVICE_CATEGORIES.map((c) => ({
              value: c,
              label: t(`serviceOrders.category.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('serviceOrders.item.description')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('serviceOrders.item.descriptionRequired'),
            },
            { max: 200 },
          ]}
        >
          <Input
            data-testid="item-description"
            placeholder={
              kind === 'part'
                ? t('serviceOrders.item.partPlaceholder')
                : t('serviceOrders.item.labourPlaceholder')
            }
          />
        </Form.Item>
        {kind === 'part' && (
          <Form.Item
            name="partNumber"
            label={t('serviceOrders.item.partNumber')}
            rules={[
              {
                pattern: /^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/,
                message: t('serviceOrders.item.partNumberFormat'),
              },
              { max: 40 },
            ]}
          >
            <Input
              data-testid="item-part-number"
              placeholder="06L115562B"
              style={{ fontFamily: 'monospace' }}
            />
          </Form.Item>
        )}
        <Form.Item
          name="quantity"
          label={t('serviceOrders.item.quantity')}
          rules={[{ required: true, message: t('serviceOrders.item.quantityRequired') }]}
        >
          <InputNumber data-testid="item-quantity" min={1} max={9999} precision={0} />
        </Form.Item>
        <Form.Item
          name="priceYuan"
          label={t('serviceOrders.item.unitPrice')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                if (value === undefined || value === '' || yuanToFen(value) === null)
                  throw new Error(t('serviceOrders.item.priceFormat'));
                if (yuanToFen(value)! > 1_000_000_000)
                  throw new Error(t('serviceOrders.item.priceTooHigh'));
              },
            },
          ]}
        >
          <Input
            data-testid="item-price"
            prefix="¥"
            inputMode="decimal"
            placeholder="0.00"
            style={{ width: 200 }}
          />
        </Form.Item>
        <Typography.Text type="secondary">
          {t('serviceOrders.item.amount')}{' '}
          <Typography.Text strong data-testid="item-amount">
            {formatFen(amountFen)}
          </Typography.Text>
        </Typography.Text>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
