// 预览: the issue as a phone shows it (cover, sections, pages, readers' credits), drafts included.
import { Drawer, Image } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MagazineIssue } from './magazine.ts';
import './magazine.css';

export function IssuePreview({
  issue,
  open,
  onClose,
}: {
  issue: MagazineIssue;
  open: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={430}
      title={t('magazine.preview')}
      styles={{ body: { padding: 0 } }}
    >
      <div className="magp" data-testid="magazine-preview">
        <div
          className="magp-cover"
          style={issue.coverUrl ? { backgroundImage: `url(${issue.coverUrl})` } : undefined}
        >
          <div className="magp-cover-shade">
            <div className="magp-kicker">{t('magazine.title')}</div>
            <h1>{issue.title}</h1>
            {issue.summary && <p>{issue.summary}</p>}
          </div>
        </div>
        {issue.sections.map((s, i) => (
          <section key={s.id}>
            <div className="magp-section">
              <span className="magp-section-no">{String(i + 1).padStart(2, '0')}</span> {s.title}
            </div>
            {s.pages.map((p) => (
              <article key={p.id} className="magp-page">
                {p.images.length > 0 && (
                  <Image.PreviewGroup>
                    <div className={p.images.length > 1 ? 'magp-gallery' : 'magp-photo'}>
                      {p.images.map((img) => (
                        <Image key={img.id} src={img.thumbUrl} preview={{ src: img.url }} />
                      ))}
                    </div>
                  </Image.PreviewGroup>
                )}
                <div className="magp-page-body">
                  <h2>{p.title}</h2>
                  {p.credit && (
                    <div className="magp-credit">
                      <span className="magp-avatar">{p.credit.initial}</span>
                      {p.credit.name} · {t('magazine.readerCredit')}
                    </div>
                  )}
                  {/* Sanitised on the server (kernel/sanitize sanitizeRichHtml). */}
                  <div className="magp-rich" dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
                </div>
              </article>
            ))}
          </section>
        ))}
      </div>
    </Drawer>
  );
}
