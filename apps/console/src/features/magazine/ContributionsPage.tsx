// 投稿审核: the calls for contributions (征稿) with their counts, and the contributions of the
// chosen call and status — accept (ready to place), reject with a reason the owner sees, and
// "add as page" into the call's section in one click. Decisions go through moderation, so its
// queue and log agree.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Button,
  Card,
  Flex,
  Form,
  Image,
  Input,
  List,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import { AuditOutlined, CheckOutlined, CloseOutlined, FileAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import {
  ConfirmButton,
  FormModal,
  StatusTag,
  TableCard,
  useAction,
  useLoad,
  type DataColumn,
} from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { CallModal } from './CallModal.tsx';
import {
  canEditMagazine,
  CONTRIBUTION_COLORS,
  type Call,
  type Contribution,
  type ContributionStatus,
} from './magazine.ts';

const STATUSES: (ContributionStatus | 'all')[] = [
  'pending',
  'accepted',
  'placed',
  'published',
  'rejected',
  'all',
];

function RejectModal({
  item,
  onClose,
  onDone,
}: {
  item: Contribution | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal
      open={!!item}
      title={t('magazine.review.rejectTitle')}
      form={form}
      fields={['reason']}
      onSubmit={(v) =>
        unwrap(
          api.POST('/api/v1/staff/magazine/contributions/{contributionId}/reject', {
            params: { path: { contributionId: item!.id } },
            body: { reason: v.reason },
          }),
        )
      }
      onDone={onDone}
      onClose={onClose}
      okText={t('magazine.review.reject')}
      okTestId="magazine-reject-save"
      danger
      formProps={{ layout: 'vertical', requiredMark: false }}
    >
      <Form.Item
        name="reason"
        label={t('magazine.review.reason')}
        rules={[{ required: true, message: t('magazine.form.required') }]}
      >
        <Input.TextArea rows={3} maxLength={500} data-testid="magazine-reject-reason" />
      </Form.Item>
    </FormModal>
  );
}

function ContributionItem({
  c,
  editable,
  busy,
  onApprove,
  onReject,
  onPlace,
}: {
  c: Contribution;
  editable: boolean;
  busy: string | null;
  onApprove(): void;
  onReject(): void;
  onPlace(): void;
}) {
  const { t } = useTranslation();
  const tz = useSession().staff?.tenant.timezone ?? 'Asia/Shanghai';
  const actions = !editable
    ? []
    : [
        ...(c.status === 'pending' || c.status === 'rejected'
          ? [
              <Button
                key="ok"
                type="primary"
                size="small"
                icon={<CheckOutlined />}
                loading={busy === `a${c.id}`}
                onClick={onApprove}
                data-testid="magazine-approve"
              >
                {t('magazine.review.approve')}
              </Button>,
            ]
          : []),
        ...(c.status === 'accepted'
          ? [
              <Button
                key="place"
                type="primary"
                size="small"
                icon={<FileAddOutlined />}
                loading={busy === `p${c.id}`}
                onClick={onPlace}
                data-testid="magazine-place"
              >
                {t('magazine.review.place')}
              </Button>,
            ]
          : []),
        ...(c.status !== 'rejected'
          ? [
              <Button
                key="no"
                size="small"
                danger
                icon={<CloseOutlined />}
                onClick={onReject}
                data-testid="magazine-reject"
              >
                {t('magazine.review.reject')}
              </Button>,
            ]
          : []),
      ];
  return (
    <List.Item actions={actions} data-testid="magazine-contribution">
      <List.Item.Meta
        title={
          <Space wrap>
            <span>{c.title || c.callTheme}</span>
            <StatusTag
              value={c.status}
              prefix="magazine.contributionStatus"
              colors={CONTRIBUTION_COLORS}
              testId="magazine-contribution-status"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.customerName ?? t('magazine.review.anonymous')} · {formatDateTime(c.createdAt, tz)}
            </Typography.Text>
          </Space>
        }
        description={
          <Flex vertical gap={6}>
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap', margin: 0 }}
              ellipsis={{ rows: 4, expandable: true, symbol: t('magazine.review.more') }}
            >
              {c.text}
            </Typography.Paragraph>
            {c.images.length > 0 && (
              <Image.PreviewGroup>
                <Space size={4} wrap>
                  {c.images.map((img) => (
                    <Image
                      key={img.id}
                      src={img.thumbUrl}
                      width={72}
                      height={72}
                      style={{ objectFit: 'cover' }}
                      preview={{ src: img.url }}
                    />
                  ))}
                </Space>
              </Image.PreviewGroup>
            )}
            {c.rejectReason && c.status === 'rejected' && (
              <Typography.Text type="danger">
                {t('magazine.review.reasonShown', { reason: c.rejectReason })}
              </Typography.Text>
            )}
            {c.issueId && (
              <Link to={`/magazine/${c.issueId}`}>{t('magazine.review.openIssue')}</Link>
            )}
            {c.pointsGranted > 0 && (
              <Typography.Text type="success">
                {t('magazine.review.points', { points: c.pointsGranted })}
              </Typography.Text>
            )}
          </Flex>
        }
      />
    </List.Item>
  );
}

