// 新建工单 for a walk-in: one dialog finds the customer (phone, plate or name) or creates one,
// picks one of their cars or adds one, chooses the store, then opens the order and goes to it.
// It calls the customer, car and order routes in turn; what was created before a later step
// failed is kept, so trying again does not create it twice.
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Flex, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import { ErrorAlert, useStateFor, useSubmit } from '../../kit/index.ts';
import { CustomerPicker } from '../customers/index.ts';
import { canRunDesk } from './orders.ts';
import type { CustomerSummary } from '../../types.ts';

const NEW_CAR = 'new';

interface Values {
  name?: string;
  phone?: string;
  vehicleId?: string;
  plate?: string;
  make?: string;
  model?: string;
  storeId?: string;
}

/** What the dialog created so far: kept across a failed later step. */
interface Created {
  customer: CustomerSummary | null;
  vehicleId: string | null;
}

const upper = (s: string | undefined) => (s ?? '').trim().toUpperCase();

export default function WalkInOrderButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const { store } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useStateFor(open, false);
  const [customer, setCustomer] = useStateFor<CustomerSummary | null>(open, null);
  const created = useRef<Created>({ customer: null, vehicleId: null });
  const submit = useSubmit<Values>(form, ['name', 'phone', 'plate', 'make', 'model', 'storeId']);
  const vehicleId = Form.useWatch('vehicleId', form);

  if (!canRunDesk(staff)) return null;

  const cars = customer?.vehicles ?? [];
  const addingCar = creating || !customer || vehicleId === NEW_CAR || cars.length === 0;

  function start() {
    created.current = { customer: null, vehicleId: null };
    submit.setError(null);
    setOpen(true);
  }

  function pick(c: CustomerSummary | null) {
    setCustomer(c);
    form.setFieldsValue({ vehicleId: c?.vehicles[0]?.id ?? NEW_CAR });
  }

  async function theCustomer(v: Values): Promise<CustomerSummary> {
    if (!creating && customer) return customer;
    if (created.current.customer) return created.current.customer;
    const c = await unwrap(
      api.POST('/api/v1/staff/customers', {
        body: { name: v.name!.trim(), phone: v.phone!.trim() },
      }),
    );
    created.current.customer = c;
    return c;
  }

  async function theCar(customerId: string, v: Values): Promise<string> {
    if (!addingCar && v.vehicleId) return v.vehicleId;
    if (created.current.vehicleId) return created.current.vehicleId;
    const car = await unwrap(
      api.POST('/api/v1/staff/customers/{customerId}/vehicles', {
        params: { path: { customerId } },
        body: {
          plate: upper(v.plate),
          ...(v.make?.trim() ? { make: v.make.trim() } : {}),
          ...(v.model?.trim() ? { model: v.model.trim() } : {}),
        },
      }),
    );
    created.current.vehicleId = car.id;
    return car.id;
  }

  async function save() {
    if (!creating && !customer) {
      submit.setError(t('workshop.walkIn.pickCustomer'));
      return;
    }
    const order = await submit.run(async (v) => {
      const c = await theCustomer(v);
      const carId = await theCar(c.id, v);
      return unwrap(
        api.POST('/api/v1/staff/service-orders', {
          body: { customerId: c.id, vehicleId: carId, storeId: v.storeId! },
        }),
      );
    });
    if (!order) return;
    setOpen(false);
    message.success(t('workshop.walkIn.opened', { number: order.number }));
    navigate(`/service-orders/${order.id}`);
  }

  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={start}
        disabled={staff.stores.length === 0}
        data-testid="new-order-button"
      >
        {t('workshop.walkIn.button')}
      </Button>
      <Modal
        open={open}
        title={t('workshop.walkIn.title')}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        okText={t('workshop.walkIn.submit')}
        okButtonProps={{ loading: submit.busy, ...{ 'data-testid': 'walkin-submit' } }}
        destroyOnHidden
        width={600}
      >
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ storeId: store?.id ?? staff.stores[0]?.id }}
        >
          <Form.Item
            label={t('workshop.walkIn.customer')}
            extra={!creating && t('workshop.walkIn.searchHint')}
          >
            <Flex gap={8} align="center">
              {creating ? (
                <Typography.Text strong style={{ flex: 1 }}>
                  {t('workshop.walkIn.createCustomer')}
                </Typography.Text>
              ) : (
                <div style={{ flex: 1, minWidth: 0 }}>
                  <CustomerPicker value={customer} onChange={pick} testId="walkin-search" />
                </div>
              )}
              <Button
                icon={creating ? undefined : <UserAddOutlined />}
                onClick={() => {
                  setCreating(!creating);
                  form.setFieldsValue({ vehicleId: NEW_CAR });
                }}
                data-testid="walkin-create-customer"
              >
                {creating ? t('workshop.walkIn.backToSearch') : t('workshop.walkIn.createCustomer')}
              </Button>
            </Flex>
          </Form.Item>
          {creating && (
            <Flex gap={12}>
              <Form.Item
                name="name"
                label={t('workshop.walkIn.name')}
                style={{ flex: 1 }}
                rules={[
                  { required: true, whitespace: true, message: t('workshop.walkIn.nameRequired') },
                  { max: 50 },
                ]}
              >
                <Input data-testid="walkin-name" maxLength={50} />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('workshop.walkIn.phone')}
                style={{ flex: 1 }}
                rules={[
                  { required: true, whitespace: true, message: t('workshop.walkIn.phoneRequired') },
                ]}
              >
                <Input data-testid="walkin-phone" inputMode="tel" maxLength={20} />
              </Form.Item>
            </Flex>
          )}
          {!creating && cars.length > 0 && (
            <Form.Item
              name="vehicleId"
              label={t('workshop.walkIn.vehicle')}
              rules={[{ required: true, message: t('workshop.walkIn.pickVehicle') }]}
            >
              <Radio.Group
                data-testid="walkin-vehicle"
                options={[
                  ...cars.map((v) => ({
                    value: v.id,
                    label:
                      [v.plate, [v.make, v.model].filter(Boolean).join(' ')]
                        .filter(Boolean)
                        .join(' · ') || t('vehicle.noPlate'),
                  })),
                  { value: NEW_CAR, label: t('workshop.walkIn.addVehicle') },
                ]}
              />
            </Form.Item>
          )}
          {addingCar && (creating || customer) && (
            <Flex gap={12}>
              <Form.Item
                name="plate"
                label={t('workshop.walkIn.plate')}
                style={{ flex: 1 }}
                rules={[
                  { required: true, whitespace: true, message: t('workshop.walkIn.plateRequired') },
                ]}
              >
                <Input data-testid="walkin-plate" placeholder="粤A12345" maxLength={10} />
              </Form.Item>
              <Form.Item name="make" label={t('workshop.walkIn.make')} style={{ flex: 1 }}>
                <Input data-testid="walkin-make" maxLength={40} />
              </Form.Item>
              <Form.Item name="model" label={t('workshop.walkIn.model')} style={{ flex: 1 }}>
                <Input data-testid="walkin-model" maxLength={60} />
              </Form.Item>
            </Flex>
          )}
          <Form.Item
            name="storeId"
            label={t('workshop.walkIn.store')}
            rules={[{ required: true, message: t('serviceOrders.storeRequired') }]}
          >
            <Select
              data-testid="walkin-store"
              options={staff.stores.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        </Form>
        <ErrorAlert error={submit.error} onClose={() => submit.setError(null)} />
      </Modal>
    </>
  );
}
