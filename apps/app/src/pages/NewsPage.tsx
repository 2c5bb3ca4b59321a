// 资讯: the shop's articles ordered by the owner's interests (newest first without any), tag
// chips leading to a tag's page (with 关注), the latest magazine issue with 投稿, and for a
// nominated KOL the way to write.
import { Button, ErrorBlock, NavBar, PullToRefresh, Skeleton, Toast } from 'antd-mobile';
import { EditSOutline, RightOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { interestsApi } from '../interests-api.ts';
import { magazineApi } from '../magazine-api.ts';
import { bylineLabel, newsApi, type NewsItem } from '../news-api.ts';
import '../news.css';

function ArticleCard({ item }: { item: NewsItem }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link to={`/news/${item.slug}`} className="news-card" data-testid="news-card">
        <div className="news-card-text">
          <h3>{item.title}</h3>
          {item.summary && <p className="news-card-summary">{item.summary}</p>}
          <p className="news-card-meta">
            <span className={`news-badge news-badge-${item.byline.kind}`}>
              {bylineLabel(item.byline, t)}
            </span>
            <span>{item.byline.kind === 'business' ? '' : item.byline.displayName}</span>
            <span>{t('news.minutes', { count: item.readingMinutes })}</span>
          </p>
        </div>
        {item.cover && (
          <img className="news-card-cover" src={item.cover.thumbUrl} alt="" loading="lazy" />
        )}
      </Link>
    </li>
  );
}

function ArticleList({ items }: { items: NewsItem[] }) {
  const { t } = useTranslation();
  if (!items.length)
    return (
      <ErrorBlock className="empty-block" status="empty" title={t('news.empty')} description="" />
    );
  return (
    <ul className="news-list" data-testid="news-list">
      {items.map((a) => (
        <ArticleCard key={a.id} item={a} />
      ))}
    </ul>
  );
}

function MagazineCard() {
  const { t } = useTranslation();
  const { data } = useLoad(() => magazineApi.latest(), 'magazine-latest');
  if (!data) return null;
  return (
    <section className="section">
      <div className="news-magazine" data-testid="news-magazine">
        {data.coverUrl && <img src={data.coverUrl} alt="" />}
        <div className="news-magazine-text">
          <span className="news-magazine-kicker">{t('news.magazine')}</span>
          <Link to={`/magazine/${data.id}`} className="news-magazine-title">
            {data.title}
          </Link>
          <div className="news-magazine-actions">
            <Link to="/magazine">{t('news.magazineAll')}</Link>
            <Link
              to="/magazine/contribute"
              className="news-magazine-contribute"
              data-testid="news-contribute"
            >
              {t('news.contribute')}
              {data.openCalls > 0 ? ` · ${data.openCalls}` : ''}
            </Link>
          </div>
        </div>
      </div>
    </section>
  );
}

export function NewsPage() {
  const { t } = useTranslation();
  const list = useLoad(() => newsApi.list(), 'news');
  const tags = useLoad(() => newsApi.tags(), 'news-tags');
  const me = useLoad(() => newsApi.me(), 'news-me');

  let body;
  if (!list.data)
    body = list.error ? (
      <LoadError message={errorMessage(list.error)} onRetry={() => void list.reload()} />
    ) : (
      <Skeleton.Paragraph lineCount={6} animated />
    );
  else body = <ArticleList items={list.data.items} />;

  return (
    <div className="page news-page">
      <header className="page-header news-header">
        <h1>{t('news.title')}</h1>
        {me.data?.kol && (
          <span className="news-write-links">
            <Link to="/news/drafts" data-testid="news-drafts">
              {t('news.myDrafts')}
            </Link>
            <Link to="/news/write" className="news-write" data-testid="news-write">
              <EditSOutline /> {t('news.write')}
            </Link>
          </span>
        )}
      </header>
      {(tags.data?.items.length ?? 0) > 0 && (
        <nav className="news-tags" aria-label={t('news.tags')} data-testid="news-tags">
          {tags.data!.items.map((tag) => (
            <Link key={tag.slug} to={`/news/tags/${tag.slug}`} className="news-tag">
              {tag.name}
            </Link>
          ))}
        </nav>
      )}
      <PullToRefresh
        onRefresh={async () => {
          await list.reload();
        }}
        pullingText={t('common.pullToRefresh')}
        canReleaseText={t('common.releaseToRefresh')}
        refreshingText={t('common.refreshing')}
        completeText={t('common.refreshed')}
      >
        <MagazineCard />
        <section className="section">
          {list.data?.personalised && <p className="news-hint">{t('news.forYou')}</p>}
          {body}
        </section>
      </PullToRefresh>
    </div>
  );
}

/** A tag's articles, newest first, with 关注 (kept by interests; ignored while it is not there). */
export function NewsTagPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const list = useLoad(() => newsApi.list(slug), `news-tag-${slug}`);
  const tags = useLoad(() => newsApi.tags(), 'news-tags');
  const [following, setFollowing] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void interestsApi.mine().then(
      (r) => setFollowing(r.follows.includes(slug)),
      () => setFollowing(false),
    );
  }, [slug]);
  const name = tags.data?.items.find((x) => x.slug === slug)?.name ?? slug;
  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate('/news', { replace: true });

  const toggle = async () => {
    const on = !following;
    setBusy(true);
    try {
      await (on ? interestsApi.follow(slug) : interestsApi.unfollow(slug));
      setFollowing(on);
      Toast.show(t(on ? 'news.followed' : 'news.unfollowed'));
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <NavBar
        className="page-nav"
        onBack={back}
        right={
          <Button
            size="mini"
            color="primary"
            fill={following ? 'outline' : 'solid'}
            loading={busy}
            onClick={() => void toggle()}
            data-testid="news-follow"
          >
            {following ? t('news.following') : t('news.follow')}
          </Button>
        }
      >
        #{name}
      </NavBar>
      <section className="section">
        {list.data ? (
          <ArticleList items={list.data.items} />
        ) : list.error ? (
          <LoadError message={errorMessage(list.error)} onRetry={() => void list.reload()} />
        ) : (
          <Skeleton.Paragraph lineCount={5} animated />
        )}
      </section>
      <p className="news-more">
        <Link to="/news">
          {t('news.all')} <RightOutline />
        </Link>
      </p>
    </div>
  );
}
