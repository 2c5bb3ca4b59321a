// Service intervals (保养间隔) of the tenant: the built-in defaults, overridden for every make or
// for one make, and the lead days of insurance, inspection and warranty reminders. Saving
// recomputes every car.
import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { DataTable, ErrorAlert, useLoad, useSubmit } from '../../kit/index.ts';
import { canManageDue, type DueSettings, type DueSettingsInput } from './DueCommon.tsx';

type Code = DueSettingsInput['intervals'][number]['code'];
type Row = DueSettingsInput['intervals'][number] & { rowKey: string };

let seq = 0;
const key = () => `r${++seq}`;

export default function DueSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const editable = canManageDue(staff);
  const [settings, setSettings] = useState<DueSettings | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [form] = Form.useForm<Omit<DueSettingsInput, 'intervals'>>();
  const submit = useSubmit(form);

  function show(s: DueSettings) {
    setSettings(s);
    form.setFieldsValue(s);
    // Every built-in code gets an "all makes" row (its override or the default), then per make.
    const all = s.builtIn.map((b) => {
      const o = s.intervals.find((i) => i.code === b.code && i.make === null);
      return {
        rowKey: key(),
        code: b.code as Code,
        make: null,
        intervalKm: o ? o.intervalKm : b.intervalKm,
        intervalMonths: o ? o.intervalMonths : b.intervalMonths,
        leadDays: o ? o.leadDays : b.leadDays,
        enabled: o ? o.enabled : true,
      };
    });
    const perMake = s.intervals
      .filter((i) => i.make !== null)
      .map((i) => ({ ...i, code: i.code as Code, rowKey: key() }));
    setRows([...all, ...perMake]);
  }

  const loaded = useLoad(() => unwrap(api.GET('/api/v1/staff/due/settings')), []);
  const error = loaded.error ?? submit.error;
  const first = loaded.data;
  useEffect(() => {
    if (first) show(first);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- shown once it is read
  }, [first]);

  const label = (code: string) => settings?.builtIn.find((b) => b.code === code)?.label ?? code;
  const update = (rowKey: string, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.rowKey === rowKey ? { ...r, ...patch } : r)));

  async function save() {
    // Only differences from the defaults are stored for "all makes".
    const intervals = rows
      .filter((r) => {
        if (r.make !== null) return true;
        const b = settings!.builtIn.find((x) => x.code === r.code)!;
        return (
          r.intervalKm !== b.intervalKm ||
          r.intervalMonths !== b.intervalMonths ||
          r.leadDays !== b.leadDays ||
          r.enabled === false
        );
      })
      .map(({ rowKey: _k, ...r }) => r);
    const saved = await submit.run((base) =>
      unwrap(api.PUT('/api/v1/staff/due/settings', { body: { ...base, intervals } })),
    );
    if (!saved) return;
    show(saved);
    message.success(t('due.settings.saved'));
  }

  const num = (r: Row, field: 'intervalKm' | 'intervalMonths' | 'leadDays', max: number) => (
    <InputNumber
      size="small"
      min={field === 'leadDays' ? 0 : 1}
      max={max}
      disabled={!editable}
      value={r[field] ?? null}
      placeholder="—"
      onChange={(v) => update(r.rowKey, { [field]: v ?? (field === 'leadDays' ? 0 : null) })}
      style={{ width: 110 }}
    />
  );
  const columns: TableColumnsType<Row> = [
    {
      title: t('due.settings.item'),
      key: 'code',
      render: (_, r) =>
        r.make === null ? (
          label(r.code)
        ) : (
          <Select
            size="small"
            disabled={!editable}
            value={r.code}
            style={{ width: 150 }}
            onChange={(code) => update(r.rowKey, { code })}
            options={settings?.builtIn.map((b) => ({ value: b.code, label: b.label }))}
          />
        ),
    },
    {
      title: t('due.settings.make'),
      key: 'make',
      render: (_, r) =>
        r.make === null ? (
          <Typography.Text type="secondary">{t('due.settings.allMakes')}</Typography.Text>
        ) : (
          <Input
            size="small"
            disabled={!editable}
            value={r.make}
            maxLength={40}
            style={{ width: 120 }}
            onChange={(e) => update(r.rowKey, { make: e.target.value })}
          />
        ),
    },
    { title: t('due.settings.km'), key: 'km', render: (_, r) => num(r, 'intervalKm', 200_000) },
    {
      title: t('due.settings.months'),
      key: 'months',
      render: (_, r) => num(r, 'intervalMonths', 120),
    },
    { title: t('due.settings.lead'), key: 'lead', render: (_, r) => num(r, 'leadDays', 180) },
    {
      title: t('due.settings.enabled'),
      key: 'enabled',
      render: (_, r) => (
        <Switch
          size="small"
          disabled={!editable}
          checked={r.enabled !== false}
          onChange={(enabled) => update(r.rowKey, { enabled })}
        />
      ),
    },
    {
      key: 'remove',
      render: (_, r) =>
        r.make !== null && editable ? (
          <Button
            size="small"
            type="text"
            icon={<DeleteOutlined />}
            onClick={() => setRows((rs) => rs.filter((x) => x.rowKey !== r.rowKey))}
          />
        ) : null,
    },
  ];

  return (
    <Card title={t('due.settings.title')}>
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Typography.Paragraph type="secondary">
        {t('due.settings.hint', {
          fleet: settings?.fleetDailyKm != null ? Math.round(settings.fleetDailyKm) : '—',
          fallback: settings?.globalDefaultDailyKm ?? 35,
        })}
      </Typography.Paragraph>
      <DataTable<Row>
        size="small"
        rowKey="rowKey"
        columns={columns}
        dataSource={rows}
        loading={settings === null && !error}
      />
      {editable && (
        <Button
          style={{ marginTop: 8 }}
          icon={<PlusOutlined />}
          onClick={() =>
            setRows((rs) => [
              ...rs,
              {
                rowKey: key(),
                code: 'oil_change',
                make: '',
                intervalKm: 10_000,
                intervalMonths: 12,
                leadDays: 30,
                enabled: true,
              },
            ])
          }
        >
          {t('due.settings.addMake')}
        </Button>
      )}
      <Form form={form} layout="inline" style={{ marginTop: 24, rowGap: 12 }} disabled={!editable}>
        <Form.Item name="insuranceLeadDays" label={t('due.settings.insuranceLead')}>
          <InputNumber min={0} max={180} />
        </Form.Item>
        <Form.Item name="inspectionLeadDays" label={t('due.settings.inspectionLead')}>
          <InputNumber min={0} max={180} />
        </Form.Item>
        <Form.Item name="warrantyYears" label={t('due.settings.warrantyYears')}>
          <InputNumber min={1} max={15} />
        </Form.Item>
        <Form.Item name="warrantyKm" label={t('due.settings.warrantyKm')}>
          <InputNumber min={1000} max={1_000_000} />
        </Form.Item>
        <Form.Item name="warrantyLeadDays" label={t('due.settings.warrantyLead')}>
          <InputNumber min={0} max={365} />
        </Form.Item>
        <Form.Item name="defaultDailyKm" label={t('due.settings.defaultDailyKm')}>
          <InputNumber min={1} max={500} />
        </Form.Item>
      </Form>
      {editable && (
        <Flex justify="end" style={{ marginTop: 16 }}>
          <Button type="primary" loading={submit.busy} onClick={() => void save()}>
            {t('due.settings.save')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
