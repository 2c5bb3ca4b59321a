import { Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, MoneyInput } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import {
  ITEM_KINDS,
  SERVICE_CATEGORIES,
  type ItemKind,
  type ServiceCategory,
  type ServiceOrder,
  type ServiceOrderItem,
} from './orders.ts';
import {
  hoursToMinutes,
  minutesToHours,
  TechnicianSelect,
  type Technician,
} from './technicians.tsx';

interface Values {
  kind: ItemKind;
  category: ServiceCategory;
  description: string;
  partNumber?: string;
  quantity: number;
  unitPriceFen: number | null;
  technicianId?: string | null;
  labourHours?: number | null;
}

const FIELDS = {
  kind: 'kind',
  category: 'category',
  description: 'description',
  partNumber: 'partNumber',
  quantity: 'quantity',
  unitPriceFen: 'unitPriceFen',
  technicianId: 'technicianId',
  labourMinutes: 'labourHours',
};

/** Adds a line (labour or part) to an open order, or changes one; answers the whole order. */
export default function ServiceOrderItemModal({
  orderId,
  item,
  technicians,
  open,
  onClose,
  onSaved,
}: {
  orderId: string;
  /** The line being changed; absent when adding. */
  item?: ServiceOrderItem;
  /** Who may be given the line; undefined while loading (or for a role that assigns none). */
  technicians?: readonly Technician[] | undefined;
  open: boolean;
  onClose(): void;
  onSaved(order: ServiceOrder): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const quantity = Form.useWatch('quantity', form);
  const priceFen = Form.useWatch('unitPriceFen', form);

  function save(values: Values) {
    const body = {
      kind: values.kind,
      category: values.category,
      description: values.description.trim(),
      partNumber: values.partNumber?.trim() ? values.partNumber.trim() : null,
      quantity: values.quantity,
      unitPriceFen: values.unitPriceFen!,
      technicianId: values.technicianId ?? null,
      labourMinutes: values.kind === 'labour' ? hoursToMinutes(values.labourHours) : null,
    };
    return item
      ? unwrap(
          api.PATCH('/api/v1/staff/service-orders/{orderId}/items/{itemId}', {
            params: { path: { orderId, itemId: item.id } },
            body,
          }),
        )
      : unwrap(
          api.POST('/api/v1/staff/service-orders/{orderId}/items', {
            params: { path: { orderId } },
            body,
          }),
        );
  }

  const amountFen =
    typeof quantity === 'number' && typeof priceFen === 'number' ? quantity * priceFen : null;

  return (
    <FormModal
      open={open}
      title={item ? t('serviceOrders.item.editTitle') : t('serviceOrders.item.addTitle')}
      form={form}
      fields={FIELDS}
      values={
        item
          ? {
              kind: item.kind,
              category: item.category,
              description: item.description,
              partNumber: item.partNumber ?? '',
              quantity: item.quantity,
              unitPriceFen: item.unitPriceFen,
              technicianId: item.technicianId,
              labourHours: minutesToHours(item.labourMinutes),
            }
          : {
              kind: 'labour',
              category: 'oil_change',
              quantity: 1,
              unitPriceFen: null,
              technicianId: null,
              labourHours: null,
            }
      }
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okText={t('common.save')}
      okTestId="item-save"
      formProps={{ requiredMark: false }}
    >
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
        name="unitPriceFen"
        label={t('serviceOrders.item.unitPrice')}
        rules={[
          { required: true, message: t('serviceOrders.item.priceFormat') },
          { type: 'number', max: 1_000_000_000, message: t('serviceOrders.item.priceTooHigh') },
        ]}
      >
        <MoneyInput data-testid="item-price" minFen={0} placeholder="0.00" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="technicianId" label={t('workshop.lineTechnician')}>
        <TechnicianSelect
          technicians={technicians}
          placeholder={t('workshop.sameAsLead')}
          data-testid="item-technician"
        />
      </Form.Item>
      {kind === 'labour' && (
        <Form.Item
          name="labourHours"
          label={t('workshop.labourHours')}
          extra={t('workshop.labourHoursHint')}
        >
          <InputNumber
            data-testid="item-labour-hours-input"
            min={0}
            max={24}
            step={0.25}
            precision={2}
            style={{ width: 160 }}
          />
        </Form.Item>
      )}
      <Typography.Text type="secondary">
        {t('serviceOrders.item.amount')}{' '}
        <Typography.Text strong data-testid="item-amount">
          {formatFen(amountFen)}
        </Typography.Text>
      </Typography.Text>
    </FormModal>
  );
}
