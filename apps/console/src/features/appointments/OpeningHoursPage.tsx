import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  InputNumber,
  Result,
  Skeleton,
  Switch,
  TimePicker,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DataTable, UserError, useLoad, useSubmit } from '../../kit/index.ts';
import { ApiError, api, unwrap, useStaff } from '../../api.ts';
import { canEditHours, usePageStore, type OpeningDay } from './appointments.ts';

/** Monday first, as a Chinese week is shown. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

interface Row extends OpeningDay {
  open: boolean;
}

const DEFAULT_DAY = { opensAt: '08:30', closesAt: '18:00', slotMinutes: 60, capacity: 3 };

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** 营业时间: a store's week — open or closed per weekday, hours, slot length and capacity. */
export default function OpeningHoursPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const storeId = usePageStore();
  const storeName = staff.stores.find((s) => s.id === storeId)?.name;
  const [rows, setRows] = useState<Row[] | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [stale, setStale] = useState(false);
  const submit = useSubmit();
  const editable = canEditHours(staff.role);

  const loaded = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/stores/{storeId}/opening-hours', {
          params: { path: { storeId: storeId! } },
        }),
      ),
    [storeId],
    { enabled: Boolean(storeId) },
  );
  const hours = loaded.data;
  const timeZone = hours?.timeZone ?? '';
  // The week as read (again) from the server is what the table edits.
  useEffect(() => {
    if (!hours) return;
    setRows(
      WEEK.map((weekday) => {
        const day = hours.days.find((d) => d.weekday === weekday);
        return day ? { ...day, open: true } : { weekday, ...DEFAULT_DAY, open: false };
      }),
    );
    setEtag(hours.etag);
    setDirty(false);
    setStale(false);
    submit.setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new answer only
  }, [hours]);
  // Another store's week is not shown while this store's loads.
  useEffect(() => setRows(null), [storeId]);
  const load = () => void loaded.reload();
  const error = loaded.error ?? submit.error;

  const update = (weekday: number, patch: Partial<Row>) => {
    setRows((prev) => prev?.map((r) => (r.weekday === weekday ? { ...r, ...patch } : r)) ?? prev);
    setDirty(true);
  };

  const invalid = (r: Row) =>
    r.open &&
    (minutes(r.closesAt) <= minutes(r.opensAt) ||
      minutes(r.opensAt) + r.slotMinutes > minutes(r.closesAt));

  async function save() {
    if (!rows || !storeId || !etag) return;
    const saved = await submit.run(async () => {
      try {
        return await unwrap(
          api.PUT('/api/v1/staff/stores/{storeId}/opening-hours', {
            params: { path: { storeId } },
            headers: { 'If-Match': etag },
            body: {
              days: rows
                .filter((r) => r.open)
                .map(({ weekday, opensAt, closesAt, slotMinutes, capacity }) => ({
                  weekday,
                  opensAt,
                  closesAt,
                  slotMinutes,
                  capacity,
                })),
            },
          }),
        );
      } catch (err) {
        // Someone else saved the week meanwhile: read it again before changing it.
        const isStale = err instanceof ApiError && err.status === 412;
        setStale(isStale);
        throw isStale ? new UserError(t('hours.stale')) : err;
      }
    });
    if (!saved) return;
    setEtag(saved.etag);
    setDirty(false);
    message.success(t('hours.saved'));
  }

  const columns: TableColumnsType<Row> = [
    {
      title: t('hours.weekday'),
      key: 'weekday',
      width: 110,
      render: (_, r) => (
        <Typography.Text strong>{t(`hours.weekdays.${r.weekday}`)}</Typography.Text>
      ),
    },
    {
      title: t('hours.open'),
      key: 'open',
      width: 90,
      render: (_, r) => (
        <Switch
          checked={r.open}
          disabled={!editable}
          onChange={(open) => update(r.weekday, { open })}
          checkedChildren={t('hours.openShort')}
          unCheckedChildren={t('hours.closedShort')}
          data-testid={`hours-open-${r.weekday}`}
        />
      ),
    },
    {
      title: t('hours.hours'),
      key: 'hours',
      render: (_, r) =>
        r.open ? (
          <Flex vertical gap={4}>
            <TimePicker.RangePicker
              format="HH:mm"
              minuteStep={5}
              allowClear={false}
              disabled={!editable}
              status={invalid(r) ? 'error' : undefined}
              value={[dayjs(`2000-01-01T${r.opensAt}`), dayjs(`2000-01-01T${r.closesAt}`)]}
              order={false}
              style={{ width: 260 }}
              onChange={(v) => {
                if (v?.[0] && v[1])
                  update(r.weekday, {
                    opensAt: v[0].format('HH:mm'),
                    closesAt: v[1].format('HH:mm'),
                  });
              }}
            />
            {invalid(r) && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('hours.invalid')}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('hours.closed')}</Typography.Text>
        ),
    },
    {
      title: t('hours.slotMinutes'),
      key: 'slot',
      width: 150,
      render: (_, r) => (
        <InputNumber
          min={10}
          max={480}
          step={10}
          precision={0}
          disabled={!editable || !r.open}
          value={r.slotMinutes}
          suffix={t('hours.minutes')}
          onChange={(v) => typeof v === 'number' && update(r.weekday, { slotMinutes: v })}
          style={{ width: 120 }}
        />
      ),
    },
    {
      title: t('hours.capacity'),
      key: 'capacity',
      width: 150,
      render: (_, r) => (
        <InputNumber
          min={0}
          max={500}
          precision={0}
          disabled={!editable || !r.open}
          value={r.capacity}
          suffix={t('hours.cars')}
          onChange={(v) => typeof v === 'number' && update(r.weekday, { capacity: v })}
          style={{ width: 120 }}
        />
      ),
    },
  ];

  if (!storeId) return <Result status="info" title={t('layout.noStore')} />;

  return (
    <Flex vertical gap={16} data-testid="opening-hours-page">
      <div>
        <Link to="/appointments">
          <ArrowLeftOutlined /> {t('hours.back')}
        </Link>
      </div>
      <Card
        title={
          <Flex align="center" gap={12} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('hours.title')}
            </Typography.Title>
            {storeName && <Typography.Text strong>{storeName}</Typography.Text>}
            {timeZone && (
              <Typography.Text type="secondary">
                {t('hours.timeZone', { zone: timeZone })}
              </Typography.Text>
            )}
          </Flex>
        }
        extra={
          editable && (
            <Button
              type="primary"
              loading={submit.busy}
              disabled={!dirty || !rows || rows.some(invalid)}
              onClick={() => void save()}
              data-testid="hours-save"
            >
              {t('common.save')}
            </Button>
          )
        }
      >
        {!editable && (
          <Alert type="info" showIcon title={t('hours.readOnly')} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert
            type={stale ? 'warning' : 'error'}
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            action={
              <Button size="small" onClick={load}>
                {stale ? t('hours.reload') : t('common.retry')}
              </Button>
            }
          />
        )}
        {!rows ? (
          <Skeleton active paragraph={{ rows: 7 }} />
        ) : (
          <DataTable<Row> rowKey="weekday" columns={columns} dataSource={rows} size="middle" />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('hours.hint')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
