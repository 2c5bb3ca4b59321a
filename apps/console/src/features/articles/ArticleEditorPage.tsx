// One article in the editor: title, body (TipTap), cover, summary, tags and author; save (every
// save a revision — a stale one is refused and says so), publish now, schedule, unpublish, review
// a KOL draft (publish, or return with a note), the revisions to restore, the public page link.
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import {
  BackLink,
  ConfirmButton,
  ImageUpload,
  RichTextEditor,
  NotLoaded,
  StatusTag,
  errorText,
  useAction,
  useLoad,
  useSubmit,
} from '../../kit/index.ts';
import { formatDateTime, instantOfZoned } from '../../kit/format.ts';
import { canPublish, STATUS_COLORS, type Article } from './articles.ts';

interface Values {
  title: string;
  summary: string;
  html: string;
  cover: string[];
  tagSlugs: string[];
  authorId?: string;
}

export default function ArticleEditorPage() {
  const { id } = useParams<{ id: string }>();
  const isNew = !id || id === 'new';
  // A new article's first save moves the address to its id: the same editor stays on screen
  // (remounting it would lose what happens next, e.g. the publish that follows the save).
  const created = (useLocation().state as { created?: string } | null)?.created;
  const justCreated = !isNew && created === id;
  const { t } = useTranslation();
  const loaded = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/articles/{articleId}', { params: { path: { articleId: id! } } }),
      ),
    [id],
    { enabled: !isNew && !justCreated },
  );
  const back = <BackLink to="/articles">{t('articles.title')}</BackLink>;
  if (isNew || justCreated) return <Editor key="new" initial={null} back={back} />;
  if (!loaded.data)
    return <NotLoaded loaded={loaded} notFound={t('articles.notFound')} back={back} />;
  return <Editor key={loaded.data.id} initial={loaded.data} back={back} />;
}

