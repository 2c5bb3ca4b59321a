import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { DateField, FieldGrid, FormModal } from '../../kit/index.ts';
import { filledFields, savePatch } from '../../kit/forms.ts';
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
  const thisYear = new Date().getFullYear();

  function save(values: Values): Promise<Vehicle> {
    const body = normalise(values);
    if (vehicle)
      return savePatch(vehicle, body, normalise(initialValues(vehicle)), (patch) =>
        unwrap(
          api.PATCH('/api/v1/staff/vehicles/{vehicleId}', {
            params: { path: { vehicleId: vehicle.id } },
            body: patch,
          }),
        ),
      );
    return unwrap(
      api.POST('/api/v1/staff/customers/{customerId}/vehicles', {
        params: { path: { customerId } },
        body: filledFields(body),
      }),
    );
  }

  return (
    <FormModal
      open={open}
      title={vehicle ? t('vehicleForm.editTitle') : t('vehicleForm.createTitle')}
      form={form}
      fields={FIELDS}
      values={initialValues(vehicle)}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okText={t('common.save')}
      width={600}
      testId="vehicle-form"
      formProps={{ style: { marginTop: 16 } }}
    >
      <FieldGrid span={12}>
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
        <Form.Item name="fuelType" label={t('vehicle.fuelType')}>
          <Select
            allowClear
            options={FUEL_TYPES.map((f) => ({ value: f, label: t(`fuel.${f}`) }))}
          />
        </Form.Item>
      </FieldGrid>
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
      <FieldGrid span={8}>
        <Form.Item name="make" label={t('vehicle.make')}>
          <Input maxLength={40} placeholder={t('vehicleForm.makePlaceholder')} />
        </Form.Item>
        <Form.Item name="model" label={t('vehicle.model')}>
          <Input maxLength={60} placeholder={t('vehicleForm.modelPlaceholder')} />
        </Form.Item>
        <Form.Item name="year" label={t('vehicle.year')}>
          <InputNumber min={1950} max={thisYear + 1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </FieldGrid>
      <FieldGrid span={8}>
        <DateField
          name="registrationDate"
          label={t('vehicle.registrationDate')}
          testId="vehicle-form-registration"
          past
        />
        <DateField
          name="insuranceExpiry"
          label={t('profile.vehicle.insuranceExpiry')}
          testId="vehicle-form-insurance"
        />
        <DateField
          name="nextInspectionDate"
          label={t('profile.vehicle.nextInspection')}
          testId="vehicle-form-inspection"
        />
      </FieldGrid>
    </FormModal>
  );
}
