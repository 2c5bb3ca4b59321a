// 更新里程: records a reading (source "staff"); a rollback needs a second, explicit yes.
import { Flex, Form, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, UserError, useStateFor } from '../../kit/index.ts';
import { formatKm } from '../../kit/format.ts';
import type { Vehicle } from '../../types.ts';
import { RollbackAlert, rollbackOf, type Rollback } from './odometer.tsx';

const MAX_KM = 2_000_000;
const grouped = (v: number | string | undefined) =>
  v === undefined || v === null ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function MileageModal({
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
  const [form] = Form.useForm<{ mileageKm: number | null }>();
  const [rollback, setRollback] = useStateFor<Rollback | null>(open, null);

  /** Resolves to false when the server asks to confirm a rollback first. */
  async function save({ mileageKm }: { mileageKm: number | null }): Promise<boolean> {
    if (mileageKm === null || mileageKm === undefined)
      throw new UserError(t('profile.mileage.required'));
    try {
      await unwrap(
        api.POST('/api/v1/staff/vehicles/{vehicleId}/odometer', {
          params: { path: { vehicleId: vehicle.id } },
          body: { mileageKm, ...(rollback ? { confirmRollback: true } : {}) },
        }),
      );
      return true;
    } catch (err) {
      const refused = rollbackOf(err);
      if (!refused) throw err;
      setRollback(refused);
      return false;
    }
  }

  return (
    <FormModal
      open={open}
      title={t('profile.mileage.title', { plate: vehicle.plate ?? t('vehicle.noPlate') })}
      form={form}
      values={{ mileageKm: null }}
      onSubmit={save}
      onDone={(saved) => saved && onSaved()}
      onClose={onClose}
      width={460}
      okText={rollback ? t('profile.mileage.confirmRollback') : t('common.save')}
      danger={rollback !== null}
      okTestId="mileage-save"
      formProps={{ onValuesChange: () => setRollback(null), style: { marginTop: 12 } }}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {vehicle.lastMileageKm === null
            ? t('profile.mileage.noReading')
            : t('profile.mileage.last', { km: formatKm(vehicle.lastMileageKm) })}
        </Typography.Text>
        <Form.Item name="mileageKm" noStyle>
          <InputNumber<number>
            autoFocus
            size="large"
            min={0}
            max={MAX_KM}
            precision={0}
            onPressEnter={form.submit}
            suffix="km"
            formatter={grouped}
            parser={(v) => Number((v ?? '').replace(/[^\d]/g, ''))}
            style={{ width: '100%' }}
            placeholder={t('profile.mileage.placeholder')}
            data-testid="mileage-input"
          />
        </Form.Item>
        <RollbackAlert
          rollback={rollback}
          keys={{ title: 'profile.mileage.rollbackTitle', text: 'profile.mileage.rollbackText' }}
          testId="mileage-rollback"
        />
      </Flex>
    </FormModal>
  );
}
