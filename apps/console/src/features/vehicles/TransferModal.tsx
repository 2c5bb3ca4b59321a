// 过户: moves the car to another customer; its history stays with the car.
import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, useStateFor } from '../../kit/index.ts';
import type { CustomerSummary, Vehicle } from '../../types.ts';
import { CustomerPicker } from '../customers/index.ts';

export function TransferModal({
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
  const [to, setTo] = useStateFor<CustomerSummary | null>(open, null);
  const [reason, setReason] = useStateFor(open, '');

  async function save(): Promise<CustomerSummary> {
    const target = to!;
    await unwrap(
      api.POST('/api/v1/staff/vehicles/{vehicleId}/transfer', {
        params: { path: { vehicleId: vehicle.id } },
        body: { toCustomerId: target.id, reason: reason.trim() || null },
      }),
    );
    return target;
  }

  return (
    <FormModal
      open={open}
      title={t('profile.transfer.title', { plate: vehicle.plate ?? t('vehicle.noPlate') })}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      width={600}
      okText={t('profile.transfer.confirm')}
      okDisabled={!to}
      okTestId="transfer-confirm"
      footerNote={<Alert type="info" showIcon title={t('profile.transfer.hint')} />}
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
    </FormModal>
  );
}
