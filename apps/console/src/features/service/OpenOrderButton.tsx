import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Dropdown, Form, Input, InputNumber, Select, Typography } from 'antd';
import { DownOutlined, FileAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import { FormModal, useStateFor } from '../../kit/index.ts';
import { RollbackAlert, rollbackOf, type Rollback } from '../vehicles/index.ts';
import { formatKm } from '../../kit/format.ts';
import { canRunDesk } from './orders.ts';
import type { Vehicle } from '../../types.ts';

const MAX_KM = 2_000_000;

interface Values {
  storeId?: string;
  mileageKm?: number | null;
  notes?: string;
}

/** 开单: opens a service order for one car at the store the staff member works in now. */
export default function OpenOrderButton({ vehicle }: { vehicle: Vehicle }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [open, setOpen] = useState(false);
  if (!canRunDesk(staff)) return null;
  return (
    <>
      <Button
        type="primary"
        size="small"
        icon={<FileAddOutlined />}
        onClick={() => setOpen(true)}
        data-testid="order-open"
        disabled={staff.stores.length === 0}
      >
        {t('serviceOrders.open')}
      </Button>
      <OpenOrderModal vehicle={vehicle} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/**
 * 开单 among the customer page's header actions: one car opens its order at once, several are
 * offered by plate first.
 */
export function OpenOrderForCustomer({ vehicles }: { vehicles: Vehicle[] }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [picked, setPicked] = useState<Vehicle | null>(null);
  if (!canRunDesk(staff) || vehicles.length === 0) return null;
  const disabled = staff.stores.length === 0;
  const label = t('serviceOrders.open');
  return (
    <>
      {vehicles.length === 1 ? (
        <Button
          type="primary"
          icon={<FileAddOutlined />}
          onClick={() => setPicked(vehicles[0]!)}
          data-testid="customer-order-open"
          disabled={disabled}
        >
          {label}
        </Button>
      ) : (
        <Dropdown
          disabled={disabled}
          trigger={['click']}
          menu={{
            items: vehicles.map((v) => ({
              key: v.id,
              label:
                v.plate ?? ([v.make, v.model].filter(Boolean).join(' ') || t('vehicle.noPlate')),
            })),
            onClick: ({ key }) => setPicked(vehicles.find((v) => v.id === key) ?? null),
          }}
        >
          <Button type="primary" icon={<FileAddOutlined />} data-testid="customer-order-open">
            {label} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      {picked && <OpenOrderModal vehicle={picked} open onClose={() => setPicked(null)} />}
    </>
  );
}

function OpenOrderModal({
  vehicle,
  open,
  onClose,
}: {
  vehicle: Vehicle;
  open: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const { store } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [rollback, setRollback] = useStateFor<Rollback | null>(open, null);

  /** Resolves to null when the server asks to confirm a mileage rollback first. */
  async function save(values: Values) {
    try {
      return await unwrap(
        api.POST('/api/v1/staff/service-orders', {
          body: {
            customerId: vehicle.customerId,
            vehicleId: vehicle.id,
            storeId: values.storeId!,
            ...(values.mileageKm !== null && values.mileageKm !== undefined
              ? { mileageKm: values.mileageKm }
              : {}),
            ...(values.notes?.trim() ? { notes: values.notes.trim() } : {}),
            ...(rollback ? { confirmRollback: true } : {}),
          },
        }),
      );
    } catch (err) {
      const refused = rollbackOf(err);
      if (!refused) throw err;
      setRollback(refused);
      return null;
    }
  }

  const plate = vehicle.plate ?? t('vehicle.noPlate');
  return (
    <>
      <FormModal
        open={open}
        title={t('serviceOrders.openTitle', { plate })}
        form={form}
        fields={['mileageKm']}
        values={{ storeId: store?.id, mileageKm: null, notes: '' }}
        onSubmit={save}
        onDone={(order) => {
          if (!order) return;
          onClose();
          navigate(`/service-orders/${order.id}`);
        }}
        onClose={onClose}
        okText={rollback ? t('serviceOrders.confirmRollback') : t('serviceOrders.openSubmit')}
        danger={rollback !== null}
        okTestId={rollback ? 'order-open-confirm-rollback' : 'order-open-submit'}
        formProps={{ requiredMark: false, onValuesChange: () => setRollback(null) }}
        footerNote={
          <RollbackAlert
            rollback={rollback}
            keys={{ title: 'serviceOrders.rollbackTitle', text: 'serviceOrders.rollbackText' }}
          />
        }
      >
        <Form.Item label={t('serviceOrders.vehicle')}>
          <Typography.Text strong>
            {[plate, [vehicle.make, vehicle.model].filter(Boolean).join(' ')]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
          {vehicle.lastMileageKm !== null && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
              {t('serviceOrders.lastMileage', { km: formatKm(vehicle.lastMileageKm) })}
            </Typography.Text>
          )}
        </Form.Item>
        <Form.Item
          name="storeId"
          label={t('serviceOrders.store')}
          rules={[{ required: true, message: t('serviceOrders.storeRequired') }]}
        >
          <Select
            data-testid="order-store"
            options={staff.stores.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item
          name="mileageKm"
          label={t('serviceOrders.mileage')}
          extra={t('serviceOrders.mileageHint')}
        >
          <InputNumber
            data-testid="order-mileage"
            min={0}
            max={MAX_KM}
            precision={0}
            step={100}
            style={{ width: 220 }}
            suffix="km"
            placeholder={t('serviceOrders.mileagePlaceholder')}
          />
        </Form.Item>
        <Form.Item name="notes" label={t('serviceOrders.notes')}>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            placeholder={t('serviceOrders.notesPlaceholder')}
          />
        </Form.Item>
      </FormModal>
    </>
  );
}
