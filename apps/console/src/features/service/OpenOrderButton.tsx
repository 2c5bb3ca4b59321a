import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap, useSession, useStaff } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';
import { formatDateTime, formatKm } from '../../kit/format.ts';
import { canRunDesk } from './orders.ts';
import type { Vehicle } from '../../types.ts';

const MAX_KM = 2_000_000;

interface Values {
  storeId?: string;
  mileageKm?: number | null;
  notes?: string;
}

/** The server refused a mileage far below the car's last reading. */
interface Rollback {
  lastMileageKm: number | null;
  lastReadAt: string | null;
}

/** 开单: opens a service order for one car at the store the staff member works in now. */
export default function OpenOrderButton({ vehicle }: { vehicle: Vehicle }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const { store } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rollback, setRollback] = useState<Rollback | null>(null);

  useEffect(() => {
    if (open) {
      form.setFieldsValue({ storeId: store?.id, mileageKm: null, notes: '' });
      setError(null);
      setRollback(null);
    }
  }, [open, form, store]);

  if (!canRunDesk(staff)) return null;

  async function submit(confirmRollback: boolean) {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const order = await unwrap(
        api.POST('/api/v1/staff/service-orders', {
          body: {
            customerId: vehicle.customerId,
            vehicleId: vehicle.id,
            storeId: values.storeId!,
            ...(values.mileageKm !== null && values.mileageKm !== undefined
              ? { mileageKm: values.mileageKm }
              : {}),
            ...(values.notes?.trim() ? { notes: values.notes.trim() } : {}),
            ...(confirmRollback ? { confirmRollback: true } : {}),
          },
        }),
      );
      setOpen(false);
      navigate(`/service-orders/${order.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ODOMETER_ROLLBACK') {
        const last = err.details?.lastMileageKm;
        const at = err.details?.lastReadAt;
        setRollback({
          lastMileageKm: typeof last === 'number' ? last : null,
          lastReadAt: typeof at === 'string' ? at : null,
        });
      } else if (err instanceof ApiError && err.field === 'mileageKm') {
        form.setFields([{ name: 'mileageKm', errors: [err.message] }]);
      } else {
        setError(errorText(err, t));
      }
    } finally {
      setSaving(false);
    }
  }

  const plate = vehicle.plate ?? t('vehicle.noPlate');
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
      <Modal
        open={open}
        title={t('serviceOrders.openTitle', { plate })}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        footer={[
          <Button key="cancel" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>,
          rollback ? (
            <Button
              key="confirm"
              danger
              loading={saving}
              onClick={() => void submit(true)}
              data-testid="order-open-confirm-rollback"
            >
              {t('serviceOrders.confirmRollback')}
            </Button>
          ) : null,
          <Button
            key="ok"
            type="primary"
            loading={saving}
            onClick={() => void submit(false)}
            data-testid="order-open-submit"
          >
            {t('serviceOrders.openSubmit')}
          </Button>,
        ]}
      >
        <Form form={form} layout="vertical" requiredMark={false}>
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
              onChange={() => setRollback(null)}
            />
          </Form.Item>
          <Form.Item name="notes" label={t('serviceOrders.notes')}>
            <Input.TextArea
              rows={2}
              maxLength={2000}
              placeholder={t('serviceOrders.notesPlaceholder')}
            />
          </Form.Item>
        </Form>
        {rollback && (
          <Alert
            type="warning"
            showIcon
            title={t('serviceOrders.rollbackTitle')}
            description={t('serviceOrders.rollbackText', {
              km: formatKm(rollback.lastMileageKm),
              at: formatDateTime(rollback.lastReadAt, staff.tenant.timezone),
            })}
          />
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </>
  );
}
