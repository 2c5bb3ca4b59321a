// 社区: the community tab — entries to events, group deals and my badges; my clubs (one tap to a
// feed, one more to write) and the shop's other clubs to join.
import { Button, ErrorBlock, Skeleton, Tag, Toast } from 'antd-mobile';
import { CalendarOutline, EditSOutline, GiftOutline, StarOutline } from 'antd-mobile-icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { clubApi, type Club } from '../club-api.ts';
import { ClubBadges } from '../components/ClubBadges.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import '../clubs.css';

function Entry({
  to,
  icon,
  label,
  id,
}: {
  to: string;
  icon: ReactNode;
  label: string;
  id: string;
}) {
  return (
    <Link to={to} className="community-entry" data-testid={`community-entry-${id}`}>
      <span className="community-entry-icon">{icon}</span>
      <span>{label}</span>
    </Link>
  );
}

function ClubCard({ club, onJoined }: { club: Club; onJoined: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const m = club.membership;

  async function join() {
    setBusy(true);
    try {
      const r = await clubApi.join(club.id);
      Toast.show({
        content: t(r.status === 'active' ? 'clubs.joinedToast' : 'clubs.pendingToast'),
      });
      onJoined();
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="club-card" data-testid="club-card" data-club-id={club.id}>
      <Link to={`/clubs/${club.id}`} className="club-card-main" data-testid="club-open">
        <span className="club-card-cover" aria-hidden>
          {club.cover ? <img src={club.cover.thumbUrl} alt="" /> : club.name.slice(0, 1)}
        </span>
        <span className="club-card-text">
          <span className="club-card-name">{club.name}</span>
          <span className="club-card-meta">
            <Tag fill="outline">{t(`clubs.kind.${club.kind}`)}</Tag>
            {t('clubs.members', { count: club.memberCount })} ·{' '}
            {t('clubs.posts', { count: club.postCount })}
          </span>
          {m?.status === 'active' && <ClubBadges badges={m.badges} />}
        </span>
      </Link>
      {m?.status === 'active' ? (
        <Button
          size="small"
          color="primary"
          shape="rounded"
          onClick={() => navigate(`/clubs/${club.id}?compose=1`)}
          data-testid="club-write"
        >
          <EditSOutline /> {t('clubs.write')}
        </Button>
      ) : m?.status === 'pending' ? (
        <Tag color="warning">{t('clubs.pending')}</Tag>
      ) : (
        <Button
          size="small"
          color="primary"
          fill="outline"
          shape="rounded"
          loading={busy}
          onClick={() => void join()}
          data-testid="club-join"
        >
          {t(club.joinPolicy === 'approval' ? 'clubs.joinApproval' : 'clubs.join')}
        </Button>
      )}
    </li>
  );
}

export function CommunityPage() {
  const { t } = useTranslation();
  const { data, error, reload } = useLoad(() => clubApi.list(), 'clubs');
  return (
    <div className="page community-page">
      <header className="page-header">
        <h1>{t('clubs.hubTitle')}</h1>
        <p className="community-hint">{t('clubs.hubHint')}</p>
      </header>
      <nav className="community-entries">
        <Entry to="/events" id="events" icon={<CalendarOutline />} label={t('clubs.events')} />
        <Entry to="/deals" id="deals" icon={<GiftOutline />} label={t('clubs.deals')} />
        <Entry to="/me/badges" id="badges" icon={<StarOutline />} label={t('clubs.myBadges')} />
      </nav>
      {!data ? (
        <section className="section">
          {error ? (
            <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
          ) : (
            <Skeleton.Paragraph lineCount={6} animated />
          )}
        </section>
      ) : (
        <>
          <section className="section" data-testid="my-clubs">
            <h2 className="section-title">{t('clubs.mine')}</h2>
            {data.mine.length === 0 ? (
              <p className="community-empty">{t('clubs.noneMine')}</p>
            ) : (
              <ul className="club-cards">
                {data.mine.map((c) => (
                  <ClubCard key={c.id} club={c} onJoined={() => void reload()} />
                ))}
              </ul>
            )}
          </section>
          <section className="section" data-testid="discover-clubs">
            <h2 className="section-title">{t('clubs.discover')}</h2>
            {data.discover.length === 0 ? (
              <ErrorBlock status="empty" title={t('clubs.noneDiscover')} description="" />
            ) : (
              <ul className="club-cards">
                {data.discover.map((c) => (
                  <ClubCard key={c.id} club={c} onJoined={() => void reload()} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
