// 检查模板 — the shop's inspection templates: name, number of check points, which one an
// inspection starts with; the owner and managers open one to edit it, copy one as a new template
// and delete one (never the last). Everyone else on the team reads them.
import { Link, useNavigate } from 'react-router-dom';
import { Flex, Tag, Typography } from 'antd';
import { CopyOutlined, DeleteOutlined, EditOutlined, FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  dateTimeColumn,
  RowActions,
  TableCard,
  useAction,
  useLoad,
  type DataColumn,
} from '../../kit/index.ts';
import { canEditTemplates, pointBody, type InspectionTemplate } from './template-rules.ts';

export default function InspectionTemplatesPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const editable = canEditTemplates(staff.role);
  const navigate = useNavigate();
  const action = useAction();
  const loaded = useLoad(() => unwrap(api.GET('/api/v1/staff/inspection-templates')), []);
  const items = loaded.data?.items ?? [];
  const defaultId = items[0]?.id;

  const copy = async (tpl: InspectionTemplate) => {
    const created = await action.run(
      `copy-${tpl.id}`,
      () =>
        unwrap(
          api.POST('/api/v1/staff/inspection-templates', {
            body: {
              name: t('inspections.templates.copyName', { name: tpl.name }).slice(0, 40),
              points: tpl.points.map(pointBody),
            },
          }),
        ),
      t('inspections.templates.copied'),
    );
    if (created) navigate(`/inspections/templates/${created.id}`);
  };
  const remove = async (tpl: InspectionTemplate) => {
    const done = await action.run(
      `delete-${tpl.id}`,
      () =>
        unwrap(
          api.DELETE('/api/v1/staff/inspection-templates/{templateId}', {
            params: { path: { templateId: tpl.id } },
          }),
        ),
      t('inspections.templates.deleted'),
    );
    if (done !== undefined) void loaded.reload();
  };

  const columns: DataColumn<InspectionTemplate>[] = [
    {
      title: t('inspections.templates.name'),
      key: 'name',
      render: (_, r) => (
        <Flex gap={8} align="center">
          <Link to={`/inspections/templates/${r.id}`} data-testid="template-link">
            {r.name}
          </Link>
          {r.id === defaultId && <Tag color="blue">{t('inspections.templates.default')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('inspections.templates.points'),
      key: 'points',
      width: 120,
      render: (_, r) => (
        <span data-testid="template-point-count">
          {t('inspections.templates.pointCount', { n: r.points.length })}
        </span>
      ),
    },
    dateTimeColumn(t('inspections.templates.updatedAt'), (r) => r.createdAt, staff.tenant.timezone),
    {
      title: '',
      key: 'actions',
      width: 240,
      render: (_, r) => (
        <RowActions
          actions={[
            {
              label: editable ? t('inspections.templates.edit') : t('inspections.templates.view'),
              icon: <EditOutlined />,
              onClick: () => navigate(`/inspections/templates/${r.id}`),
              testId: 'template-edit',
            },
            {
              label: t('inspections.templates.copy'),
              icon: <CopyOutlined />,
              onClick: () => void copy(r),
              hidden: !editable,
              loading: action.busy === `copy-${r.id}`,
              testId: 'template-copy',
            },
            {
              label: t('inspections.templates.delete'),
              icon: <DeleteOutlined />,
              danger: true,
              confirm: t('inspections.templates.confirmDelete'),
              onClick: () => void remove(r),
              hidden: !editable || items.length < 2,
              loading: action.busy === `delete-${r.id}`,
              testId: 'template-delete',
            },
          ]}
        />
      ),
    },
  ];

  return (
    <TableCard<InspectionTemplate>
      title={t('inspections.templates.title')}
      icon={<FormOutlined />}
      add={
        editable && items[0]
          ? {
              label: t('inspections.templates.newFromStandard'),
              onClick: () => void copy(items[0]!),
              testId: 'template-new',
            }
          : undefined
      }
      error={loaded.error}
      loading={loaded.loading}
      columns={columns}
      dataSource={items}
      header={
        <Typography.Paragraph type="secondary">
          {t('inspections.templates.hint')}
        </Typography.Paragraph>
      }
      onRow={(r) => ({ 'data-testid': 'template-row', 'data-name': r.name }) as object}
      cardTestId="inspection-templates"
    />
  );
}
