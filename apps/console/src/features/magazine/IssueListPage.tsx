// 电子杂志: the issues, newest first, with their status, pages and readers' pages; owner and
// manager start a new issue (a draft) and open one to edit it.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Form, Input, Typography } from 'antd';
import { ReadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import { FormModal, StatusTag, TableCard, useLoad, type DataColumn } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import {
  canEditMagazine,
  ISSUE_COLORS,
  type MagazineIssue,
  type IssueSummary,
} from './magazine.ts';

function NewIssueModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose(): void;
  onDone(i: MagazineIssue): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; summary?: string }>();
  return (
    <FormModal
      open={open}
      title={t('magazine.newIssue')}
      form={form}
      fields={['title', 'summary']}
      onSubmit={(v) =>
        unwrap(
          api.POST('/api/v1/staff/magazine/issues', {
            body: { title: v.title, summary: v.summary ?? '' },
          }),
        )
      }
      onDone={onDone}
      onClose={onClose}
      okTestId="magazine-issue-save"
      formProps={{ layout: 'vertical', requiredMark: false }}
    >
      <Form.Item
        name="title"
        label={t('magazine.form.title')}
        rules={[{ required: true, message: t('magazine.form.required') }]}
      >
        <Input
          maxLength={80}
          placeholder="《留客车友》2027 春季刊"
          data-testid="magazine-issue-title"
        />
      </Form.Item>
      <Form.Item name="summary" label={t('magazine.form.summary')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

export default function IssueListPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const tz = useSession().staff?.tenant.timezone ?? 'Asia/Shanghai';
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useLoad(() => unwrap(api.GET('/api/v1/staff/magazine/issues')), []);

  const columns: DataColumn<IssueSummary>[] = [
    {
      title: t('magazine.column.title'),
      dataIndex: 'title',
      render: (_, i) => (
        <Link to={`/magazine/${i.id}`} data-testid="magazine-issue-link">
          {i.title}
        </Link>
      ),
    },
    {
      title: t('magazine.column.status'),
      key: 'status',
      width: 100,
      render: (_, i) => (
        <StatusTag value={i.status} prefix="magazine.status" colors={ISSUE_COLORS} />
      ),
      csv: (i) => t(`magazine.status.${i.status}`),
    },
    {
      title: t('magazine.column.pages'),
      key: 'pages',
      width: 80,
      render: (_, i) => i.pageCount,
      csv: (i) => i.pageCount,
    },
    {
      title: t('magazine.column.contributions'),
      key: 'contributions',
      width: 100,
      render: (_, i) => i.contributionCount,
      csv: (i) => i.contributionCount,
    },
    {
      title: t('magazine.column.publishedAt'),
      key: 'publishedAt',
      width: 160,
      render: (_, i) => (i.publishedAt ? formatDateTime(i.publishedAt, tz) : '—'),
      csv: (i) => (i.publishedAt ? formatDateTime(i.publishedAt, tz) : ''),
    },
  ];

  return (
    <TableCard<IssueSummary>
      title={t('magazine.title')}
      icon={<ReadOutlined />}
      add={
        canEditMagazine(staff)
          ? {
              label: t('magazine.newIssue'),
              onClick: () => setCreating(true),
              testId: 'magazine-issue-new',
            }
          : undefined
      }
      header={
        list.data && (
          <Typography.Text type="secondary">
            {t('magazine.subscribers', { count: list.data.subscribers })}
          </Typography.Text>
        )
      }
      error={list.error}
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.loading}
      locale={{ emptyText: t('magazine.empty') }}
      csv={{ filename: 'magazine-issues.csv', label: t('magazine.exportCsv') }}
      data-testid="magazine-issues"
    >
      <NewIssueModal
        open={creating}
        onClose={() => setCreating(false)}
        onDone={(i) => {
          setCreating(false);
          navigate(`/magazine/${i.id}`);
        }}
      />
    </TableCard>
  );
}