function Editor({ initial, back }: { initial: Article | null; back: React.ReactNode }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const tz = useSession().staff?.tenant.timezone ?? 'Asia/Shanghai';
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [article, setArticle] = useState<Article | null>(initial);
  const submit = useSubmit(form, ['title', 'summary', 'html', 'tagSlugs', 'authorId']);
  const action = useAction();
  const publisher = canPublish(staff);
  const tags = useLoad(() => unwrap(api.GET('/api/v1/staff/article-tags')), []);
  const authors = useLoad(() => unwrap(api.GET('/api/v1/staff/article-authors')), []);
  const [scheduleOpen, setScheduleOpen] = useState(false);
  const [publishAt, setPublishAt] = useState<Dayjs | null>(dayjs().add(1, 'day').hour(9).minute(0));
  const [returnOpen, setReturnOpen] = useState(false);
  const [note, setNote] = useState('');
  const [revisionsOpen, setRevisionsOpen] = useState(false);

  const save = () =>
    submit.run(async (v) => {
      const body = {
        title: v.title ?? '',
        summary: v.summary ?? '',
        html: v.html ?? '',
        coverImageId: v.cover?.[0] ?? null,
        tagSlugs: v.tagSlugs ?? [],
        ...(v.authorId ? { authorId: v.authorId } : {}),
      };
      const saved = article
        ? await unwrap(
            api.PUT('/api/v1/staff/articles/{articleId}', {
              params: { path: { articleId: article.id } },
              body: { ...body, version: article.version },
            }),
          )
        : await unwrap(api.POST('/api/v1/staff/articles', { body }));
      setArticle(saved);
      void message.success(t('articles.saved'));
      if (!article)
        navigate(`/articles/${saved.id}`, { replace: true, state: { created: saved.id } });
      return saved;
    });

  /** Saves first (so nothing typed is lost), then applies the status change. */
  const saveThen = async (key: string, run: (a: Article) => Promise<Article>, done: string) => {
    const saved = form.isFieldsTouched() || !article ? await save() : article;
    if (!saved) return;
    const next = await action.run(key, () => run(saved), done);
    if (next) setArticle(next);
  };
  const path = (a: Article) => ({ params: { path: { articleId: a.id } } });

  const status = article?.status ?? 'draft';
  const revisions = useLoad(
    () =>
      article && revisionsOpen
        ? unwrap(api.GET('/api/v1/staff/articles/{articleId}/revisions', path(article)))
        : Promise.resolve({ items: [] }),
    [article?.id, article?.version, revisionsOpen],
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          {back}
          <StatusTag value={status} prefix="articles.status" colors={STATUS_COLORS} />
          {article?.status === 'scheduled' && article.publishAt && (
            <Typography.Text type="secondary">
              {t('articles.scheduledFor', { at: formatDateTime(article.publishAt, tz) })}
            </Typography.Text>
          )}
        </Space>
        <Space wrap>
          {article && (
            <Button
              icon={<HistoryOutlined />}
              onClick={() => setRevisionsOpen(true)}
              data-testid="article-revisions"
            >
              {t('articles.revisions', { version: article.version })}
            </Button>
          )}
          {article?.status === 'published' && (
            <Button href={article.publicPath} target="_blank" data-testid="article-public">
              {t('articles.viewPublic')}
            </Button>
          )}
          <Button onClick={() => void save()} loading={submit.busy} data-testid="article-save">
            {t('articles.save')}
          </Button>
          {publisher && status === 'in_review' && (
            <Button onClick={() => setReturnOpen(true)} data-testid="article-return">
              {t('articles.return')}
            </Button>
          )}
          {publisher && status !== 'published' && (
            <Button onClick={() => setScheduleOpen(true)} data-testid="article-schedule">
              {t('articles.schedule')}
            </Button>
          )}
          {publisher && (status === 'published' || status === 'scheduled') && (
            <ConfirmButton
              confirm={t(
                status === 'published' ? 'articles.unpublishConfirm' : 'articles.unscheduleConfirm',
              )}
              onConfirm={() =>
                void saveThen(
                  'unpublish',
                  (a) => unwrap(api.POST('/api/v1/staff/articles/{articleId}/unpublish', path(a))),
                  t('articles.unpublished'),
                )
              }
              data-testid="article-unpublish"
            >
              {t(status === 'published' ? 'articles.unpublish' : 'articles.unschedule')}
            </ConfirmButton>
          )}
          {publisher && status !== 'published' && (
            <Button
              type="primary"
              loading={action.busy === 'publish'}
              onClick={() =>
                void saveThen(
                  'publish',
                  (a) => unwrap(api.POST('/api/v1/staff/articles/{articleId}/publish', path(a))),
                  t('articles.published'),
                )
              }
              data-testid="article-publish"
            >
              {t('articles.publishNow')}
            </Button>
          )}
        </Space>
      </Flex>
      {article?.reviewNote && status === 'draft' && (
        <Alert
          type="warning"
          showIcon
          message={t('articles.returnedWith', { note: article.reviewNote })}
        />
      )}
      {!publisher && <Alert type="info" showIcon message={t('articles.draftOnly')} />}
      {submit.error && <Alert type="error" showIcon message={submit.error} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          title: initial?.title ?? '',
          summary: initial?.summary ?? '',
          html: initial?.html ?? '',
          cover: initial?.cover ? [initial.cover.id] : [],
          tagSlugs: initial?.tagSlugs ?? [],
          ...(initial ? { authorId: initial.author.id } : {}),
        }}
      >
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Card>
              <Form.Item
                name="title"
                rules={[{ required: true, message: t('articles.titleRequired') }]}
              >
                <Input
                  size="large"
                  variant="borderless"
                  placeholder={t('articles.titlePlaceholder')}
                  style={{ fontSize: 24, fontWeight: 600, paddingInline: 0 }}
                  maxLength={120}
                  data-testid="article-title"
                />
              </Form.Item>
              <Form.Item name="html" noStyle>
                <RichTextEditor />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t('articles.details')}>
              {publisher && (
                <Form.Item name="authorId" label={t('articles.author')}>
                  <Select
                    placeholder={t('articles.businessAuthor')}
                    allowClear
                    data-testid="article-author"
                    options={(authors.data?.items ?? [])
                      .filter((a) => a.active)
                      .map((a) => ({
                        value: a.id,
                        label: `${a.displayName} · ${t(`articles.authorKind.${a.kind}`)}`,
                      }))}
                  />
                </Form.Item>
              )}
              <Form.Item name="tagSlugs" label={t('articles.tags')}>
                <Select
                  mode="multiple"
                  data-testid="article-tags"
                  options={(tags.data?.items ?? []).map((tag) => ({
                    value: tag.slug,
                    label: tag.name,
                  }))}
                />
              </Form.Item>
              <Form.Item name="cover" label={t('articles.cover')}>
                <ImageUpload
                  max={1}
                  purpose="article_cover"
                  initial={initial?.cover ? [initial.cover] : []}
                  data-testid="article-cover"
                />
              </Form.Item>
              <Form.Item name="summary" label={t('articles.summary')}>
                <Input.TextArea rows={3} maxLength={300} showCount data-testid="article-summary" />
              </Form.Item>
              {article && (
                <Typography.Text type="secondary">
                  {t('articles.meta', {
                    minutes: article.readingMinutes,
                    slug: article.slug,
                  })}
                </Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
      </Form>
      <Modal
        open={scheduleOpen}
        title={t('articles.schedule')}
        onCancel={() => setScheduleOpen(false)}
        okButtonProps={{ disabled: !publishAt, 'data-testid': 'schedule-ok' } as never}
        onOk={async () => {
          if (!publishAt) return;
          setScheduleOpen(false);
          await saveThen(
            'schedule',
            (a) =>
              unwrap(
                api.POST('/api/v1/staff/articles/{articleId}/schedule', {
                  ...path(a),
                  body: { publishAt: instantOfZoned(publishAt.format('YYYY-MM-DDTHH:mm'), tz) },
                }),
              ),
            t('articles.scheduled'),
          );
        }}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          value={publishAt}
          onChange={setPublishAt}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
        />
      </Modal>
      <Modal
        open={returnOpen}
        title={t('articles.return')}
        onCancel={() => setReturnOpen(false)}
        okButtonProps={{ disabled: !note.trim() }}
        onOk={async () => {
          if (!article) return;
          const next = await action.run(
            'return',
            () =>
              unwrap(
                api.POST('/api/v1/staff/articles/{articleId}/return', {
                  ...path(article),
                  body: { note: note.trim() },
                }),
              ),
            t('articles.returned'),
          );
          if (next) {
            setArticle(next);
            setReturnOpen(false);
          }
        }}
      >
        <Input.TextArea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('articles.returnNote')}
        />
      </Modal>
      <Drawer
        open={revisionsOpen}
        onClose={() => setRevisionsOpen(false)}
        title={t('articles.revisionsTitle')}
        width={420}
      >
        <List
          loading={revisions.loading}
          dataSource={revisions.data?.items ?? []}
          renderItem={(r) => (
            <List.Item
              actions={
                article && r.version !== article.version
                  ? [
                      <ConfirmButton
                        key="restore"
                        size="small"
                        confirm={t('articles.restoreConfirm', { version: r.version })}
                        onConfirm={async () => {
                          try {
                            const next = await unwrap(
                              api.POST(
                                '/api/v1/staff/articles/{articleId}/revisions/{revision}/restore',
                                {
                                  params: { path: { articleId: article.id, revision: r.version } },
                                  body: { version: article.version },
                                },
                              ),
                            );
                            setArticle(next);
                            form.setFieldsValue({
                              title: next.title,
                              summary: next.summary,
                              html: next.html,
                              tagSlugs: next.tagSlugs,
                              cover: next.cover ? [next.cover.id] : [],
                            });
                            void message.success(t('articles.restored', { version: r.version }));
                            setRevisionsOpen(false);
                          } catch (err) {
                            void message.error(errorText(err, t));
                          }
                        }}
                      >
                        {t('articles.restore')}
                      </ConfirmButton>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={`v${r.version} · ${r.title}`}
                description={`${formatDateTime(r.savedAt, tz)} · ${r.savedBy ?? ''} · ${t('articles.chars', { count: r.chars })}`}
              />
            </List.Item>
          )}
        />
      </Drawer>
    </Flex>
  );
}
