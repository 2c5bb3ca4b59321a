import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { ErrorAlert, FieldGrid, FormModal, useLoad, useStateFor } from '../../kit/index.ts';
import { formatPhone } from '../../kit/format.ts';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import { todayIn, type Appointment } from './appointments.ts';
import SlotPicker from './SlotPicker.tsx';

interface CustomerOption {
  id: string;
  name: string | null;
  phone: string;
  vehicles: { id: string; plate: string | null; make: string | null; model: string | null }[];
}

/**
 * 新建预约 for a customer: from the day board (search the customer) or from the customer's page
 * (`customer` given). Store and day default to the board's.
 */
export default function BookingModal({
  open,
  customer,
  storeId: initialStore,
  date: initialDate,
  vehicleId: initialVehicle,
  category: initialCategory,
  autoPickSlot,
  onClose,
  onBooked,
}: {
  open: boolean;
  customer?: CustomerOption;
  storeId?: string | undefined;
  date?: string;
  /** The car to book (default: the customer's first). */
  vehicleId?: string | undefined;
  /** What the visit is for. */
  category?: string | undefined;
  /** Choose the day's first free slot at once (booking the next visit from an order). */
  autoPickSlot?: boolean;
  onClose: () => void;
  onBooked: (appointment: Appointment) => void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const zone = staff.tenant.timezone;
  // A fresh form each time the dialog opens.
  const [selected, setSelected] = useStateFor<CustomerOption | undefined>(open, customer);
  const [vehicleId, setVehicleId] = useStateFor(open, initialVehicle ?? customer?.vehicles[0]?.id);
  const [storeId, setStoreId] = useStateFor(open, initialStore ?? staff.stores[0]?.id);
  const today = todayIn(zone);
  const [date, setDate] = useStateFor(
    open,
    initialDate && initialDate >= today ? initialDate : today,
  );
  const [startsAt, setStartsAt] = useStateFor<string | undefined>(open, undefined);
  const [category, setCategory] = useStateFor<string | undefined>(open, initialCategory);
  const [notes, setNotes] = useStateFor(open, '');
  const [q, setQ] = useStateFor(open, '');
  const found = useLoad(
    () =>
      unwrap(api.GET('/api/v1/staff/customers', { params: { query: { q: q.trim(), limit: 20 } } })),
    [q],
    { enabled: q.trim().length >= 2 },
  );
  // The matches of the search, else the chosen customer (so the box shows their name).
  const options: CustomerOption[] =
    q.trim().length >= 2 && found.data ? found.data.items : selected ? [selected] : [];
  const vehicles = selected?.vehicles ?? [];

  async function submit() {
    try {
      return await unwrap(
        api.POST('/api/v1/staff/appointments', {
          body: {
            customerId: selected!.id,
            vehicleId: vehicleId ?? null,
            storeId: storeId!,
            startsAt: startsAt!,
            ...(category
              ? { serviceCategory: category as (typeof SERVICE_CATEGORIES)[number] }
              : {}),
            ...(notes.trim() ? { notes: notes.trim() } : {}),
          },
        }),
      );
    } catch (err) {
      setStartsAt(undefined); // the slot was taken meanwhile: pick another
      throw err;
    }
  }

  return (
    <FormModal
      open={open}
      title={t('appointments.create')}
      okText={t('appointments.book')}
      okDisabled={!selected || !storeId || !startsAt}
      okTestId="booking-submit"
      onSubmit={submit}
      onDone={onBooked}
      onClose={onClose}
      width={640}
    >
      <ErrorAlert error={found.error} style={{ marginBottom: 16 }} />
      <Form layout="vertical" component="div">
        <Form.Item label={t('appointments.customer')} required>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            value={selected?.id}
            disabled={Boolean(customer)}
            placeholder={t('appointments.customerSearch')}
            loading={found.loading}
            notFoundContent={null}
            onChange={(id) => {
              const c = options.find((o) => o.id === id);
              setSelected(c);
              setVehicleId(c?.vehicles[0]?.id);
            }}
            options={options.map((o) => ({
              value: o.id,
              label: `${o.name ?? t('customer.unnamed')} · ${formatPhone(o.phone)}`,
            }))}
            data-testid="booking-customer"
          />
        </Form.Item>
        <FieldGrid span={12}>
          <Form.Item label={t('appointments.vehicle')}>
            <Select
              value={vehicleId}
              onChange={setVehicleId}
              allowClear
              placeholder={t('appointments.noVehicle')}
              disabled={!selected}
              options={vehicles.map((v) => ({
                value: v.id,
                label: [
                  v.plate ?? t('vehicle.noPlate'),
                  [v.make, v.model].filter(Boolean).join(' '),
                ]
                  .filter(Boolean)
                  .join(' · '),
              }))}
              data-testid="booking-vehicle"
            />
          </Form.Item>
          <Form.Item label={t('appointments.store')} required>
            <Select
              value={storeId}
              onChange={(id) => {
                setStoreId(id);
                setStartsAt(undefined);
              }}
              options={staff.stores.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        </FieldGrid>
        <Form.Item label={t('appointments.time')} required>
          <SlotPicker
            storeId={storeId}
            date={date}
            onDateChange={setDate}
            value={startsAt}
            onChange={setStartsAt}
            autoPick={autoPickSlot}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label={t('appointments.category')}>
              <Select
                value={category}
                onChange={setCategory}
                allowClear
                options={SERVICE_CATEGORIES.map((c) => ({
                  value: c,
                  label: t(`appointments.categories.${c}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label={t('appointments.notes')}>
              <Input value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
