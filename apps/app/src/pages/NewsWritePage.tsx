// A KOL owner's writing: their articles (草稿, 审核中, 已发布 — a returned one shows the shop's
// note), and the form to write one (title, text, up to 9 photos, tags), save it as a draft and
// submit it for review. A draft in review or published cannot be changed here.
import {
  Button,
  ErrorBlock,
  Form,
  Input,
  NavBar,
  Selector,
  Skeleton,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import { formatDate } from '../format.ts';
import { newsApi, type DraftInput, type KolDraft } from '../news-api.ts';
import '../news.css';

const STATUS_COLOR: Record<KolDraft['status'], string> = {
  draft: 'default',
  in_review: 'warning',
  scheduled: 'primary',
  published: 'success',
  archived: 'default',
};

function useBack(to: string) {
  const navigate = useNavigate();
  const location = useLocation();
  return () => (location.key !== 'default' ? navigate(-1) : navigate(to, { replace: true }));
}

export function NewsDraftsPage() {
  const { t, i18n } = useTranslation();
  const back = useBack('/news');
  const { data, error, reload } = useLoad(() => newsApi.drafts(), 'news-drafts');
  let body;
  if (!data)
    body = error ? (
      <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
    ) : (
      <Skeleton.Paragraph lineCount={4} animated />
    );
  else if (!data.items.length)
    body = (
      <ErrorBlock
        className="empty-block"
        status="empty"
        title={t('news.noDrafts')}
        description=""
      />
    );
  else
    body = (
      <ul className="news-list" data-testid="news-drafts-list">
        {data.items.map((d) => (
          <li key={d.id}>
            <Link
              to={d.status === 'published' ? `/news/${d.slug}` : `/news/write/${d.id}`}
              className="news-card"
            >
              <div className="news-card-text">
                <h3>{d.title}</h3>
                {d.status === 'draft' && d.reviewNote && (
                  <p className="news-note">{t('news.returnedWith', { note: d.reviewNote })}</p>
                )}
                <p className="news-card-meta">
                  <Tag color={STATUS_COLOR[d.status]}>{t(`news.status.${d.status}`)}</Tag>
                  <span>{formatDate(d.updatedAt, i18n.language)}</span>
                </p>
              </div>
              {d.images[0] && <img className="news-card-cover" src={d.images[0].thumbUrl} alt="" />}
            </Link>
          </li>
        ))}
      </ul>
    );
  return (
    <div className="page">
      <NavBar
        className="page-nav"
        onBack={back}
        right={
          <Link to="/news/write" data-testid="news-write">
            {t('news.write')}
          </Link>
        }
      >
        {t('news.myDrafts')}
      </NavBar>
      <section className="section">{body}</section>
    </div>
  );
}

export function NewsWritePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const back = useBack('/news/drafts');
  const draft = useLoad(
    () => (id ? newsApi.draft(id) : Promise.resolve(null)),
    `news-draft-${id ?? 'new'}`,
  );
  const tags = useLoad(() => newsApi.tags(), 'news-tags');
  if (id && !draft.data)
    return (
      <div className="page">
        <NavBar className="page-nav" onBack={back}>
          {t('news.write')}
        </NavBar>
        {draft.error ? (
          <LoadError message={errorMessage(draft.error)} onRetry={() => void draft.reload()} />
        ) : (
          <Skeleton.Paragraph lineCount={6} animated />
        )}
      </div>
    );
  return (
    <Writer
      key={draft.data?.id ?? 'new'}
      initial={draft.data ?? null}
      tagOptions={(tags.data?.items ?? []).map((x) => ({ label: x.name, value: x.slug }))}
      back={back}
    />
  );
}

function Writer({
  initial,
  tagOptions,
  back,
}: {
  initial: KolDraft | null;
  tagOptions: { label: string; value: string }[];
  back: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<DraftInput>();
  const [draft, setDraft] = useState<KolDraft | null>(initial);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const locked = draft !== null && draft.status !== 'draft';

  const save = async (): Promise<KolDraft | null> => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return null;
    const body = {
      title: v.title ?? '',
      text: v.text ?? '',
      imageIds: v.imageIds ?? [],
      tagSlugs: v.tagSlugs ?? [],
    };
    const saved = draft
      ? await newsApi.save(draft.id, { ...body, version: draft.version })
      : await newsApi.create(body);
    setDraft(saved);
    return saved;
  };

  const run = async (what: 'save' | 'submit') => {
    setBusy(what);
    try {
      const saved = await save();
      if (!saved) return;
      if (what === 'submit') {
        await newsApi.submit(saved.id);
        Toast.show({ content: t('news.submitted'), icon: 'success' });
        navigate('/news/drafts', { replace: true });
      } else {
        Toast.show({ content: t('news.savedDraft'), icon: 'success' });
        if (!draft) navigate(`/news/write/${saved.id}`, { replace: true });
      }
    } catch (err) {
      Toast.show({ content: errorMessage(err), icon: 'fail' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page news-write-page">
      <NavBar className="page-nav" onBack={back}>
        {t(draft ? 'news.editDraft' : 'news.write')}
      </NavBar>
      {draft?.reviewNote && draft.status === 'draft' && (
        <p className="news-note news-note-block">
          {t('news.returnedWith', { note: draft.reviewNote })}
        </p>
      )}
      {locked && (
        <p className="news-note news-note-block">
          {t(`news.locked.${draft.status}`, { defaultValue: t('news.locked.other') })}
        </p>
      )}
      <Form
        form={form}
        disabled={locked}
        initialValues={{
          title: initial?.title ?? '',
          text: initial?.text ?? '',
          imageIds: initial?.images.map((i) => i.id) ?? [],
          tagSlugs: initial?.tagSlugs ?? [],
        }}
        footer={
          !locked && (
            <div className="news-write-actions">
              <Button
                block
                loading={busy === 'save'}
                onClick={() => void run('save')}
                data-testid="news-save"
              >
                {t('news.saveDraft')}
              </Button>
              <Button
                block
                color="primary"
                loading={busy === 'submit'}
                onClick={() => void run('submit')}
                data-testid="news-submit"
              >
                {t('news.submit')}
              </Button>
            </div>
          )
        }
      >
        <Form.Item
          name="title"
          label={t('news.form.title')}
          rules={[{ required: true, message: t('news.form.titleRequired') }]}
        >
          <Input
            maxLength={120}
            placeholder={t('news.form.titlePlaceholder')}
            data-testid="news-title"
          />
        </Form.Item>
        <Form.Item name="text" label={t('news.form.text')}>
          <TextArea
            autoSize={{ minRows: 8, maxRows: 20 }}
            maxLength={20000}
            placeholder={t('news.form.textPlaceholder')}
            data-testid="news-text"
          />
        </Form.Item>
        <Form.Item name="imageIds" label={t('news.form.photos')}>
          <PhotoPicker
            max={9}
            purpose="article"
            initial={initial?.images ?? []}
            data-testid="news-photos"
          />
        </Form.Item>
        {tagOptions.length > 0 && (
          <Form.Item name="tagSlugs" label={t('news.form.tags')}>
            <Selector multiple options={tagOptions} />
          </Form.Item>
        )}
      </Form>
    </div>
  );
}
