// 拼团: the open group deals (price against the usual one, progress to the minimum, time left)
// and the ones I joined; below, my holds — stored value set aside and what became of it.
import { ErrorBlock, NavBar, ProgressBar, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { dealsApi, yuan, type AppDeal } from '../deals-api.ts';
import '../deals.css';

export function DealProgress({ deal }: { deal: Pick<AppDeal, 'counted' | 'minJoiners'> }) {
  const { t } = useTranslation();
  const pct = Math.min(100, Math.round((deal.counted / deal.minJoiners) * 100));
  return (
    <div>
      <div className="deal-progress-text">
        <span data-testid="deal-progress">
          {t('deals.progress', { counted: deal.counted, min: deal.minJoiners })}
        </span>
        <span>
          {deal.counted >= deal.minJoiners
            ? t('deals.reached')
            : t('deals.missing', { n: deal.minJoiners - deal.counted })}
        </span>
      </div>
      <ProgressBar percent={pct} />
    </div>
  );
}

function DealCard({ deal }: { deal: AppDeal }) {
  const { t } = useTranslation();
  return (
    <Link to={`/deals/${deal.id}`} className="deal-card" data-testid="deal-card">
      <div className="deal-card-title">
        {deal.title}{' '}
        {deal.mine && deal.mine.status !== 'left' && (
          <Tag color="primary" fill="outline" data-testid="deal-card-mine">
            {t(`deals.hold.${deal.mine.status}`)}
          </Tag>
        )}
        {deal.status !== 'open' && <Tag>{t(`deals.status.${deal.status}`)}</Tag>}
      </div>
      <div className="deal-card-reward">{deal.rewardName}</div>
      <div className="deal-price">
        <span className="deal-price-now">{yuan(deal.priceFen)}</span>
        <span className="deal-price-was">{yuan(deal.originalPriceFen)}</span>
      </div>
      <DealProgress deal={deal} />
    </Link>
  );
}

export function DealsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const deals = useLoad(() => dealsApi.list(), 'deals');
  const holds = useLoad(() => dealsApi.holds(), 'deal-holds');
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/', { replace: true }));
  const open = deals.data?.items.filter((d) => d.status === 'open') ?? [];
  const mine = deals.data?.items.filter((d) => d.status !== 'open') ?? [];
  return (
    <div className="page">
      <NavBar onBack={back}>{t('deals.title')}</NavBar>
      <section className="section" data-testid="deals-list">
        {deals.error ? (
          <LoadError message={errorMessage(deals.error)} onRetry={() => void deals.reload()} />
        ) : !deals.data ? (
          <Skeleton.Paragraph lineCount={6} animated />
        ) : open.length === 0 && mine.length === 0 ? (
          <ErrorBlock status="empty" title={t('deals.empty')} description="" />
        ) : (
          [...open, ...mine].map((d) => <DealCard key={d.id} deal={d} />)
        )}
      </section>
      {holds.data && holds.data.items.length > 0 && (
        <section className="section" data-testid="my-holds">
          <h2 className="section-title">{t('deals.myHolds')}</h2>
          {holds.data.items.map((h) => (
            <Link
              key={h.participationId}
              to={`/deals/${h.dealId}`}
              className="deal-card"
              data-testid="my-hold"
              data-status={h.status}
            >
              <div className="deal-card-title">{h.title}</div>
              <div className="deal-progress-text">
                <span>{yuan(h.holdFen)}</span>
                <span>{t(`deals.hold.${h.status}`)}</span>
              </div>
            </Link>
          ))}
        </section>
      )}
    </div>
  );
}
