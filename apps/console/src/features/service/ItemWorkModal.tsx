// Who did a line and how long it took, on a completed order (its prices are closed by then).
import { Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';
import type { ServiceOrder, ServiceOrderItem } from './orders.ts';
import {
  hoursToMinutes,
  minutesToHours,
  TechnicianSelect,
  type Technician,
} from './technicians.tsx';

interface Values {
  technicianId: string | null;
  labourHours: number | null;
}

export default function ItemWorkModal({
  orderId,
  item,
  technicians,
  onClose,
  onSaved,
}: {
  orderId: string;
  /** The line; null when the dialog is closed. */
  item: ServiceOrderItem | null;
  technicians: readonly Technician[] | undefined;
  onClose(): void;
  onSaved(order: ServiceOrder): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const labour = item?.kind === 'labour';

  function save(values: Values) {
    return unwrap(
      api.PATCH('/api/v1/staff/service-orders/{orderId}/items/{itemId}/work', {
        params: { path: { orderId, itemId: item!.id } },
        body: {
          technicianId: values.technicianId ?? null,
          ...(labour ? { labourMinutes: hoursToMinutes(values.labourHours) } : {}),
        },
      }),
    );
  }

  return (
    <FormModal
      open={item !== null}
      title={t('workshop.workTitle', { description: item?.description ?? '' })}
      form={form}
      fields={{ technicianId: 'technicianId', labourMinutes: 'labourHours' }}
      values={{
        technicianId: item?.technicianId ?? null,
        labourHours: minutesToHours(item?.labourMinutes),
      }}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okText={t('common.save')}
      okTestId="item-work-save"
      formProps={{ requiredMark: false }}
    >
      <Form.Item name="technicianId" label={t('workshop.lineTechnician')}>
        <TechnicianSelect
          technicians={technicians}
          placeholder={t('workshop.sameAsLead')}
          data-testid="item-work-technician"
        />
      </Form.Item>
      {labour && (
        <Form.Item
          name="labourHours"
          label={t('workshop.labourHours')}
          extra={t('workshop.labourHoursHint')}
        >
          <InputNumber
            data-testid="item-work-hours"
            min={0}
            max={24}
            step={0.25}
            precision={2}
            style={{ width: 160 }}
          />
        </Form.Item>
      )}
    </FormModal>
  );
}
