import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { App, Button, Card, Empty, Flex, Result } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, canEditCustomers, canReadCustomers, unwrap, useStaff } from '../../api.ts';
import { BackLink, ErrorAlert, NotLoaded, useLoad } from '../../kit/index.ts';
import { CustomerProfileCard } from './CustomerProfileCard.tsx';
import CustomerFormModal from './CustomerFormModal.tsx';
import { VehicleCard, VehicleFormModal } from '../vehicles/index.ts';
import { ConsentCard } from '../channels/index.ts';
import { CouponCustomerPanel } from '../coupons/index.ts';
import { LoyaltyCustomerPanel } from '../loyalty/index.ts';
import { ReferralCustomerPanel } from '../referrals/index.ts';
import { InterestCard } from '../interests/index.ts';
import type { Customer, Vehicle } from '../../types.ts';

type VehicleDialog = { mode: 'create' } | { mode: 'edit'; vehicle: Vehicle } | null;

export default function CustomerDetailPage() {
  const { customerId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const timeZone = staff.tenant.timezone;
  const editable = canEditCustomers(staff);
  const [editing, setEditing] = useState(false);
  const [vehicleDialog, setVehicleDialog] = useState<VehicleDialog>(null);

  const readable = canReadCustomers(staff);
  const loaded = useLoad<Customer>(
    () =>
      unwrap(api.GET('/api/v1/staff/customers/{customerId}', { params: { path: { customerId } } })),
    [customerId],
    { enabled: readable },
  );
  const customer = loaded.data;
  const setCustomer = (v: Customer) => loaded.setData(v);
  const load = () => void loaded.reload();
  const back = <BackLink to="/customers">{t('customerDetail.back')}</BackLink>;

  if (!readable) {
    return (
      <div data-testid="customer-detail">
        <Result status="403" title={t('customers.forbidden')} />
      </div>
    );
  }

  if (!customer)
    return (
      <NotLoaded
        loaded={loaded}
        notFound={t('customerDetail.notFound')}
        back={back}
        testId="customer-detail"
      />
    );

  return (
    <Flex vertical gap={16} data-testid="customer-detail">
      <div>{back}</div>
      <ErrorAlert error={loaded.error} onClose={loaded.clearError} />
      <CustomerProfileCard
        customer={customer}
        onChanged={setCustomer}
        onEdit={editable ? () => setEditing(true) : undefined}
      />
      <ConsentCard
        customerId={customer.id}
        consents={customer.consents}
        onChange={(consents) => setCustomer({ ...customer, consents })}
      />
      <LoyaltyCustomerPanel customer={customer} />
      <CouponCustomerPanel customer={customer} />
      <ReferralCustomerPanel customer={customer} />
      <InterestCard customerId={customer.id} />
      <Card
        title={t('customerDetail.vehicles', { count: customer.vehicles.length })}
        extra={
          editable && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setVehicleDialog({ mode: 'create' })}
              data-testid="vehicle-add"
            >
              {t('customerDetail.addVehicle')}
            </Button>
          )
        }
      >
        {customer.vehicles.length === 0 ? (
          <Empty description={t('customerDetail.noVehicles')} />
        ) : (
          <Flex vertical gap={16}>
            {customer.vehicles.map((vehicle) => (
              <VehicleCard
                key={vehicle.id}
                vehicle={vehicle}
                timeZone={timeZone}
                onEdit={editable ? () => setVehicleDialog({ mode: 'edit', vehicle }) : undefined}
                onChanged={load}
              />
            ))}
          </Flex>
        )}
      </Card>
      <CustomerFormModal
        open={editing}
        customer={customer}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          setCustomer(saved);
          message.success(t('customerDetail.saved'));
        }}
      />
      <VehicleFormModal
        open={vehicleDialog !== null}
        customerId={customer.id}
        vehicle={vehicleDialog?.mode === 'edit' ? vehicleDialog.vehicle : undefined}
        onClose={() => setVehicleDialog(null)}
        onSaved={() => {
          const created = vehicleDialog?.mode === 'create';
          setVehicleDialog(null);
          message.success(created ? t('customerDetail.vehicleAdded') : t('customerDetail.saved'));
          load();
        }}
      />
    </Flex>
  );
}
