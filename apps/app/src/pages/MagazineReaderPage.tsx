// The reader of an issue: a full-bleed cover, then each section's header and its pages in order
// (photo stories, galleries that open full screen, text), readers' pages credited with their
// author's name; a progress bar follows the scroll.
import { Image, ImageViewer, NavBar, Skeleton } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { useReadingEvents } from '../components/useReadingEvents.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { dayOf, magazineApi, type MagazinePage } from '../magazine-api.ts';
import '../magazine.css';

function Photos({ page }: { page: MagazinePage }) {
  const urls = page.images.map((i) => i.url);
  const open = (index: number) => ImageViewer.Multi.show({ images: urls, defaultIndex: index });
  if (!urls.length) return null;
  if (page.layout === 'gallery' && urls.length > 1)
    return (
      <div className={`mag-gallery mag-gallery-${Math.min(urls.length, 3)}`}>
        {page.images.map((img, i) => (
          <Image
            key={img.id}
            src={img.thumbUrl}
            fit="cover"
            className="mag-gallery-item"
            onClick={() => open(i)}
            data-testid="magazine-photo"
          />
        ))}
      </div>
    );
  return (
    <div className="mag-photo-story">
      {page.images.map((img, i) => (
        <Image
          key={img.id}
          src={img.url}
          fit="cover"
          className="mag-photo"
          onClick={() => open(i)}
          data-testid="magazine-photo"
        />
      ))}
    </div>
  );
}

function Credit({ credit }: { credit: NonNullable<MagazinePage['credit']> }) {
  const { t } = useTranslation();
  return (
    <div className="mag-credit" data-testid="magazine-credit">
      <span className="mag-credit-avatar">{credit.initial}</span>
      <span className="mag-credit-name">{credit.name}</span>
      <span className="mag-credit-label">{t('magazine.readerCredit')}</span>
    </div>
  );
}

function PageView({ page }: { page: MagazinePage }) {
  return (
    <article className={`mag-page mag-layout-${page.layout}`} data-testid="magazine-page">
      {page.layout !== 'text' && <Photos page={page} />}
      <div className="mag-page-body">
        <h2 className="mag-page-title">{page.title}</h2>
        {page.credit && <Credit credit={page.credit} />}
        {/* Sanitised on the server (kernel/sanitize sanitizeRichHtml). */}
        <div className="mag-rich" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
        {page.layout === 'text' && <Photos page={page} />}
      </div>
    </article>
  );
}

function useScrollProgress(): number {
  const [progress, setProgress] = useState(0);
  useEffect(() => {
    const onScroll = () => {
      const el = document.documentElement;
      const max = el.scrollHeight - el.clientHeight;
      setProgress(max > 0 ? Math.min(1, window.scrollY / max) : 0);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);
  return progress;
}

export function MagazineReaderPage() {
  const { issueId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const progress = useScrollProgress();
  const { data, error, reload } = useLoad(() => magazineApi.issue(issueId), `magazine-${issueId}`);
  const end = useReadingEvents<HTMLElement>(data && { type: 'magazine_issue', id: data.id });
  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate('/magazine', { replace: true });
  if (!data)
    return (
      <div className="page">
        <NavBar className="page-nav" onBack={back}>
          {t('magazine.title')}
        </NavBar>
        <section className="section">
          {error ? (
            <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
          ) : (
            <Skeleton.Paragraph lineCount={8} animated />
          )}
        </section>
      </div>
    );
  return (
    <div className="mag-reader" data-testid="magazine-reader">
      <div className="mag-progress" style={{ transform: `scaleX(${progress})` }} />
      <button type="button" className="mag-back" onClick={back} aria-label={t('magazine.back')}>
        ‹
      </button>
      <header
        className="mag-cover"
        style={data.coverUrl ? { backgroundImage: `url(${data.coverUrl})` } : undefined}
      >
        <div className="mag-cover-shade">
          <div className="mag-cover-kicker">{t('magazine.title')}</div>
          <h1 className="mag-cover-title">{data.title}</h1>
          {data.summary && <p className="mag-cover-summary">{data.summary}</p>}
          {data.publishedAt && (
            <div className="mag-cover-date">{dayOf(data.publishedAt, i18n.language)}</div>
          )}
        </div>
      </header>
      {data.sections.map((s, i) => (
        <section key={s.id} className="mag-section" data-testid="magazine-section">
          <div className="mag-section-head">
            <span className="mag-section-no">{String(i + 1).padStart(2, '0')}</span>
            <span className="mag-section-title">{s.title}</span>
          </div>
          {s.pages.map((p) => (
            <PageView key={p.id} page={p} />
          ))}
        </section>
      ))}
      <footer className="mag-end" ref={end}>
        <div>{t('magazine.endOfIssue')}</div>
        {data.contributionCount > 0 && <div className="mag-end-thanks">{t('magazine.thanks')}</div>}
      </footer>
    </div>
  );
}
