// One event: its figures (signed up, waitlist, checked in, no-shows), publish / edit / cancel for
// owner and manager, check-in by scanning the owner's ticket or member card (camera or pasted
// code) or from the list, and the attendance list exported as CSV.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import {
  CheckCircleOutlined,
  EditOutlined,
  ScanOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import {
  BackLink,
  ConfirmButton,
  DataTable,
  ErrorAlert,
  NotLoaded,
  QrCodeInput,
  RowActions,
  StatCards,
  StatusTag,
  useAction,
  useLoad,
  useSubmit,
  type DataColumn,
} from '../../kit/index.ts';
import { EMPTY, formatDateTime } from '../../kit/format.ts';
import { EventModal } from './EventModal.tsx';
import {
  canKeepEvents,
  SIGNUP_COLORS,
  STATUS_COLORS,
  type CheckInResult,
  type EventItem,
  type Signup,
} from './events.ts';

function CheckInCard({ eventId, onDone }: { eventId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [result, setResult] = useState<CheckInResult | null>(null);
  const submit = useSubmit();

  async function checkIn(raw: string) {
    const code = raw.trim();
    if (!code) return;
    setResult(null);
    const r = await submit.run(() =>
      unwrap(
        api.POST('/api/v1/staff/activities/{eventId}/check-in', {
          params: { path: { eventId } },
          body: { code },
        }),
      ),
    );
    if (r) {
      setResult(r);
      setValue('');
      onDone();
    }
  }

  return (
    <Card title={t('events.checkIn.title')} size="small">
      <Flex vertical gap={12}>
        <QrCodeInput
          value={value}
          onChange={setValue}
          onSubmit={(v) => void checkIn(v)}
          loading={submit.busy}
          placeholder={t('events.checkIn.placeholder')}
          enterButton={
            <span>
              <ScanOutlined /> {t('events.checkIn.submit')}
            </span>
          }
          labels={{
            camera: t('events.checkIn.camera'),
            stopCamera: t('events.checkIn.stopCamera'),
          }}
          onNoCamera={() => submit.setError(t('events.checkIn.noCamera'))}
          onCameraStart={() => submit.setError(null)}
          testId="event-checkin-input"
        />
        <ErrorAlert error={submit.error} data-testid="event-checkin-error" />
        {result && (
          <Alert
            type={result.alreadyCheckedIn ? 'info' : 'success'}
            showIcon
            data-testid="event-checkin-result"
            message={
              result.alreadyCheckedIn
                ? t('events.checkIn.already', { name: result.signup.customerName ?? '' })
                : t('events.checkIn.done', { name: result.signup.customerName ?? '' })
            }
            description={
              result.pointsGranted > 0
                ? t('events.checkIn.points', { points: result.pointsGranted })
                : undefined
            }
          />
        )}
      </Flex>
    </Card>
  );
}

export default function EventPage() {
  const { t } = useTranslation();
  const { eventId = '' } = useParams();
  const staff = useStaff();
  const keeper = canKeepEvents(staff);
  const tz = useSession().staff?.tenant.timezone ?? 'Asia/Shanghai';
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const loaded = useLoad<EventItem>(
    () => unwrap(api.GET('/api/v1/staff/activities/{eventId}', { params: { path: { eventId } } })),
    [eventId],
  );
  const signups = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/activities/{eventId}/signups', { params: { path: { eventId } } }),
      ),
    [eventId],
  );
  const back = <BackLink to="/events">{t('events.back')}</BackLink>;
  const e = loaded.data;
  if (!e) return <NotLoaded loaded={loaded} notFound={t('events.notFound')} back={back} />;

  const refresh = () => {
    void loaded.reload();
    void signups.reload();
  };
  const change = async (to: 'publish' | 'cancel') => {
    const next = await action.run(
      to,
      () =>
        unwrap(
          api.POST(`/api/v1/staff/activities/{eventId}/${to}`, { params: { path: { eventId } } }),
        ),
      t(`events.${to}Done`),
    );
    if (next) refresh();
  };
  const manualCheckIn = async (s: Signup) => {
    const r = await action.run(
      s.id,
      () =>
        unwrap(
          api.POST('/api/v1/staff/activities/{eventId}/check-in', {
            params: { path: { eventId } },
            body: { signupId: s.id },
          }),
        ),
      t('events.checkIn.doneShort'),
    );
    if (r) refresh();
  };
  const cancelSignup = async (s: Signup) => {
    const r = await action.run(s.id, () =>
      unwrap(
        api.POST('/api/v1/staff/activities/{eventId}/signups/{signupId}/cancel', {
          params: { path: { eventId, signupId: s.id } },
        }),
      ),
    );
    if (r) refresh();
  };

  const columns: DataColumn<Signup>[] = [
    { title: t('events.signup.queueNo'), dataIndex: 'queueNo', width: 60 },
    {
      title: t('events.signup.name'),
      dataIndex: 'customerName',
      render: (_, s) => s.customerName ?? EMPTY,
      csv: (s) => s.customerName ?? '',
    },
    { title: t('events.signup.memberNo'), dataIndex: 'memberNo', width: 120 },
    { title: t('events.signup.phone'), dataIndex: 'phone', width: 140 },
    { title: t('events.signup.party'), dataIndex: 'partySize', width: 70 },
    {
      title: t('events.signup.car'),
      dataIndex: 'vehiclePlate',
      width: 100,
      render: (_, s) => s.vehiclePlate ?? EMPTY,
      csv: (s) => s.vehiclePlate ?? '',
    },
    {
      title: t('events.signup.status'),
      key: 'status',
      width: 110,
      render: (_, s) => (
        <Flex gap={4} wrap>
          <StatusTag value={s.status} prefix="events.signupStatus" colors={SIGNUP_COLORS} />
          {s.noShow && (
            <Typography.Text type="danger" data-testid="signup-no-show">
              {t('events.signup.noShow')}
            </Typography.Text>
          )}
        </Flex>
      ),
      csv: (s) => (s.noShow ? t('events.signup.noShow') : t(`events.signupStatus.${s.status}`)),
    },
    {
      title: t('events.signup.checkedInAt'),
      key: 'checkedInAt',
      width: 150,
      render: (_, s) =>
        s.checkedInAt ? (
          <span data-testid="signup-checked-in">
            <CheckCircleOutlined style={{ color: '#52c41a' }} /> {formatDateTime(s.checkedInAt, tz)}
          </span>
        ) : (
          EMPTY
        ),
      csv: (s) => (s.checkedInAt ? formatDateTime(s.checkedInAt, tz) : ''),
    },
    { title: t('events.signup.points'), dataIndex: 'pointsGranted', width: 70 },
    {
      key: 'actions',
      width: 170,
      render: (_, s) => (
        <RowActions
          actions={[
            {
              label: t('events.checkIn.manual'),
              onClick: () => void manualCheckIn(s),
              hidden: s.status !== 'confirmed' || !!s.checkedInAt || e.status !== 'published',
              loading: action.busy === s.id,
              testId: 'signup-check-in',
            },
            {
              label: t('events.signup.cancel'),
              onClick: () => void cancelSignup(s),
              confirm: t('events.signup.cancelConfirm'),
              hidden: !keeper || s.status === 'cancelled' || !!s.checkedInAt,
              danger: true,
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {back}
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="event-title-heading">{e.title}</span>
            <StatusTag
              value={e.status}
              prefix="events.status"
              colors={STATUS_COLORS}
              testId="event-status"
            />
          </Flex>
        }
        extra={
          keeper && (
            <Flex gap={8} wrap>
              {e.status !== 'cancelled' && (
                <Button
                  icon={<EditOutlined />}
                  onClick={() => setEditing(true)}
                  data-testid="event-edit"
                >
                  {t('events.edit')}
                </Button>
              )}
              {e.status === 'draft' && (
                <ConfirmButton
                  type="primary"
                  icon={<SendOutlined />}
                  confirm={t('events.publishConfirm')}
                  onConfirm={() => void change('publish')}
                  loading={action.busy === 'publish'}
                  data-testid="event-publish"
                >
                  {t('events.publish')}
                </ConfirmButton>
              )}
              {e.status !== 'cancelled' && (
                <ConfirmButton
                  danger
                  icon={<StopOutlined />}
                  confirm={t('events.cancelConfirm')}
                  onConfirm={() => void change('cancel')}
                  loading={action.busy === 'cancel'}
                  data-testid="event-cancel"
                >
                  {t('events.cancel')}
                </ConfirmButton>
              )}
            </Flex>
          )
        }
      >
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">
            {t(`events.kind.${e.kind}`)} · {formatDateTime(e.startsAt, tz)} –{' '}
            {formatDateTime(e.endsAt, tz)} · {e.place || e.storeName || EMPTY}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('events.deadlineText', { at: formatDateTime(e.signupDeadline, tz) })} ·{' '}
            {t('events.pointsText', { points: e.attendancePoints })} ·{' '}
            {t('events.partyText', { n: e.maxPartySize })}
          </Typography.Text>
          {e.description && <Typography.Paragraph>{e.description}</Typography.Paragraph>}
          <StatCards
            items={[
              {
                title: t('events.stat.places'),
                value: `${e.counts.placesTaken} / ${e.capacity}`,
                testId: 'event-stat-places',
              },
              { title: t('events.stat.signedUp'), value: e.counts.signedUp },
              { title: t('events.stat.waitlisted'), value: e.counts.waitlisted },
              {
                title: t('events.stat.checkedIn'),
                value: e.counts.checkedIn,
                valueTestId: 'event-stat-checked-in',
              },
              { title: t('events.stat.noShow'), value: e.counts.noShow },
            ]}
          />
        </Flex>
      </Card>
      {e.status === 'published' && <CheckInCard eventId={eventId} onDone={refresh} />}
      <Card title={t('events.signup.title')} size="small">
        <ErrorAlert error={signups.error} />
        <DataTable<Signup>
          columns={columns}
          dataSource={signups.data?.items ?? []}
          loading={signups.loading}
          size="small"
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('events.signup.empty') }}
          csv={{
            filename: `attendance-${e.title}.csv`,
            label: t('events.exportAttendance'),
            testId: 'event-attendance-csv',
          }}
          data-testid="event-signups"
        />
      </Card>
      <EventModal
        open={editing}
        event={e}
        onClose={() => setEditing(false)}
        onSaved={(next) => {
          setEditing(false);
          loaded.setData(next);
          void signups.reload();
        }}
      />
    </Flex>
  );
}
