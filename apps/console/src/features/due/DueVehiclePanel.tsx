// A car's due-list on the customer page: what it needs next, when and why, the mileage
// estimate, and the recalls / reminders staff enter (add, mark done).
import { useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  DataTable,
  ErrorAlert,
  FormModal,
  Thumbnails,
  useAction,
  useLoad,
} from '../../kit/index.ts';
import { EMPTY, formatKm } from '../../kit/format.ts';
import {
  DueStatusTag,
  canEditDueItems,
  type CustomDueItemInput,
  type DueItem,
} from './DueCommon.tsx';

interface AddValues {
  kind: 'recall' | 'custom';
  title: string;
  description?: string;
  dueDate?: Dayjs | null;
  dueKm?: number | null;
}

function AddDueItemModal({
  vehicleId,
  open,
  onClose,
  onDone,
}: {
  vehicleId: string;
  open: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AddValues>();
  const save = (v: AddValues) =>
    unwrap(
      api.POST('/api/v1/staff/vehicles/{vehicleId}/due-items', {
        params: { path: { vehicleId } },
        body: {
          kind: v.kind,
          title: v.title,
          description: v.description?.trim() ? v.description : null,
          dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
          dueKm: v.dueKm ?? null,
          leadDays: 30,
        } satisfies CustomDueItemInput,
      }),
    );
  return (
    <FormModal
      open={open}
      title={t('due.add.title')}
      form={form}
      fields={['title', 'description', 'dueDate', 'dueKm']}
      onSubmit={save}
      onDone={onDone}
      onClose={onClose}
      formProps={{ initialValues: { kind: 'recall' } }}
    >
      <Form.Item name="kind" label={t('due.add.kind')}>
        <Select
          options={[
            { value: 'recall', label: t('due.kind.recall') },
            { value: 'custom', label: t('due.kind.custom') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('due.add.itemTitle')}
        rules={[{ required: true, whitespace: true, max: 100 }]}
      >
        <Input data-testid="due-add-title" placeholder={t('due.add.titlePlaceholder')} />
      </Form.Item>
      <Form.Item name="description" label={t('due.add.description')} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="dueDate" label={t('due.add.dueDate')} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="dueKm" label={t('due.add.dueKm')} style={{ flex: 1 }}>
          <InputNumber min={1} max={2_000_000} style={{ width: '100%' }} addonAfter="km" />
        </Form.Item>
      </Flex>
      <Typography.Text type="secondary">{t('due.add.hint')}</Typography.Text>
    </FormModal>
  );
}

export default function DueVehiclePanel({ vehicleId }: { vehicleId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const [adding, setAdding] = useState(false);
  const action = useAction();

  const {
    data: loaded,
    error,
    reload: load,
  } = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/vehicles/{vehicleId}/due', { params: { path: { vehicleId } } }),
      ),
    [vehicleId],
  );
  const due = loaded ?? null;

  async function markDone(item: DueItem) {
    const id = item.customItemId;
    if (!id) return;
    const done = await action.run(id, () =>
      unwrap(
        api.PATCH('/api/v1/staff/due-items/{dueItemId}', {
          params: { path: { dueItemId: id } },
          body: { status: 'done' },
        }),
      ),
    );
    if (done !== undefined) void load();
  }

  const columns: TableColumnsType<DueItem> = [
    {
      title: t('due.col.item'),
      key: 'label',
      render: (_, i) => (
        <span data-testid="due-label">
          {i.label}
          {(i.kind === 'recall' || i.kind === 'custom') && (
            <Typography.Text type="secondary"> · {t(`due.kind.${i.kind}`)}</Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('due.col.status'),
      key: 'status',
      width: 90,
      render: (_, i) => <DueStatusTag status={i.status} />,
    },
    {
      title: t('due.col.dueDate'),
      key: 'dueDate',
      width: 120,
      render: (_, i) => (
        <Tooltip title={t(`due.trigger.${i.trigger}`)}>
          <span data-testid="due-date">{i.dueDate}</span>
        </Tooltip>
      ),
    },
    {
      title: t('due.col.dueKm'),
      key: 'dueKm',
      width: 110,
      render: (_, i) => (i.dueKm != null ? formatKm(i.dueKm) : EMPTY),
    },
    {
      title: t('due.col.why'),
      key: 'why',
      render: (_, i) => (
        <>
          {i.note && <div data-testid="due-note">{i.note}</div>}
          <Typography.Text type="secondary" data-testid="due-why">
            {i.why}
          </Typography.Text>
          {i.photos.length > 0 && (
            <div style={{ marginTop: 4 }}>
              <Thumbnails photos={i.photos} width={56} height={42} testId="due-photo" />
            </div>
          )}
        </>
      ),
    },
    ...(canEditDueItems(staff)
      ? [
          {
            key: 'actions',
            width: 80,
            render: (_: unknown, i: DueItem) =>
              i.customItemId ? (
                <Button
                  size="small"
                  type="link"
                  icon={<CheckOutlined />}
                  onClick={() => void markDone(i)}
                >
                  {t('due.done')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  const m = due?.mileage;
  return (
    <div data-testid="due-panel" style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('due.panelTitle')}
        </Typography.Title>
        {canEditDueItems(staff) && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="due-add"
          >
            {t('due.add.button')}
          </Button>
        )}
      </Flex>
      {m && (
        <Typography.Paragraph
          type="secondary"
          style={{ marginBottom: 8 }}
          data-testid="due-mileage"
        >
          {t('due.mileage', {
            daily: m.dailyKm,
            today: m.predictedKmToday != null ? formatKm(m.predictedKmToday) : EMPTY,
            confidence: t(`due.confidence.${m.confidence}`),
            source: t(`due.source.${m.source}`),
            used: m.readingsUsed,
            total: m.readingsTotal,
          })}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={error} style={{ marginBottom: 8 }} />
      <DataTable<DueItem>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={due?.items ?? []}
        loading={due === null && !error}
        locale={{ emptyText: t('due.empty') }}
      />
      <AddDueItemModal
        vehicleId={vehicleId}
        open={adding}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          void message.success(t('due.add.saved'));
          void load();
        }}
      />
    </div>
  );
}
