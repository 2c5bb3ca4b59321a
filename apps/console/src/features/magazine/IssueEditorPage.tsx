// One issue in the editor: its sections (栏目) and pages (页) in order — add, change, move up and
// down, delete — a phone-sized preview, and publish (readers' pages credited, subscribers told)
// or archive. The share link is the app's reader.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Flex, Form, Input, List, Space, Tag, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import {
  BackLink,
  ConfirmButton,
  FormModal,
  ImageUpload,
  NotLoaded,
  StatusTag,
  useAction,
  useLoad,
} from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { IssuePreview } from './IssuePreview.tsx';
import { PageModal } from './PageModal.tsx';
import {
  canEditMagazine,
  ISSUE_COLORS,
  movedPage,
  movedSection,
  type MagazineIssue,
  type MagazinePage,
  type Section,
} from './magazine.ts';

function IssueModal({
  issue,
  open,
  onClose,
  onDone,
}: {
  issue: MagazineIssue;
  open: boolean;
  onClose(): void;
  onDone(i: MagazineIssue): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; summary?: string; cover?: string[] }>();
  return (
    <FormModal
      open={open}
      title={t('magazine.editIssue')}
      form={form}
      values={{
        title: issue.title,
        summary: issue.summary,
        cover: issue.coverImageId ? [issue.coverImageId] : [],
      }}
      fields={['title', 'summary', 'coverImageId']}
      onSubmit={(v) =>
        unwrap(
          api.PATCH('/api/v1/staff/magazine/issues/{issueId}', {
            params: { path: { issueId: issue.id } },
            body: { title: v.title, summary: v.summary ?? '', coverImageId: v.cover?.[0] ?? null },
          }),
        )
      }
      onDone={onDone}
      onClose={onClose}
      formProps={{ layout: 'vertical', requiredMark: false }}
    >
      <Form.Item
        name="title"
        label={t('magazine.form.title')}
        rules={[{ required: true, message: t('magazine.form.required') }]}
      >
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="summary" label={t('magazine.form.summary')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="cover" label={t('magazine.form.cover')}>
        <ImageUpload
          max={1}
          purpose="magazine_cover"
          initial={
            issue.coverUrl && issue.coverImageId
              ? [
                  {
                    id: issue.coverImageId,
                    url: issue.coverUrl,
                    thumbUrl: issue.coverUrl,
                    width: 0,
                    height: 0,
                  },
                ]
              : []
          }
        />
      </Form.Item>
    </FormModal>
  );
}

function PageRow({
  page,
  first,
  last,
  editable,
  onMove,
  onEdit,
  onDelete,
}: {
  page: MagazinePage;
  first: boolean;
  last: boolean;
  editable: boolean;
  onMove(by: -1 | 1): void;
  onEdit(): void;
  onDelete(): void;
}) {
  const { t } = useTranslation();
  return (
    <List.Item
      data-testid="magazine-editor-page"
      actions={
        editable
          ? [
              <Button
                key="up"
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={first}
                onClick={() => onMove(-1)}
                aria-label={t('magazine.up')}
              />,
              <Button
                key="down"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={last}
                onClick={() => onMove(1)}
                aria-label={t('magazine.down')}
              />,
              <Button key="edit" size="small" icon={<EditOutlined />} onClick={onEdit}>
                {t('magazine.edit')}
              </Button>,
              <ConfirmButton
                key="del"
                size="small"
                danger
                icon={<DeleteOutlined />}
                confirm={t('magazine.deletePageConfirm')}
                onConfirm={onDelete}
                aria-label={t('magazine.delete')}
              />,
            ]
          : []
      }
    >
      <List.Item.Meta
        avatar={
          page.images[0] ? (
            <img
              src={page.images[0].thumbUrl}
              alt=""
              style={{ width: 56, height: 42, objectFit: 'cover', borderRadius: 4 }}
            />
          ) : undefined
        }
        title={
          <Space size={6}>
            {page.title}
            <Tag>{t(`magazine.layout.${page.layout}`)}</Tag>
            {page.credit && (
              <Tag color="gold" data-testid="magazine-editor-credit">
                {t('magazine.readerCredit')} · {page.credit.name}
              </Tag>
            )}
          </Space>
        }
        description={t('magazine.photoCount', { count: page.images.length })}
      />
    </List.Item>
  );
}

function SectionCard({
  issue,
  section,
  index,
  editable,
  onChange,
  onAddPage,
  onEditPage,
}: {
  issue: MagazineIssue;
  section: Section;
  index: number;
  editable: boolean;
  onChange(p: Promise<MagazineIssue | undefined>): void;
  onAddPage(): void;
  onEditPage(p: MagazinePage): void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const order = (sections: { id: string; pageIds: string[] }[]) =>
    action.run('order', () =>
      unwrap(
        api.PUT('/api/v1/staff/magazine/issues/{issueId}/order', {
          params: { path: { issueId: issue.id } },
          body: { sections },
        }),
      ),
    );
  return (
    <Card
      size="small"
      data-testid="magazine-editor-section"
      title={
        <Space>
          <Typography.Text type="secondary">{String(index + 1).padStart(2, '0')}</Typography.Text>
          {section.title}
        </Space>
      }
      extra={
        editable && (
          <Space size={4}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              onClick={() => onChange(order(movedSection(issue, section.id, -1)))}
              aria-label={t('magazine.up')}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={index === issue.sections.length - 1}
              onClick={() => onChange(order(movedSection(issue, section.id, 1)))}
              aria-label={t('magazine.down')}
            />
            <ConfirmButton
              size="small"
              danger
              icon={<DeleteOutlined />}
              confirm={t('magazine.deleteSectionConfirm')}
              onConfirm={() =>
                onChange(
                  action.run('delete', () =>
                    unwrap(
                      api.DELETE('/api/v1/staff/magazine/sections/{sectionId}', {
                        params: { path: { sectionId: section.id } },
                      }),
                    ),
                  ),
                )
              }
            />
            <Button
              size="small"
              type="primary"
              icon={<PlusOutlined />}
              onClick={onAddPage}
              data-testid="magazine-add-page"
            >
              {t('magazine.addPage')}
            </Button>
          </Space>
        )
      }
    >
      <List
        dataSource={section.pages}
        locale={{ emptyText: t('magazine.noPages') }}
        renderItem={(p, i) => (
          <PageRow
            page={p}
            first={i === 0}
            last={i === section.pages.length - 1}
            editable={editable}
            onMove={(by) => onChange(order(movedPage(issue, p.id, by)))}
            onEdit={() => onEditPage(p)}
            onDelete={() =>
              onChange(
                action.run('delete', () =>
                  unwrap(
                    api.DELETE('/api/v1/staff/magazine/pages/{pageId}', {
                      params: { path: { pageId: p.id } },
                    }),
                  ),
                ),
              )
            }
          />
        )}
      />
    </Card>
  );
}

export default function IssueEditorPage() {
  const { issueId = '' } = useParams();
  const { t } = useTranslation();
  const staff = useStaff();
  const tz = useSession().staff?.tenant.timezone ?? 'Asia/Shanghai';
  const editable = canEditMagazine(staff);
  const loaded = useLoad(
    () =>
      unwrap(api.GET('/api/v1/staff/magazine/issues/{issueId}', { params: { path: { issueId } } })),
    [issueId],
  );
  const [override, setOverride] = useState<MagazineIssue | null>(null);
  const [pageModal, setPageModal] = useState<{
    page: MagazinePage | null;
    sectionId: string | null;
  } | null>(null);
  const [editing, setEditing] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [newSection, setNewSection] = useState('');
  const action = useAction();
  const issue = override?.id === issueId ? override : loaded.data;
  if (!issue)
    return (
      <NotLoaded
        loaded={loaded}
        notFound={t('magazine.notFound')}
        back={<BackLink to="/magazine">{t('magazine.back')}</BackLink>}
      />
    );

  const apply = (p: Promise<MagazineIssue | undefined>) => void p.then((i) => i && setOverride(i));
  const publish = () =>
    void action
      .run(
        'publish',
        () =>
          unwrap(
            api.POST('/api/v1/staff/magazine/issues/{issueId}/publish', {
              params: { path: { issueId } },
            }),
          ),
        (r) =>
          t('magazine.publishedDone', {
            credited: r.credited,
            points: r.pointsGranted,
            announced: r.announced,
          }),
      )
      .then((r) => r && setOverride(r.issue));
  const archive = () =>
    apply(
      action.run('archive', () =>
        unwrap(
          api.POST('/api/v1/staff/magazine/issues/{issueId}/archive', {
            params: { path: { issueId } },
          }),
        ),
      ),
    );
  const addSection = () => {
    if (!newSection.trim()) return;
    apply(
      action
        .run('section', () =>
          unwrap(
            api.POST('/api/v1/staff/magazine/issues/{issueId}/sections', {
              params: { path: { issueId } },
              body: { title: newSection },
            }),
          ),
        )
        .then((i) => {
          if (i) setNewSection('');
          return i;
        }),
    );
  };

  return (
    <Flex vertical gap={16}>
      <BackLink to="/magazine">{t('magazine.back')}</BackLink>
      <Card
        title={
          <Space>
            {issue.title}
            <StatusTag
              value={issue.status}
              prefix="magazine.status"
              colors={ISSUE_COLORS}
              testId="magazine-issue-status"
            />
          </Space>
        }
        extra={
          <Space wrap>
            <Button
              icon={<EyeOutlined />}
              onClick={() => setPreviewing(true)}
              data-testid="magazine-preview-open"
            >
              {t('magazine.preview')}
            </Button>
            {editable && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('magazine.editIssue')}
              </Button>
            )}
            {editable && issue.status !== 'published' && (
              <ConfirmButton
                type="primary"
                loading={action.busy === 'publish'}
                confirm={t('magazine.publishConfirm')}
                onConfirm={publish}
                data-testid="magazine-publish"
              >
                {t('magazine.publish')}
              </ConfirmButton>
            )}
            {editable && issue.status === 'published' && (
              <ConfirmButton
                loading={action.busy === 'archive'}
                confirm={t('magazine.archiveConfirm')}
                onConfirm={archive}
              >
                {t('magazine.archive')}
              </ConfirmButton>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('magazine.form.summary')}>
            {issue.summary || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('magazine.column.publishedAt')}>
            {issue.publishedAt ? formatDateTime(issue.publishedAt, tz) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('magazine.shareLink')}>
            {issue.status === 'published' ? (
              <Typography.Link
                href={issue.shareUrl}
                target="_blank"
                copyable={{ text: new URL(issue.shareUrl, window.location.origin).href }}
                data-testid="magazine-share"
              >
                {issue.shareUrl}
              </Typography.Link>
            ) : (
              <Typography.Text type="secondary">{t('magazine.shareAfterPublish')}</Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {issue.sections.map((s, i) => (
        <SectionCard
          key={s.id}
          issue={issue}
          section={s}
          index={i}
          editable={editable}
          onChange={apply}
          onAddPage={() => setPageModal({ page: null, sectionId: s.id })}
          onEditPage={(p) => setPageModal({ page: p, sectionId: p.sectionId })}
        />
      ))}
      {editable && (
        <Space.Compact style={{ maxWidth: 420 }}>
          <Input
            value={newSection}
            onChange={(e) => setNewSection(e.target.value)}
            onPressEnter={addSection}
            maxLength={40}
            placeholder={t('magazine.newSectionPlaceholder')}
            data-testid="magazine-section-title"
          />
          <Button
            icon={<PlusOutlined />}
            onClick={addSection}
            loading={action.busy === 'section'}
            data-testid="magazine-section-add"
          >
            {t('magazine.addSection')}
          </Button>
        </Space.Compact>
      )}
      {pageModal && (
        <PageModal
          issue={issue}
          page={pageModal.page}
          sectionId={pageModal.sectionId}
          open
          onClose={() => setPageModal(null)}
          onSaved={(i) => {
            setPageModal(null);
            setOverride(i);
          }}
        />
      )}
      <IssueModal
        issue={issue}
        open={editing}
        onClose={() => setEditing(false)}
        onDone={(i) => {
          setEditing(false);
          setOverride(i);
        }}
      />
      <IssuePreview issue={issue} open={previewing} onClose={() => setPreviewing(false)} />
    </Flex>
  );
}
