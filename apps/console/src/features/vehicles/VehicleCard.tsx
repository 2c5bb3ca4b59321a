// A car on the customer page: its details and due dates, opening a service order, mileage and
// transfer actions, its due list, service orders and history.
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { CarOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EMPTY, formatDate, formatDay, formatKm } from '../../kit/format.ts';
import type { Vehicle } from '../../types.ts';
import { OpenOrderButton, ServiceOrdersTable } from '../service/index.ts';
import { DueVehiclePanel } from '../due/index.ts';
import DueDate from './DueDate.tsx';
import VehicleActions from './VehicleActions.tsx';
import VehicleHistory from './VehicleHistory.tsx';

export function VehicleCard({
  vehicle,
  timeZone,
  onEdit,
  onChanged,
}: {
  vehicle: Vehicle;
  timeZone: string;
  /** Absent for roles that may not edit vehicles. */
  onEdit?: () => void;
  /** After a mileage reading or a transfer: reload the customer. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const makeModel = [vehicle.make, vehicle.model].filter(Boolean).join(' ');
  const items: DescriptionsProps['items'] = [
    {
      key: 'vin',
      label: t('vehicle.vin'),
      children: vehicle.vin ? (
        <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
          {vehicle.vin}
        </Typography.Text>
      ) : (
        EMPTY
      ),
    },
    {
      key: 'makeModel',
      label: t('vehicle.makeModelYear'),
      children:
        [makeModel, vehicle.year ? String(vehicle.year) : null].filter(Boolean).join(' · ') ||
        EMPTY,
    },
    {
      key: 'fuel',
      label: t('vehicle.fuelType'),
      children: vehicle.fuelType ? t(`fuel.${vehicle.fuelType}`) : EMPTY,
    },
    {
      key: 'registration',
      label: t('vehicle.registrationDate'),
      children: formatDate(vehicle.registrationDate),
    },
    {
      key: 'mileage',
      label: t('vehicle.lastMileage'),
      children: <span data-testid="vehicle-mileage">{formatKm(vehicle.lastMileageKm)}</span>,
    },
    {
      key: 'insurance',
      label: t('profile.vehicle.insuranceExpiry'),
      children: <DueDate date={vehicle.insuranceExpiry} testId="vehicle-insurance" />,
    },
    {
      key: 'inspection',
      label: t('profile.vehicle.nextInspection'),
      children: <DueDate date={vehicle.nextInspectionDate} testId="vehicle-inspection" />,
    },
    {
      key: 'created',
      label: t('vehicle.createdAt'),
      children: formatDay(vehicle.createdAt, timeZone),
    },
  ];
  return (
    <Card
      type="inner"
      data-testid="vehicle-card"
      title={
        <Flex align="center" gap={12}>
          <CarOutlined />
          {vehicle.plate ? (
            <Typography.Text
              strong
              data-testid="vehicle-plate"
              style={{ fontSize: 16, letterSpacing: 1 }}
            >
              {vehicle.plate}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('vehicle.noPlate')}</Typography.Text>
          )}
          {makeModel && <Typography.Text type="secondary">{makeModel}</Typography.Text>}
        </Flex>
      }
      extra={
        <Flex align="center" wrap>
          <OpenOrderButton vehicle={vehicle} />
          <VehicleActions vehicle={vehicle} onChanged={onChanged} />
          {onEdit && (
            <Button type="link" icon={<EditOutlined />} onClick={onEdit}>
              {t('common.edit')}
            </Button>
          )}
        </Flex>
      }
    >
      <Descriptions size="small" column={3} items={items} style={{ marginBottom: 16 }} />
      <DueVehiclePanel
        key={`${vehicle.lastMileageKm}|${vehicle.insuranceExpiry}|${vehicle.nextInspectionDate}`}
        vehicleId={vehicle.id}
      />
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('order.title')}
      </Typography.Title>
      <ServiceOrdersTable vehicleId={vehicle.id} timeZone={timeZone} />
      <VehicleHistory
        vehicleId={vehicle.id}
        currentCustomerId={vehicle.customerId}
        timeZone={timeZone}
      />
    </Card>
  );
}
