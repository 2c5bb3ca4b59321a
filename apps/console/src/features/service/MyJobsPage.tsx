// 我的工单: a technician's own jobs (open first, then those completed today) with their lines
// and labour time; owners and managers also pick any technician and a date range and see the
// work and total hours.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, DatePicker, Empty, Flex, List, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { DataTable, ErrorAlert, StatCards, useLoad } from '../../kit/index.ts';
import { formatDateTime, todayIn } from '../../kit/format.ts';
import { ServiceOrderStatusTag } from './ServiceOrderStatusTag.tsx';
import {
  canLeadWorkshop,
  TechnicianSelect,
  useFormatHours,
  useTechnicians,
  type TechnicianJob,
} from './technicians.tsx';

function JobCard({ job, timeZone }: { job: TechnicianJob; timeZone: string }) {
  const { t } = useTranslation();
  const hours = useFormatHours();
  return (
    <Card
      size="small"
      data-testid="job-card"
      data-status={job.status}
      title={
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {job.plate ?? t('vehicle.noPlate')}
          </Typography.Text>
          {job.vehicleName && <Typography.Text type="secondary">{job.vehicleName}</Typography.Text>}
          <ServiceOrderStatusTag status={job.status} />
        </Flex>
      }
      extra={<Link to={`/service-orders/${job.orderId}`}>{job.number}</Link>}
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">
          {t('workshop.myJobs.customer')}: {job.customerName ?? t('customer.unnamed')} ·{' '}
          {job.storeName} · {formatDateTime(job.completedAt ?? job.openedAt, timeZone)}
          {job.leadTechnicianName && ` · ${t('workshop.technician')}: ${job.leadTechnicianName}`}
        </Typography.Text>
        {job.notes && <Typography.Text>{job.notes}</Typography.Text>}
        <List
          size="small"
          dataSource={job.lines}
          renderItem={(l) => (
            <List.Item
              data-testid="job-line"
              style={{ opacity: l.mine ? 1 : 0.6 }}
              extra={l.kind === 'labour' ? hours(l.labourMinutes) : null}
            >
              <Flex gap={8} align="center" wrap>
                <Tag color={l.kind === 'part' ? 'geekblue' : 'green'}>
                  {t(`serviceOrders.kind.${l.kind}`)}
                </Tag>
                <span>
                  {l.description}
                  {l.quantity > 1 && ` × ${l.quantity}`}
                </span>
                {l.mine ? (
                  <Tag color="orange">{t('workshop.myJobs.mine')}</Tag>
                ) : (
                  l.technicianName && (
                    <Typography.Text type="secondary">{l.technicianName}</Typography.Text>
                  )
                )}
              </Flex>
            </List.Item>
          )}
        />
      </Flex>
    </Card>
  );
}

function MyJobs({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const hours = useFormatHours();
  const jobs = useLoad(() => unwrap(api.GET('/api/v1/staff/me/jobs')), []);
  const items = jobs.data?.items ?? [];
  return (
    <Flex vertical gap={16} data-testid="my-jobs">
      <StatCards
        items={[
          {
            title: t('workshop.myJobs.open'),
            value: items.filter((j) => j.status === 'open').length,
            valueTestId: 'my-jobs-open',
            loading: jobs.loading && !jobs.data,
          },
          {
            title: t('workshop.myJobs.doneToday'),
            value: items.filter((j) => j.status !== 'open').length,
            loading: jobs.loading && !jobs.data,
          },
          {
            title: t('workshop.myJobs.hoursToday'),
            value: hours(jobs.data?.totalLabourMinutes ?? 0),
            valueTestId: 'my-jobs-hours',
            loading: jobs.loading && !jobs.data,
          },
        ]}
      />
      <ErrorAlert error={jobs.error} onRetry={() => void jobs.reload()} />
      {jobs.data && items.length === 0 && <Empty description={t('workshop.myJobs.empty')} />}
      <Flex vertical gap={12}>
        {items.map((job) => (
          <JobCard key={job.orderId} job={job} timeZone={timeZone} />
        ))}
      </Flex>
    </Flex>
  );
}

/** Owners and managers: any technician's work and total hours over a date range. */
function TechnicianHours({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const hours = useFormatHours();
  const technicians = useTechnicians(undefined);
  const [picked, setPicked] = useState<string | null>(null);
  const staffId = picked ?? technicians.data?.[0]?.id ?? null;
  const today = dayjs(todayIn(timeZone));
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('month'), today]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const work = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/technicians/{staffId}/jobs', {
          params: { path: { staffId: staffId! }, query: { from, to } },
        }),
      ),
    [staffId, from, to],
    { enabled: staffId !== null },
  );
  const columns: TableColumnsType<TechnicianJob> = [
    {
      title: t('order.number'),
      key: 'number',
      width: 190,
      render: (_, j) => <Link to={`/service-orders/${j.orderId}`}>{j.number}</Link>,
    },
    {
      title: t('workshop.hours.doneAt'),
      key: 'doneAt',
      width: 150,
      render: (_, j) => formatDateTime(j.completedAt ?? j.openedAt, timeZone),
    },
    { title: t('vehicle.plate'), key: 'plate', width: 110, render: (_, j) => j.plate ?? '' },
    {
      title: t('workshop.myJobs.customer'),
      key: 'customer',
      width: 100,
      render: (_, j) => j.customerName ?? t('customer.unnamed'),
    },
    {
      title: t('order.summary'),
      key: 'lines',
      ellipsis: true,
      render: (_, j) =>
        j.lines
          .filter((l) => l.mine)
          .map((l) => l.description)
          .join(' · '),
    },
    {
      title: t('workshop.hours.myMinutes'),
      key: 'minutes',
      width: 110,
      align: 'right',
      render: (_, j) => hours(j.labourMinutes),
    },
    {
      title: t('order.status'),
      key: 'status',
      width: 90,
      render: (_, j) => <ServiceOrderStatusTag status={j.status} />,
    },
  ];
  return (
    <Card
      title={t('workshop.hours.title')}
      data-testid="technician-hours"
      extra={
        <Flex gap={8} wrap>
          <TechnicianSelect
            technicians={technicians.data}
            value={staffId}
            allowClear={false}
            onChange={(v) => setPicked(v)}
            data-testid="hours-technician"
          />
          <DatePicker.RangePicker
            allowClear={false}
            value={range}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
            data-testid="hours-range"
          />
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <StatCards
          items={[
            {
              title: t('workshop.hours.orders'),
              value: work.data?.orderCount ?? null,
              loading: work.loading && !work.data,
            },
            {
              title: t('workshop.hours.total'),
              value: hours(work.data?.totalLabourMinutes ?? 0),
              valueTestId: 'hours-total',
              loading: work.loading && !work.data,
            },
          ]}
        />
        <ErrorAlert error={work.error ?? technicians.error} />
        <DataTable<TechnicianJob>
          size="middle"
          rowKey="orderId"
          columns={columns}
          dataSource={work.data?.items ?? []}
          loading={work.loading}
          locale={{
            emptyText: staffId ? t('workshop.hours.empty') : t('workshop.hours.pickFirst'),
          }}
        />
      </Flex>
    </Card>
  );
}

export default function MyJobsPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const timeZone = staff.tenant.timezone;
  return (
    <Flex vertical gap={16} data-testid="my-jobs-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('workshop.myJobs.title')}
      </Typography.Title>
      <MyJobs timeZone={timeZone} />
      {canLeadWorkshop(staff) && <TechnicianHours timeZone={timeZone} />}
    </Flex>
  );
}
