// 活动: the shop's trips, workshops, test drives and meetups — upcoming soonest first, or past
// ones latest first — with places taken, waitlist, check-ins and no-shows; owner and manager
// create them (as drafts) and open one to publish it, check people in and export attendance.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Flex, Segmented, Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import { StatusTag, TableCard, useLoad, type DataColumn } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { EventModal } from './EventModal.tsx';
import { canKeepEvents, STATUS_COLORS, type EventItem } from './events.ts';

type When = 'upcoming' | 'past';

export default function EventListPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const tz = useSession().staff?.tenant.timezone ?? 'Asia/Shanghai';
  const navigate = useNavigate();
  const [when, setWhen] = useState<When>('upcoming');
  const [creating, setCreating] = useState(false);
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/staff/activities', { params: { query: { when } } })),
    [when],
  );

  const columns: DataColumn<EventItem>[] = [
    {
      title: t('events.column.title'),
      dataIndex: 'title',
      render: (_, e) => (
        <Flex vertical>
          <Link to={`/events/${e.id}`} data-testid="event-link">
            {e.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`events.kind.${e.kind}`)} · {e.place || e.storeName || ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('events.column.startsAt'),
      key: 'startsAt',
      width: 150,
      render: (_, e) => formatDateTime(e.startsAt, tz),
      csv: (e) => formatDateTime(e.startsAt, tz),
    },
    {
      title: t('events.column.status'),
      key: 'status',
      width: 90,
      render: (_, e) => (
        <StatusTag value={e.status} prefix="events.status" colors={STATUS_COLORS} />
      ),
      csv: (e) => t(`events.status.${e.status}`),
    },
    {
      title: t('events.column.places'),
      key: 'places',
      width: 100,
      render: (_, e) => `${e.counts.placesTaken} / ${e.capacity}`,
      csv: (e) => `${e.counts.placesTaken}/${e.capacity}`,
    },
    {
      title: t('events.column.waitlisted'),
      key: 'waitlisted',
      width: 80,
      render: (_, e) => e.counts.waitlisted,
      csv: (e) => e.counts.waitlisted,
    },
    {
      title: t('events.column.checkedIn'),
      key: 'checkedIn',
      width: 80,
      render: (_, e) => e.counts.checkedIn,
      csv: (e) => e.counts.checkedIn,
    },
    {
      title: t('events.column.noShow'),
      key: 'noShow',
      width: 80,
      render: (_, e) => e.counts.noShow,
      csv: (e) => e.counts.noShow,
    },
  ];

  return (
    <TableCard<EventItem>
      title={t('events.title')}
      icon={<CalendarOutlined />}
      add={
        canKeepEvents(staff)
          ? { label: t('events.add'), onClick: () => setCreating(true), testId: 'event-new' }
          : undefined
      }
      extra={
        <Segmented<When>
          value={when}
          onChange={setWhen}
          options={[
            { value: 'upcoming', label: t('events.upcoming') },
            { value: 'past', label: t('events.past') },
          ]}
          data-testid="events-when"
        />
      }
      error={list.error}
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.loading}
      locale={{ emptyText: t('events.empty') }}
      csv={{ filename: `events-${when}.csv`, label: t('events.exportCsv') }}
      data-testid="events-table"
    >
      <EventModal
        open={creating}
        event={null}
        onClose={() => setCreating(false)}
        onSaved={(e) => {
          setCreating(false);
          navigate(`/events/${e.id}`);
        }}
      />
    </TableCard>
  );
}
