import { useEffect, useState } from 'react';
import { Alert, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { errorText, showFieldError } from '../../kit/errors.ts';
import { changedFields, dateItemProps, filledFields } from '../../kit/forms.ts';
import { FUEL_TYPES } from '../../types.ts';
import type { FuelType, Vehicle, VehicleInput } from '../../types.ts';

interface Values {
  plate?: string;
  vin?: string;
  make?: string;
  model?: string;
  year?: number | null;
  fuelType?: FuelType | null;
  registrationDate?: string;
  insuranceExpiry?: string;
  nextInspectionDate?: string;
}

const FIELDS = [
  'plate',
  'vin',
  'make',
  'model',
  'year',
  'fuelType',
  'registrationDate',
  'insuranceExpiry',
  'nextInspectionDate',
] as const;

interface Props {
  open: boolean;
  customerId: string;
  /** The vehicle to edit; without it the form adds a vehicle to the customer. */
  vehicle?: Vehicle;
  onClose(): void;
  onSaved(vehicle: Vehicle): void;
}

const upper = (value: string | undefined) => (value ?? '').toUpperCase().replace(/\s+/g, '');

function initialValues(vehicle: Vehicle | undefined): Values {
  if (!vehicle) return {};
  return {
    plate: vehicle.plate ?? '',
    vin: vehicle.vin ?? '',
    make: vehicle.make ?? '',
    model: vehicle.model ?? '',
    year: vehicle.year,
    fuelType: vehicle.fuelType,
    registrationDate: vehicle.registrationDate ?? '',
    insuranceExpiry: vehicle.insuranceExpiry ?? '',
    nextInspectionDate: vehicle.nextInspectionDate ?? '',
  };
}

function normalise(values: Values): VehicleInput {
  return {
    plate: upper(values.plate) || null,
    vin: upper(values.vin) || null,
    make: values.make?.trim() || null,
    model: values.model?.trim() || null,
    year: values.year ?? null,
    // The server has no "unknown" fuel type: an empty choice is simply not sent.
    fuelType: values.fuelType ?? undefined,
    registrationDate: values.registrationDate || null,
    insuranceExpiry: values.insuranceExpiry || null,
    nextInspectionDate: values.nextInspectionDate || null,
  };
}

export default function VehicleFormModal({ open, customerId, vehicle, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = vehicle !== undefined;
  const thisYear = new Date().getFullYear();

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initialValues(vehicle));
      setError(null);
    }
  }, [open, vehicle, form]);

  async function submit(values: Values) {
    setSaving(true);
    setError(null);
    try {
      const body = normalise(values);
      let saved: Vehicle;
      if (vehicle) {
        const patch = changedFields(body, normalise(initialValues(vehicle)));
        saved =
          Object.keys(patch).length === 0
            ? vehicle
            : await unwrap(
                api.PATCH('/api/v1/staff/vehicles/{vehicleId}', {
                  params: { path: { vehicleId: vehicle.id } },
                  body: patch,
                }),
              );
      } else {
        saved = await unwrap(
          api.POST('/api/v1/staff/customers/{customerId}/vehicles', {
            params: { path: { customerId } },
            body: filledFields(body),
          }),
        );
      }
      onSaved(saved);
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={editing ? t('vehicleForm.editTitle') : t('vehicleForm.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      width={600}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        data-testid="vehicle-form"
        style={{ marginTop: 16 }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="plate"
              label={t('vehicle.plate')}
              normalize={(v: string) => v.toUpperCase()}
            >
              <Input
                maxLength={10}
                autoComplete="off"
                placeholder={t('vehicleForm.platePlaceholder')}
                data-testid="vehicle-form-plate"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="fuelType" label={t('vehicle.fuelType')}>
              <Select
                allowClear
                options={FUEL_TYPES.map((f) => ({ value: f, label: t(`fuel.${f}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="vin"
          label={t('vehicle.vin')}
          normalize={(v: string) => v.toUpperCase()}
          rules={[
            {
              validator: async (_rule, value: string | undefined) => {
                const vin = upper(value);
                if (vin && !/^[A-HJ-NPR-Z0-9]{17}$/.test(vin))
                  throw new Error(t('vehicleForm.vinFormat'));
              },
            },
          ]}
        >
          <Input
            maxLength={17}
            showCount
            autoComplete="off"
            style={{ fontFamily: 'monospace' }}
            data-testid="vehicle-form-vin"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="make" label={t('vehicle.make')}>
              <Input maxLength={40} placeholder={t('vehicleForm.makePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="model" label={t('vehicle.model')}>
              <Input maxLength={60} placeholder={t('vehicleForm.modelPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="year" label={t('vehicle.year')}>
              <InputNumber min={1950} max={thisYear + 1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="registrationDate"
              label={t('vehicle.registrationDate')}
              {...dateItemProps}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                data-testid="vehicle-form-registration"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="insuranceExpiry"
              label={t('profile.vehicle.insuranceExpiry')}
              {...dateItemProps}
            >
              <DatePicker style={{ width: '100%' }} data-testid="vehicle-form-insurance" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="nextInspectionDate"
              label={t('profile.vehicle.nextInspection')}
              {...dateItemProps}
            >
              <DatePicker style={{ width: '100%' }} data-testid="vehicle-form-inspection" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="form-error" />}
    </Modal>
  );
}
