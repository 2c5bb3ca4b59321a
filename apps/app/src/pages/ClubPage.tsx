// A club (车友会): its description, my badges, the feed (pinned first, then newest, more on
// demand) and the 发帖 button; `?compose=1` opens the composer at once (the hub's 发帖).
import { Button, Dialog, FloatingBubble, NavBar, Skeleton, Toast } from 'antd-mobile';
import { EditSOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage, useLoad } from '../api.ts';
import { clubApi, type Club, type Post } from '../club-api.ts';
import { ClubBadges } from '../components/ClubBadges.tsx';
import { PostCard } from '../components/PostCard.tsx';
import { PostComposer } from '../components/PostComposer.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import '../clubs.css';

function ClubHead({ club, onChange }: { club: Club; onChange: () => void }) {
  const { t } = useTranslation();
  const m = club.membership;
  async function join() {
    try {
      const r = await clubApi.join(club.id);
      Toast.show({
        content: t(r.status === 'active' ? 'clubs.joinedToast' : 'clubs.pendingToast'),
      });
      onChange();
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    }
  }
  async function leave() {
    if (!(await Dialog.confirm({ content: t('clubs.leaveConfirm') }))) return;
    try {
      await clubApi.leave(club.id);
      Toast.show({ content: t('clubs.left') });
      onChange();
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    }
  }
  return (
    <section className="club-head">
      {club.description && <p className="club-head-text">{club.description}</p>}
      <div className="club-head-meta">
        {t('clubs.members', { count: club.memberCount })} ·{' '}
        {t('clubs.posts', { count: club.postCount })}
      </div>
      {m?.status === 'active' ? (
        <div className="club-head-me">
          <ClubBadges badges={m.badges} />
          <span className="club-head-trust">{t(`clubs.trust.${m.trustLevel}`)}</span>
          <Button size="mini" fill="none" onClick={() => void leave()}>
            {t('clubs.leave')}
          </Button>
        </div>
      ) : m?.status === 'pending' ? (
        <p className="club-head-note">{t('clubs.pendingToast')}</p>
      ) : (
        <div className="club-head-join">
          <span>{t('clubs.joinToPost')}</span>
          <Button
            size="small"
            color="primary"
            shape="rounded"
            onClick={() => void join()}
            data-testid="club-join"
          >
            {t(club.joinPolicy === 'approval' ? 'clubs.joinApproval' : 'clubs.join')}
          </Button>
        </div>
      )}
    </section>
  );
}

function Feed({ club, fresh }: { club: Club; fresh: Post[] }) {
  const { t } = useTranslation();
  const readable = club.joinPolicy === 'open' || club.membership?.status === 'active';
  const { data, error, reload } = useLoad(
    () => (readable ? clubApi.feed(club.id) : Promise.resolve(null)),
    `club-feed-${club.id}-${readable}`,
  );
  const [more, setMore] = useState<Post[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  useEffect(() => {
    setMore([]);
    setCursor(data?.nextCursor ?? null);
  }, [data]);
  if (!readable) return <p className="community-empty">{t('clubs.privateClub')}</p>;
  if (!data)
    return error ? (
      <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
    ) : (
      <Skeleton.Paragraph lineCount={8} animated />
    );
  async function loadMore() {
    try {
      const next = await clubApi.feed(club.id, cursor);
      setMore((m) => [...m, ...next.items]);
      setCursor(next.nextCursor);
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    }
  }
  const canLike = club.membership?.status === 'active';
  // What I just posted comes first; a post seen twice (posted, then paged in) shows once.
  const posts = [...fresh, ...data.pinned, ...data.items, ...more].filter(
    (p, i, all) => all.findIndex((x) => x.id === p.id) === i,
  );
  if (posts.length === 0) return <p className="community-empty">{t('clubs.emptyFeed')}</p>;
  return (
    <div className="club-feed" data-testid="club-feed">
      {posts.map((p) => (
        <PostCard key={p.id} post={p} canLike={canLike} />
      ))}
      {cursor ? (
        <Button block fill="none" onClick={() => void loadMore()} data-testid="feed-more">
          {t('clubs.loadMore')}
        </Button>
      ) : (
        <p className="club-feed-end">{t('clubs.noMore')}</p>
      )}
    </div>
  );
}

export function ClubPage() {
  const { clubId = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const { data: club, error, reload } = useLoad(() => clubApi.club(clubId), `club-${clubId}`);
  const [fresh, setFresh] = useState<Post[]>([]);
  const composing = params.get('compose') === '1';
  const setComposing = (on: boolean) => setParams(on ? { compose: '1' } : {}, { replace: true });
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/community', { replace: true });
  };
  const member = club?.membership?.status === 'active';
  return (
    <div className="page club-page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {club?.name ?? ''}
      </NavBar>
      {!club ? (
        <section className="section">
          {error && !(error instanceof ApiError && error.status === 404) ? (
            <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
          ) : error ? (
            <p className="community-empty">{errorMessage(error)}</p>
          ) : (
            <Skeleton.Paragraph lineCount={8} animated />
          )}
        </section>
      ) : (
        <>
          <ClubHead club={club} onChange={() => void reload()} />
          <Feed club={club} fresh={fresh} />
          {member && (
            <>
              <FloatingBubble
                style={{ '--initial-position-bottom': '88px', '--initial-position-right': '20px' }}
                onClick={() => setComposing(true)}
              >
                <span
                  className="club-write-bubble"
                  data-testid="club-write"
                  aria-label={t('clubs.write')}
                >
                  <EditSOutline />
                </span>
              </FloatingBubble>
              <PostComposer
                clubId={club.id}
                clubName={club.name}
                visible={composing}
                onClose={() => setComposing(false)}
                onPosted={(p) => {
                  setFresh((f) => [p, ...f]);
                  setComposing(false);
                }}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
