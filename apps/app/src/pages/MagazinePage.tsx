// 电子杂志: the published issues (the latest as a large cover), the 订阅 switch, and the way to
// contribute (投稿) and to see one's contributions.
import { Button, ErrorBlock, NavBar, Skeleton, Switch, Toast } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { dayOf, magazineApi, type IssueSummary } from '../magazine-api.ts';
import '../magazine.css';

function IssueCard({ issue, large }: { issue: IssueSummary; large: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Link
      to={`/magazine/${issue.id}`}
      className={large ? 'mag-card mag-card-large' : 'mag-card'}
      data-testid="magazine-issue"
    >
      <div
        className="mag-card-cover"
        style={issue.coverUrl ? { backgroundImage: `url(${issue.coverUrl})` } : undefined}
      />
      <div className="mag-card-body">
        <div className="mag-card-title">{issue.title}</div>
        {issue.summary && <div className="mag-card-summary">{issue.summary}</div>}
        <div className="mag-card-meta">
          {issue.publishedAt ? dayOf(issue.publishedAt, i18n.language) : ''} ·{' '}
          {t('magazine.pages', { count: issue.pageCount })}
          {issue.contributionCount > 0 &&
            ` · ${t('magazine.readerPages', { count: issue.contributionCount })}`}
        </div>
      </div>
    </Link>
  );
}

function SubscribeRow({ initial }: { initial: boolean }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(initial);
  const [busy, setBusy] = useState(false);
  async function toggle(next: boolean) {
    setBusy(true);
    try {
      const r = next ? await magazineApi.subscribe() : await magazineApi.unsubscribe();
      setOn(r.subscribed);
      Toast.show({ content: t(next ? 'magazine.subscribedToast' : 'magazine.unsubscribedToast') });
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="mag-subscribe">
      <div>
        <div className="mag-subscribe-title">
          {on ? t('magazine.subscribed') : t('magazine.subscribe')}
        </div>
        <div className="mag-subscribe-hint">{t('magazine.subscribeHint')}</div>
      </div>
      <Switch
        checked={on}
        loading={busy}
        onChange={(v) => void toggle(v)}
        data-testid="magazine-subscribe"
      />
    </div>
  );
}

export function MagazinePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(() => magazineApi.issues(), 'magazine-issues');
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/', { replace: true }));
  let body;
  if (!data)
    body = error ? (
      <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
    ) : (
      <Skeleton.Paragraph lineCount={6} animated />
    );
  else
    body = (
      <>
        <SubscribeRow initial={data.subscribed} />
        <div className="mag-actions">
          <Button
            color="primary"
            shape="rounded"
            onClick={() => navigate('/magazine/contribute')}
            data-testid="magazine-contribute"
          >
            {t('magazine.contribute')}
          </Button>
          <Button shape="rounded" onClick={() => navigate('/magazine/mine')}>
            {t('magazine.mine')}
          </Button>
        </div>
        {data.items.length === 0 ? (
          <ErrorBlock status="empty" title={t('magazine.empty')} description="" />
        ) : (
          <div className="mag-list" data-testid="magazine-list">
            {data.items.map((issue, i) => (
              <IssueCard key={issue.id} issue={issue} large={i === 0} />
            ))}
          </div>
        )}
      </>
    );
  return (
    <div className="page">
      <NavBar
        className="page-nav"
        onBack={back}
        right={
          <Link to="/magazine/mine">
            {t('magazine.mine')} <RightOutline />
          </Link>
        }
      >
        {t('magazine.title')}
      </NavBar>
      <section className="section">{body}</section>
    </div>
  );
}
