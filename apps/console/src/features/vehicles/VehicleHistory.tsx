import { Col, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { DataTable, dateTimeColumn, ErrorAlert, useLoad } from '../../kit/index.ts';
import { formatDay, formatKm } from '../../kit/format.ts';
import { useVehicleVersion } from './vehicles.ts';
import type { OdometerReading, Ownership } from './vehicles.ts';

const SOURCE_COLOR: Record<OdometerReading['source'], string> = {
  order: 'blue',
  owner: 'green',
  import: 'purple',
  staff: 'default',
};

/** A car's odometer readings (里程记录) and owners (车主记录), side by side. */
export default function VehicleHistory({
  vehicleId,
  currentCustomerId,
  timeZone,
}: {
  vehicleId: string;
  currentCustomerId: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const version = useVehicleVersion(vehicleId);
  const path = { params: { path: { vehicleId } } };
  const loaded = useLoad(
    () =>
      Promise.all([
        unwrap(api.GET('/api/v1/staff/vehicles/{vehicleId}/odometer', path)),
        unwrap(api.GET('/api/v1/staff/vehicles/{vehicleId}/owners', path)),
      ]),
    [vehicleId, version],
  );
  const readings = loaded.data?.[0].items ?? null;
  const owners = loaded.data?.[1].items ?? null;
  const error = loaded.error;

  const readingColumns: TableColumnsType<OdometerReading> = [
    dateTimeColumn(t('profile.odometer.readAt'), (r) => r.readAt, timeZone, 150),
    {
      title: t('profile.odometer.mileage'),
      key: 'mileage',
      align: 'right',
      width: 120,
      render: (_, r) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatKm(r.mileageKm)}</span>
      ),
    },
    {
      title: t('profile.odometer.source'),
      key: 'source',
      render: (_, r) => (
        <Tag color={SOURCE_COLOR[r.source]} style={{ marginInlineEnd: 0 }}>
          {t(`profile.odometerSource.${r.source}`, { defaultValue: r.source })}
        </Tag>
      ),
    },
  ];

  const ownerColumns: TableColumnsType<Ownership> = [
    {
      title: t('profile.owners.owner'),
      key: 'owner',
      render: (_, o) =>
        o.customerId === currentCustomerId ? (
          <Typography.Text strong>{o.customerName ?? t('customer.unnamed')}</Typography.Text>
        ) : (
          <Link to={`/customers/${o.customerId}`}>{o.customerName ?? t('customer.unnamed')}</Link>
        ),
    },
    {
      title: t('profile.owners.period'),
      key: 'period',
      width: 190,
      render: (_, o) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDay(o.fromAt, timeZone)} ~{' '}
          {o.toAt ? formatDay(o.toAt, timeZone) : t('profile.owners.now')}
        </span>
      ),
    },
    {
      title: t('profile.owners.reason'),
      key: 'reason',
      ellipsis: true,
      render: (_, o) => o.reason ?? '—',
    },
  ];

  return (
    <>
      <ErrorAlert error={error} style={{ marginTop: 16 }} />
      <Row gutter={24} style={{ marginTop: 16 }}>
        <Col xs={24} xl={11}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('profile.odometer.title')}
          </Typography.Title>
          <DataTable<OdometerReading>
            size="small"
            columns={readingColumns}
            dataSource={readings ?? []}
            loading={readings === null && !error}
            pagination={{ pageSize: 5, size: 'small', hideOnSinglePage: true }}
            locale={{ emptyText: t('profile.odometer.empty') }}
            data-testid="odometer-history"
          />
        </Col>
        <Col xs={24} xl={13}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('profile.owners.title')}
          </Typography.Title>
          <Table<Ownership>
            size="small"
            rowKey={(o) => `${o.customerId}.${o.fromAt}`}
            columns={ownerColumns}
            dataSource={owners ?? []}
            loading={owners === null && !error}
            pagination={{ pageSize: 5, size: 'small', hideOnSinglePage: true }}
            locale={{ emptyText: t('profile.owners.empty') }}
            data-testid="ownership-history"
          />
        </Col>
      </Row>
    </>
  );
}
