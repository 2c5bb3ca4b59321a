import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Result,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, CarOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, canEditCustomers, canReadCustomers, unwrap, useStaff } from '../../api.ts';
import { useLoad } from '../../kit/useLoad.ts';
import { EMPTY, formatDate, formatDateTime, formatDay, formatKm } from '../../kit/format.ts';
import CustomerFormModal from './CustomerFormModal.tsx';
import { DueDate, VehicleActions, VehicleFormModal, VehicleHistory } from '../vehicles/index.ts';
import { OpenOrderButton, ServiceOrdersTable } from '../service/index.ts';
import { ConsentCard } from '../channels/index.ts';
import { CouponCustomerPanel } from '../coupons/index.ts';
import { LoyaltyCustomerPanel } from '../loyalty/index.ts';
import { ReferralCustomerPanel } from '../referrals/index.ts';
import { DueVehiclePanel } from '../due/index.ts';
import MergeCustomerButton from './MergeCustomerButton.tsx';
import { DataRequestButton } from '../privacy/index.ts';
import { BookForCustomerButton } from '../appointments/index.ts';
import { ConversationLink } from '../inbox/index.ts';
import { RevealPhone } from './RevealPhoneButton.tsx';
import type { Customer, Vehicle } from '../../types.ts';

type VehicleDialog = { mode: 'create' } | { mode: 'edit'; vehicle: Vehicle } | null;

function VehicleCard({
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
  const { reload: load } = loaded;
  const customer = loaded.data ?? null;
  const setCustomer = (v: Customer) => loaded.setData(v);
  const error = loaded.error ? { text: loaded.error, notFound: loaded.notFound } : null;

  const back = (
    <Link to="/customers">
      <ArrowLeftOutlined /> {t('customerDetail.back')}
    </Link>
  );

  if (!readable) {
    return (
      <div data-testid="customer-detail">
        <Result status="403" title={t('customers.forbidden')} />
      </div>
    );
  }

  if (error && !customer) {
    return (
      <div data-testid="customer-detail">
        {error.notFound ? (
          <Result status="404" title={t('customerDetail.notFound')} extra={back} />
        ) : (
          <Result
            status="error"
            title={error.text}
            extra={[
              <Button key="retry" type="primary" onClick={() => void load()}>
                {t('common.retry')}
              </Button>,
              <span key="back">{back}</span>,
            ]}
          />
        )}
      </div>
    );
  }

  if (!customer) {
    return (
      <div data-testid="customer-detail">
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </div>
    );
  }

  const homeStore = staff.stores.find((s) => s.id === customer.homeStoreId);
  const profile: DescriptionsProps['items'] = [
    {
      key: 'memberNo',
      label: t('customer.memberNo'),
      children: <span data-testid="customer-member-no">{customer.memberNo}</span>,
    },
    {
      key: 'phone',
      label: t('customer.phone'),
      children: customer.erasedAt ? (
        <Tag data-testid="customer-erased">{t('privacy.erased')}</Tag>
      ) : (
        <RevealPhone customerId={customer.id} phone={customer.phone} />
      ),
    },
    { key: 'gender', label: t('customer.gender'), children: t(`gender.${customer.gender}`) },
    { key: 'birthday', label: t('customer.birthday'), children: formatDate(customer.birthday) },
    {
      key: 'tags',
      label: t('customer.tags'),
      children:
        customer.tags.length === 0 ? (
          EMPTY
        ) : (
          <Flex wrap gap={4}>
            {customer.tags.map((tag) => (
              <Tag key={tag} variant="filled" style={{ marginInlineEnd: 0 }}>
                {tag}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      key: 'source',
      label: t('customer.source'),
      children: customer.source
        ? t(`source.${customer.source}`, { defaultValue: customer.source })
        : EMPTY,
    },
    {
      key: 'homeStore',
      label: t('customer.homeStore'),
      children: homeStore?.name ?? (customer.homeStoreId ? t('customerDetail.otherStore') : EMPTY),
    },
    {
      key: 'lastVisit',
      label: t('customer.lastVisit'),
      children: formatDay(customer.lastVisitAt, timeZone),
    },
    {
      key: 'preferredChannel',
      label: t('profile.customer.preferredChannel'),
      children: (
        <span data-testid="customer-preferred-channel">
          {customer.preferredChannel
            ? t(`profile.channel.${customer.preferredChannel}`)
            : t('profile.customer.noPreference')}
        </span>
      ),
    },
    {
      key: 'language',
      label: t('profile.customer.language'),
      children: t(`profile.language.${customer.language}`, { defaultValue: customer.language }),
    },
    {
      key: 'timezone',
      label: t('profile.customer.timezone'),
      children:
        customer.timezone ?? t('profile.customer.tenantTimezone', { tz: staff.tenant.timezone }),
    },
    {
      key: 'createdAt',
      label: t('customer.createdAt'),
      children: formatDateTime(customer.createdAt, timeZone),
    },
    {
      key: 'updatedAt',
      label: t('customer.updatedAt'),
      children: formatDateTime(customer.updatedAt, timeZone),
    },
    {
      key: 'email',
      label: t('channels.customerEmail'),
      children: customer.email ?? EMPTY,
    },
    { key: 'address', label: t('privacy.address'), children: customer.address ?? EMPTY },
    {
      key: 'personalised',
      label: t('privacy.personalisedMarketing'),
      children: customer.personalisedMarketing ? t('privacy.allowed') : t('privacy.objected'),
    },
    {
      key: 'notes',
      label: t('customer.notes'),
      span: 3,
      children: customer.notes ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {customer.notes}
        </Typography.Paragraph>
      ) : (
        EMPTY
      ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="customer-detail">
      <div>{back}</div>
      {error && (
        <Alert type="error" showIcon title={error.text} closable={{ onClose: loaded.clearError }} />
      )}
      <Card
        title={
          <Flex align="baseline" gap={12}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="customer-name">
              {customer.name ?? (
                <Typography.Text type="secondary" style={{ fontSize: 'inherit' }}>
                  {t('customer.unnamed')}
                </Typography.Text>
              )}
            </Typography.Title>
          </Flex>
        }
        extra={
          <Flex gap={8} wrap>
            <BookForCustomerButton customer={customer} />
            <ConversationLink customerId={customer.id} />
            <MergeCustomerButton customer={customer} onMerged={setCustomer} />
            {!customer.erasedAt && <DataRequestButton customerId={customer.id} />}
            {editable && (
              <Button
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                data-testid="customer-edit"
              >
                {t('customerDetail.edit')}
              </Button>
            )}
          </Flex>
        }
      >
        <Descriptions column={3} items={profile} />
      </Card>
      <ConsentCard
        customerId={customer.id}
        consents={customer.consents}
        onChange={(consents) => setCustomer({ ...customer, consents })}
      />
      <LoyaltyCustomerPanel customer={customer} />
      <CouponCustomerPanel customer={customer} />
      <ReferralCustomerPanel customer={customer} />
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
                onChanged={() => void load()}
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
          void load();
        }}
      />
    </Flex>
  );
}
