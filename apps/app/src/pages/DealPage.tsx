// A group deal: price against the usual one, progress to the minimum (a household counts once),
// the deadline counting down, the leader (团长); join (the price is held from my stored value
// until the deadline: back in full if the deal does not happen; short of it, pay the price online
// and it is held the same way), leave, share my link.
import { useEffect, useState } from 'react';
import { Button, Dialog, ErrorBlock, NavBar, Skeleton, Tag, Toast } from 'antd-mobile';
import { ApiError } from '@liuke/api-client';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage, useLoad, useSession } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { countdown, dealsApi, yuan, type AppDeal } from '../deals-api.ts';
import { followPayment } from '../pay-follow.ts';
import { paymentsApi, startPaying } from '../payments-api.ts';
import { copyText } from '../referral-format.ts';
import { DealProgress } from './DealsPage.tsx';
import '../deals.css';

function Countdown({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = countdown(deadline, now);
  return (
    <span className="deal-countdown" data-testid="deal-countdown">
      {left ? t('deals.countdown', left) : t('deals.closed')}
    </span>
  );
}

const shortOfMoney = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.code === 'STORED_VALUE_INSUFFICIENT';

function shortText(t: ReturnType<typeof useTranslation>['t'], error: unknown, canPay = false) {
  if (shortOfMoney(error)) {
    const d = (error.details ?? {}) as { balanceFen?: number; requestedFen?: number };
    return t(canPay ? 'deals.shortPay' : 'deals.short', {
      balance: yuan(d.balanceFen ?? 0),
      price: yuan(d.requestedFen ?? 0),
    });
  }
  return errorMessage(error);
}

function Actions({ deal, onChange }: { deal: AppDeal; onChange: (d: AppDeal) => void }) {
  const { t } = useTranslation();
  const { tenant } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const inDeal = deal.mine?.status === 'holding';
  // Short of stored value: pay the price online (it goes into the wallet and is held there).
  const payOnline = async () => {
    await followPayment(await startPaying('deal', deal.id), navigate, t);
  };
  const offerPayment = async (e: ApiError) => {
    const { providers } = await paymentsApi.methods().catch(() => ({ providers: [] }));
    if (!providers.length) {
      Dialog.alert({ content: shortText(t, e), confirmText: t('deals.ok') });
      return;
    }
    void Dialog.confirm({
      content: <span data-testid="deal-short">{shortText(t, e, true)}</span>,
      confirmText: t('deals.payOnline', { price: yuan(deal.priceFen) }),
      cancelText: t('deals.keep'),
      onConfirm: () =>
        payOnline().catch((x: unknown) => {
          Toast.show({ content: errorMessage(x) });
        }),
    });
  };
  const open = deal.status === 'open' && Date.parse(deal.deadlineAt) > Date.now();
  const run = async (call: () => Promise<AppDeal>, done: string) => {
    setBusy(true);
    try {
      onChange(await call());
      Toast.show({ icon: 'success', content: done });
    } catch (e) {
      if (shortOfMoney(e)) await offerPayment(e);
      else Dialog.alert({ content: shortText(t, e), confirmText: t('deals.ok') });
    } finally {
      setBusy(false);
    }
  };
  const share = async () => {
    try {
      const s = await dealsApi.share(deal.id);
      const text = t('deals.shareText', { title: deal.title, price: yuan(deal.priceFen) });
      if (typeof navigator.share === 'function') {
        try {
          await navigator.share({ title: tenant?.name ?? deal.title, text, url: s.link });
          return;
        } catch (error) {
          if (error instanceof DOMException && error.name === 'AbortError') return;
        }
      }
      const ok = await copyText(`${text} ${s.link}`);
      Toast.show({ content: t(ok ? 'deals.copied' : 'deals.copyFailed') });
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    }
  };
  return (
    <div className="deal-actions">
      {open && !inDeal && (
        <Button
          color="primary"
          size="large"
          block
          loading={busy}
          data-testid="deal-join"
          onClick={() =>
            void run(() => dealsApi.join(deal.id, params.get('via')), t('deals.joined'))
          }
        >
          {t('deals.join', { price: yuan(deal.priceFen) })}
        </Button>
      )}
      {open && inDeal && (
        <Button
          size="large"
          block
          loading={busy}
          data-testid="deal-leave"
          onClick={() =>
            void Dialog.confirm({
              content: t('deals.leaveConfirm', { price: yuan(deal.priceFen) }),
              confirmText: t('deals.leave'),
              cancelText: t('deals.keep'),
              onConfirm: () => run(() => dealsApi.leave(deal.id), t('deals.left')),
            })
          }
        >
          {t('deals.leave')}
        </Button>
      )}
      {deal.status === 'open' && (
        <Button
          size="large"
          block
          fill="outline"
          data-testid="deal-share"
          onClick={() => void share()}
        >
          {t('deals.share')}
        </Button>
      )}
      <p className="deal-note">{t('deals.holdNote')}</p>
    </div>
  );
}

export function DealPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { dealId = '' } = useParams();
  const loaded = useLoad(() => dealsApi.get(dealId), `deal-${dealId}`);
  const [fresh, setFresh] = useState<AppDeal | null>(null);
  const deal = fresh?.id === dealId ? fresh : loaded.data;
  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate('/deals', { replace: true });
  const notFound = loaded.error instanceof ApiError && loaded.error.status === 404;
  return (
    <div className="page" data-testid="deal-page">
      <NavBar onBack={back}>{t('deals.one')}</NavBar>
      {notFound ? (
        <ErrorBlock status="empty" title={t('deals.notFound')} description="" />
      ) : loaded.error ? (
        <LoadError message={errorMessage(loaded.error)} onRetry={() => void loaded.reload()} />
      ) : !deal ? (
        <Skeleton.Paragraph lineCount={8} animated />
      ) : (
        <>
          <section className="deal-section">
            <div className="deal-card-title" data-testid="deal-title">
              {deal.title} {deal.status !== 'open' && <Tag>{t(`deals.status.${deal.status}`)}</Tag>}
            </div>
            <div className="deal-card-reward">{deal.rewardName}</div>
            <div className="deal-price">
              <span className="deal-price-now" data-testid="deal-price">
                {yuan(deal.priceFen)}
              </span>
              <span className="deal-price-was">{yuan(deal.originalPriceFen)}</span>
            </div>
            <DealProgress deal={deal} />
            <div className="deal-progress-text" style={{ marginTop: 8 }}>
              <span>
                {deal.leaderName
                  ? t('deals.leader', { name: deal.leaderName })
                  : t('deals.noLeader')}
              </span>
              {deal.status === 'open' && <Countdown deadline={deal.deadlineAt} />}
            </div>
            {deal.mine && (
              <p data-testid="deal-mine" data-status={deal.mine.status}>
                {t(`deals.mine.${deal.mine.status}`, { price: yuan(deal.mine.holdFen) })}
                {deal.mine.leader && deal.mine.status === 'holding' && ` · ${t('deals.youLead')}`}
              </p>
            )}
          </section>
          {deal.description && (
            <section className="deal-section deal-description">{deal.description}</section>
          )}
          <Actions deal={deal} onChange={setFresh} />
        </>
      )}
    </div>
  );
}
