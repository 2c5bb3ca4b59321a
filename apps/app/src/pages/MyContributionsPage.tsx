// 我的投稿: the owner's contributions with where each stands (in review, accepted, published with
// the points earned, or not accepted with the reason) and a link to the issue that carries it.
import { ErrorBlock, NavBar, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { dayOf, magazineApi, type Contribution } from '../magazine-api.ts';
import '../magazine.css';

const COLOUR: Record<Contribution['status'], string> = {
  pending: 'warning',
  accepted: 'primary',
  placed: 'primary',
  published: 'success',
  rejected: 'default',
};

function Item({ c }: { c: Contribution }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="mag-mine-item" data-testid="magazine-mine-item">
      <div className="mag-mine-head">
        <span className="mag-mine-title">{c.title || c.callTheme}</span>
        <Tag color={COLOUR[c.status]} fill="outline" data-testid="magazine-mine-status">
          {t(`magazine.status.${c.status}`)}
        </Tag>
      </div>
      <div className="mag-mine-meta">
        {c.callTheme} · {dayOf(c.createdAt, i18n.language)}
      </div>
      <p className="mag-mine-text">{c.text}</p>
      {c.status === 'rejected' && c.rejectReason && (
        <div className="mag-mine-reason">
          {t('magazine.rejectReason', { reason: c.rejectReason })}
        </div>
      )}
      {c.pointsGranted > 0 && (
        <div className="mag-mine-points">
          {t('magazine.pointsEarned', { points: c.pointsGranted })}
        </div>
      )}
      {c.status === 'published' && c.issueId && (
        <Link to={`/magazine/${c.issueId}`} className="mag-mine-link">
          {t('magazine.viewIssue')}
        </Link>
      )}
    </li>
  );
}

export function MyContributionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(() => magazineApi.mine(), 'magazine-mine');
  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate('/magazine', { replace: true });
  let body;
  if (!data)
    body = error ? (
      <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
    ) : (
      <Skeleton.Paragraph lineCount={5} animated />
    );
  else if (!data.items.length)
    body = <ErrorBlock status="empty" title={t('magazine.noMine')} description="" />;
  else
    body = (
      <ul className="mag-mine">
        {data.items.map((c) => (
          <Item key={c.id} c={c} />
        ))}
      </ul>
    );
  return (
    <div className="page">
      <NavBar className="page-nav" onBack={back}>
        {t('magazine.mine')}
      </NavBar>
      <section className="section">{body}</section>
    </div>
  );
}
