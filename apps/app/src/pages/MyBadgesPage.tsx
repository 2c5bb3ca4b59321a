// 我的徽章: my badges and standing in each club, from what the shop has verified.
import { NavBar, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { clubApi } from '../club-api.ts';
import { ClubBadges } from '../components/ClubBadges.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import '../clubs.css';

export function MyBadgesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(() => clubApi.myBadges(), 'my-badges');
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/community', { replace: true });
  };
  return (
    <div className="page my-badges-page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {t('clubs.badgesTitle')}
      </NavBar>
      <section className="section">
        {!data ? (
          error ? (
            <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
          ) : (
            <Skeleton.Paragraph lineCount={5} animated />
          )
        ) : data.items.length === 0 ? (
          <p className="community-empty">{t('clubs.badgesEmpty')}</p>
        ) : (
          <ul className="club-cards">
            {data.items.map((c) => (
              <li key={c.clubId} className="club-card" data-testid="my-badges-club">
                <Link to={`/clubs/${c.clubId}`} className="club-card-main">
                  <span className="club-card-text">
                    <span className="club-card-name">{c.clubName}</span>
                    <span className="club-card-meta">
                      <Tag fill="outline">{t(`clubs.trust.${c.trustLevel}`)}</Tag>
                    </span>
                    {c.badges.length > 0 ? (
                      <ClubBadges badges={c.badges} />
                    ) : (
                      <span className="club-card-meta">{t('clubs.badgesEmpty')}</span>
                    )}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <p className="community-hint">{t('clubs.badgesHow')}</p>
      </section>
    </div>
  );
}
