import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { DashboardOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, api, canEditCustomers, unwrap, useStaff } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';
import { formatDateTime, formatKm } from '../../kit/format.ts';
import { notifyVehicleChanged } from './vehicles.ts';
import type { CustomerSummary, Vehicle } from '../../types.ts';
import { CustomerPicker } from '../customers/index.ts';

const MAX_KM = 2_000_000;

/** The server refused a reading far below the last one: what it said the last one was. */
interface Rollback {
  lastMileageKm: number | null;
  lastReadAt: string | null;
}

function rollbackOf(err: unknown): Rollback | null {
  if (!(err instanceof ApiError) || err.code !== 'ODOMETER_ROLLBACK') return null;
  const last = err.details?.lastMileageKm;
  const at = err.details?.lastReadAt;
  return {
    lastMileageKm: typeof last === 'number' ? last : null,
    lastReadAt: typeof at === 'string' ? at : null,
  };
}

/** 更新里程: records a reading (source "staff"); a rollback needs a second, explicit yes. */
function MileageModal({
  vehicle,
  open,
  onClose,
  onSaved,
}: {
  vehicle: Vehicle;
  open: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [value, setValue] = useState<number | null>(null);
  const [rollback, setRollback] = useState<Rollback | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setValue(null);
      setRollback(null);
      setError(null);
    }
  }, [open]);

  async function save() {
    if (value === null) {
      setError(t('profile.mileage.required'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/api/v1/staff/vehicles/{vehicleId}/odometer', {
          params: { path: { vehicleId: vehicle.id } },
          body: { mileageKm: value, ...(rollback ? { confirmRollback: true } : {}) },
        }),
      );
      onSaved();
    } catch (err) {
      const refused = rollbackOf(err);
      if (refused) setRollback(refused);
      else setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('profile.mileage.title', { plate: vehicle.plate ?? t('vehicle.noPlate') })}
      onCancel={onClose}
      destroyOnHidden
      width={460}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="save"
          type="primary"
          danger={rollback !== null}
          loading={saving}
          onClick={() => void save()}
          data-testid="mileage-save"
        >
          {rollback ? t('profile.mileage.confirmRollback') : t('common.save')}
        </Button>,
      ]}
    >
      <Flex vertical gap={12} style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          {vehicle.lastMileageKm === null
            ? t('profile.mileage.noReading')
            : t('profile.mileage.last', { km: formatKm(vehicle.lastMileageKm) })}
        </Typography.Text>
        <InputNumber<number>
          autoFocus
          size="large"
          min={0}
          max={MAX_KM}
          precision={0}
          value={value}
          onChange={(v) => {
            setValue(v);
            setRollback(null);
            setError(null);
          }}
          onPressEnter={() => void save()}
          suffix="km"
          formatter={(v) =>
            v === undefined || v === null ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
          }
          parser={(v) => Number((v ?? '').replace(/[^\d]/g, ''))}
          style={{ width: '100%' }}
          placeholder={t('profile.mileage.placeholder')}
          data-testid="mileage-input"
        />
        {rollback && (
          <Alert
            type="warning"
            showIcon
            data-testid="mileage-rollback"
            title={t('profile.mileage.rollbackTitle')}
            description={t('profile.mileage.rollbackText', {
              km: formatKm(rollback.lastMileageKm),
              at: formatDateTime(rollback.lastReadAt, staff.tenant.timezone),
            })}
          />
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Flex>
    </Modal>
  );
}

/** 过户: moves the car to another customer; its history stays with the car. */
function TransferModal({
  vehicle,
  open,
  onClose,
  onSaved,
}: {
  vehicle: Vehicle;
  open: boolean;
  onClose(): void;
  onSaved(to: CustomerSummary): void;
}) {
  const { t } = useTranslation();
  const [to, setTo] = useState<CustomerSummary | null>(null);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setTo(null);
      setReason('');
      setError(null);
    }
  }, [open]);

  async function save() {
    if (!to) return;
    setSaving(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/api/v1/staff/vehicles/{vehicleId}/transfer', {
          params: { path: { vehicleId: vehicle.id } },
          body: { toCustomerId: to.id, reason: reason.trim() || null },
        }),
      );
      onSaved(to);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('profile.transfer.title', { plate: vehicle.plate ?? t('vehicle.noPlate') })}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="save"
          type="primary"
          disabled={!to}
          loading={saving}
          onClick={() => void save()}
          data-testid="transfer-confirm"
        >
          {t('profile.transfer.confirm')}
        </Button>,
      ]}
    >
      <Form layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item label={t('profile.transfer.to')} required>
          <CustomerPicker
            value={to}
            onChange={setTo}
            excludeIds={[vehicle.customerId]}
            testId="transfer-search"
          />
        </Form.Item>
        <Form.Item label={t('profile.transfer.reason')}>
          <Input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            placeholder={t('profile.transfer.reasonPlaceholder')}
            data-testid="transfer-reason"
          />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title={t('profile.transfer.hint')} />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

/** The car's actions in its card header: 更新里程 and 过户. */
export default function VehicleActions({
  vehicle,
  onChanged,
}: {
  vehicle: Vehicle;
  /** Called after a change, so the page reloads the customer and its cars. */
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const [dialog, setDialog] = useState<'mileage' | 'transfer' | null>(null);
  // The server lets technicians record mileage too; only the desk moves cars between owners.
  const canRecord = canEditCustomers(staff) || staff.role === 'technician';
  const canTransfer = canEditCustomers(staff);
  if (!canRecord) return null;

  return (
    <>
      <Button
        type="link"
        icon={<DashboardOutlined />}
        onClick={() => setDialog('mileage')}
        data-testid="mileage-open"
      >
        {t('profile.mileage.open')}
      </Button>
      {canTransfer && (
        <Button
          type="link"
          icon={<SwapOutlined />}
          onClick={() => setDialog('transfer')}
          data-testid="vehicle-transfer"
        >
          {t('profile.transfer.open')}
        </Button>
      )}
      <MileageModal
        vehicle={vehicle}
        open={dialog === 'mileage'}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          message.success(t('profile.mileage.saved'));
          notifyVehicleChanged(vehicle.id);
          onChanged();
        }}
      />
      <TransferModal
        vehicle={vehicle}
        open={dialog === 'transfer'}
        onClose={() => setDialog(null)}
        onSaved={(to) => {
          setDialog(null);
          message.success(
            t('profile.transfer.saved', {
              plate: vehicle.plate ?? t('vehicle.noPlate'),
              name: to.name ?? t('customer.unnamed'),
            }),
          );
          notifyVehicleChanged(vehicle.id);
          onChanged();
        }}
      />
    </>
  );
}
