import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';
import { formatPhone } from '../../kit/format.ts';
import { SERVICE_CATEGORIES, todayIn, type Appointment } from './appointments.ts';
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
  onClose,
  onBooked,
}: {
  open: boolean;
  customer?: CustomerOption;
  storeId?: string | undefined;
  date?: string;
  onClose: () => void;
  onBooked: (appointment: Appointment) => void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const zone = staff.tenant.timezone;
  const [selected, setSelected] = useState<CustomerOption | undefined>(customer);
  const [options, setOptions] = useState<CustomerOption[]>([]);
  const [searching, setSearching] = useState(false);
  const [vehicleId, setVehicleId] = useState<string | undefined>();
  const [storeId, setStoreId] = useState<string | undefined>(initialStore);
  const [date, setDate] = useState(initialDate ?? todayIn(zone));
  const [startsAt, setStartsAt] = useState<string | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const [notes, setNotes] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const searchSeq = useRef(0);

  // A fresh form each time the dialog opens.
  useEffect(() => {
    if (!open) return;
    setSelected(customer);
    setOptions(customer ? [customer] : []);
    setVehicleId(customer?.vehicles[0]?.id);
    setStoreId(initialStore ?? staff.stores[0]?.id);
    setDate(initialDate && initialDate >= todayIn(zone) ? initialDate : todayIn(zone));
    setStartsAt(undefined);
    setCategory(undefined);
    setNotes('');
    setError(null);
  }, [open, customer, initialStore, initialDate, staff.stores, zone]);

  async function search(q: string) {
    const mine = ++searchSeq.current;
    if (q.trim().length < 2) return;
    setSearching(true);
    try {
      const page = await unwrap(
        api.GET('/api/v1/staff/customers', { params: { query: { q: q.trim(), limit: 20 } } }),
      );
      if (mine === searchSeq.current) setOptions(page.items);
    } catch (err) {
      if (mine === searchSeq.current) setError(errorText(err, t));
    } finally {
      if (mine === searchSeq.current) setSearching(false);
    }
  }

  const vehicles = useMemo(() => selected?.vehicles ?? [], [selected]);

  async function submit() {
    if (!selected || !storeId || !startsAt) return;
    setSaving(true);
    setError(null);
    try {
      const booked = await unwrap(
        api.POST('/api/v1/staff/appointments', {
          body: {
            customerId: selected.id,
            vehicleId: vehicleId ?? null,
            storeId,
            startsAt,
            ...(category
              ? { serviceCategory: category as (typeof SERVICE_CATEGORIES)[number] }
              : {}),
            ...(notes.trim() ? { notes: notes.trim() } : {}),
          },
        }),
      );
      onBooked(booked);
    } catch (err) {
      setError(errorText(err, t));
      setStartsAt(undefined);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('appointments.create')}
      okText={t('appointments.book')}
      okButtonProps={{
        disabled: !selected || !storeId || !startsAt,
        loading: saving,
        ...({ 'data-testid': 'booking-submit' } as object),
      }}
      onOk={() => void submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('appointments.customer')} required>
          <Select
            showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
            value={selected?.id}
            disabled={Boolean(customer)}
            placeholder={t('appointments.customerSearch')}
            loading={searching}
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
        <Row gutter={16}>
          <Col span={12}>
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
          </Col>
          <Col span={12}>
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
          </Col>
        </Row>
        <Form.Item label={t('appointments.time')} required>
          <SlotPicker
            storeId={storeId}
            date={date}
            onDateChange={setDate}
            value={startsAt}
            onChange={(s) => setStartsAt(s)}
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
    </Modal>
  );
}
