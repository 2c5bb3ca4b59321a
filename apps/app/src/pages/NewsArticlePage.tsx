// One article to read on a phone: cover, title, byline badge (店家 / 技师 · 门店 / KOL), the
// sanitised body, its tags, and 分享 (copies the public page's address). Reading events go to
// interests: opened on load, finished (with the seconds spent) when the end comes into view.
import { Dialog, ErrorBlock, NavBar, Skeleton, Toast } from 'antd-mobile';
import { UploadOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '@liuke/api-client';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { useReadingEvents } from '../components/useReadingEvents.ts';
import { formatDate } from '../format.ts';
import { bylineLabel, newsApi, type NewsArticle } from '../news-api.ts';
import '../news.css';

async function share(article: NewsArticle, t: (k: string) => string) {
  const url = `${window.location.origin}${article.publicPath}`;
  try {
    await navigator.clipboard.writeText(url);
    Toast.show({ content: t('news.linkCopied'), icon: 'success' });
  } catch {
    // No clipboard (an old WebView): show the address to copy by hand.
    await Dialog.alert({ title: t('news.share'), content: url, confirmText: t('news.ok') });
  }
}

export function NewsArticlePage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: a, error, reload } = useLoad(() => newsApi.article(slug), `news-${slug}`);
  const end = useReadingEvents(a && { type: 'article', id: a.id });
  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate('/news', { replace: true });

  let body;
  if (!a)
    body =
      error instanceof ApiError && error.status === 404 ? (
        <ErrorBlock status="empty" title={t('news.notFound')} description="" />
      ) : error ? (
        <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
      ) : (
        <div className="section">
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={8} animated />
        </div>
      );
  else
    body = (
      <article className="news-article" data-testid="news-article">
        {a.cover && <img className="news-article-cover" src={a.cover.url} alt="" />}
        <div className="news-article-inner">
          <h1>{a.title}</h1>
          <p className="news-card-meta">
            <span className={`news-badge news-badge-${a.byline.kind}`}>
              {bylineLabel(a.byline, t)}
            </span>
            <span>{a.byline.displayName}</span>
            <span>{formatDate(a.publishedAt, i18n.language)}</span>
            <span>{t('news.minutes', { count: a.readingMinutes })}</span>
          </p>
          {/* Sanitised on the server (only text markup, links and this shop's pictures). */}
          <div className="news-body" dangerouslySetInnerHTML={{ __html: a.html }} />
          {a.tags.length > 0 && (
            <nav className="news-tags news-tags-inline">
              {a.tags.map((tag) => (
                <Link key={tag.slug} to={`/news/tags/${tag.slug}`} className="news-tag">
                  #{tag.name}
                </Link>
              ))}
            </nav>
          )}
          <div ref={end} className="news-end" data-testid="news-end">
            {t('news.end')}
          </div>
        </div>
      </article>
    );

  return (
    <div className="page">
      <NavBar
        className="page-nav"
        onBack={back}
        right={
          a ? (
            <button
              type="button"
              className="news-share"
              onClick={() => void share(a, t)}
              aria-label={t('news.share')}
              data-testid="news-share"
            >
              <UploadOutline /> {t('news.share')}
            </button>
          ) : null
        }
      >
        {t('news.title')}
      </NavBar>
      {body}
    </div>
  );
}