export default function ContributionsPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const tz = useSession().staff?.tenant.timezone ?? 'Asia/Shanghai';
  const editable = canEditMagazine(staff);
  const [callId, setCallId] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<ContributionStatus | 'all'>('pending');
  const [callModal, setCallModal] = useState<{ call: Call | null } | null>(null);
  const [rejecting, setRejecting] = useState<Contribution | null>(null);
  const action = useAction();
  const calls = useLoad(() => unwrap(api.GET('/api/v1/staff/magazine/calls')), []);
  const items = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/magazine/contributions', {
          params: {
            query: { ...(callId ? { callId } : {}), ...(status !== 'all' ? { status } : {}) },
          },
        }),
      ),
    [callId, status],
  );
  const refresh = () => {
    void items.reload();
    void calls.reload();
  };
  const decide = (key: string, call: () => Promise<unknown>, done: string) =>
    void action.run(key, call, done).then((r) => r && refresh());

  const columns: DataColumn<Call>[] = [
    {
      title: t('magazine.call.theme'),
      dataIndex: 'theme',
      render: (_, c) => (
        <Flex vertical>
          <Typography.Link onClick={() => setCallId(c.id)} data-testid="magazine-call-link">
            {c.theme}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.issueTitle} · {c.sectionTitle}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('magazine.call.deadline'),
      key: 'deadline',
      width: 150,
      render: (_, c) => formatDateTime(c.deadline, tz),
      csv: (c) => formatDateTime(c.deadline, tz),
    },
    {
      title: t('magazine.call.state'),
      key: 'open',
      width: 90,
      render: (_, c) => (
        <StatusTag
          value={c.open ? 'open' : 'closed'}
          prefix="magazine.call.states"
          colors={{ open: 'green', closed: 'default' }}
        />
      ),
      csv: (c) => t(`magazine.call.states.${c.open ? 'open' : 'closed'}`),
    },
    { title: t('magazine.call.points'), dataIndex: 'points', width: 80 },
    {
      title: t('magazine.call.counts'),
      key: 'counts',
      width: 180,
      render: (_, c) =>
        t('magazine.call.countsText', {
          pending: c.counts.pending,
          accepted: c.counts.accepted + c.counts.placed,
          published: c.counts.published,
        }),
      csv: (c) =>
        `${c.counts.pending}/${c.counts.accepted + c.counts.placed}/${c.counts.published}`,
    },
    ...(editable
      ? [
          {
            title: '',
            key: 'actions',
            width: 150,
            render: (_: unknown, c: Call) => (
              <Space size={4}>
                <Button size="small" onClick={() => setCallModal({ call: c })}>
                  {t('magazine.edit')}
                </Button>
                {c.status === 'open' && (
                  <ConfirmButton
                    size="small"
                    confirm={t('magazine.call.closeConfirm')}
                    onConfirm={() =>
                      decide(
                        `c${c.id}`,
                        () =>
                          unwrap(
                            api.PATCH('/api/v1/staff/magazine/calls/{callId}', {
                              params: { path: { callId: c.id } },
                              body: { status: 'closed' },
                            }),
                          ),
                        t('magazine.call.closed'),
                      )
                    }
                  >
                    {t('magazine.call.close')}
                  </ConfirmButton>
                )}
              </Space>
            ),
          } satisfies DataColumn<Call>,
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <TableCard<Call>
        title={t('magazine.review.title')}
        icon={<AuditOutlined />}
        add={
          editable
            ? {
                label: t('magazine.call.newTitle'),
                onClick: () => setCallModal({ call: null }),
                testId: 'magazine-call-new',
              }
            : undefined
        }
        error={calls.error}
        columns={columns}
        dataSource={calls.data?.items ?? []}
        loading={calls.loading}
        locale={{ emptyText: t('magazine.call.empty') }}
        data-testid="magazine-calls"
      />
      <Card
        title={t('magazine.review.contributions')}
        extra={
          <Space wrap>
            <Select
              allowClear
              style={{ minWidth: 200 }}
              placeholder={t('magazine.review.allCalls')}
              value={callId}
              onChange={setCallId}
              options={(calls.data?.items ?? []).map((c) => ({ value: c.id, label: c.theme }))}
              data-testid="magazine-filter-call"
            />
            <Segmented<ContributionStatus | 'all'>
              value={status}
              onChange={setStatus}
              options={STATUSES.map((s) => ({
                value: s,
                label:
                  s === 'all' ? t('magazine.review.all') : t(`magazine.contributionStatus.${s}`),
              }))}
              data-testid="magazine-filter-status"
            />
          </Space>
        }
      >
        <List
          loading={items.loading}
          dataSource={items.data?.items ?? []}
          locale={{ emptyText: t('magazine.review.empty') }}
          renderItem={(c) => (
            <ContributionItem
              c={c}
              editable={editable}
              busy={action.busy}
              onApprove={() =>
                decide(
                  `a${c.id}`,
                  () =>
                    unwrap(
                      api.POST('/api/v1/staff/magazine/contributions/{contributionId}/approve', {
                        params: { path: { contributionId: c.id } },
                      }),
                    ),
                  t('magazine.review.approved'),
                )
              }
              onPlace={() =>
                decide(
                  `p${c.id}`,
                  () =>
                    unwrap(
                      api.POST('/api/v1/staff/magazine/contributions/{contributionId}/place', {
                        params: { path: { contributionId: c.id } },
                        body: {},
                      }),
                    ),
                  t('magazine.review.placed'),
                )
              }
              onReject={() => setRejecting(c)}
            />
          )}
        />
      </Card>
      {callModal && (
        <CallModal
          call={callModal.call}
          open
          onClose={() => setCallModal(null)}
          onSaved={() => {
            setCallModal(null);
            refresh();
          }}
        />
      )}
      <RejectModal
        item={rejecting}
        onClose={() => setRejecting(null)}
        onDone={() => {
          setRejecting(null);
          refresh();
        }}
      />
    </Flex>
  );
}
