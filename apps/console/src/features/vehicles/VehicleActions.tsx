import { useState } from 'react';
import { App, Button } from 'antd';
import { DashboardOutlined, HistoryOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { canEditCustomers, useStaff } from '../../api.ts';
import { notifyVehicleChanged } from './vehicles.ts';
import { MileageModal } from './MileageModal.tsx';
import { PastReadingModal } from './PastReadingModal.tsx';
import { PastVisitModal } from './PastVisitModal.tsx';
import { TransferModal } from './TransferModal.tsx';
import type { Vehicle } from '../../types.ts';

/** The car's actions in its card header: 更新里程, 过户, and the paper records 补录到店 / 补录里程. */
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
  const [dialog, setDialog] = useState<'mileage' | 'transfer' | 'pastVisit' | 'pastReading' | null>(
    null,
  );
  // The server lets technicians record mileage too; only the desk moves cars between owners.
  const canRecord = canEditCustomers(staff) || staff.role === 'technician';
  const canTransfer = canEditCustomers(staff);
  if (!canRecord) return null;
  const savedPast = (what: 'pastVisit' | 'pastReading') => {
    setDialog(null);
    message.success(t(`profile.${what}.saved`));
    notifyVehicleChanged(vehicle.id);
    onChanged();
  };

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
      {canTransfer && (
        <>
          <Button
            type="link"
            icon={<HistoryOutlined />}
            onClick={() => setDialog('pastVisit')}
            data-testid="past-visit-open"
          >
            {t('profile.pastVisit.open')}
          </Button>
          <Button
            type="link"
            icon={<HistoryOutlined />}
            onClick={() => setDialog('pastReading')}
            data-testid="past-reading-open"
          >
            {t('profile.pastReading.open')}
          </Button>
        </>
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
      <PastVisitModal
        vehicle={vehicle}
        open={dialog === 'pastVisit'}
        onClose={() => setDialog(null)}
        onSaved={() => savedPast('pastVisit')}
      />
      <PastReadingModal
        vehicle={vehicle}
        open={dialog === 'pastReading'}
        onClose={() => setDialog(null)}
        onSaved={() => savedPast('pastReading')}
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
