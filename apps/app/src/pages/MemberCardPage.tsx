// The member card's live parts: tier, points (available and pending), stored value, coupon
// count and the rotating QR code on the home card, refreshed every few seconds while the app is
// visible and at once when it comes back; and the full-screen code staff scan (one tap away).
import { useCallback, useEffect, useRef, useState } from 'react';
import { NavBar } from 'antd-mobile';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { unwrap } from '@liuke/api-client';
import { client, useCustomer } from '../api.ts';
import { MemberCard } from '../components/MemberCard.tsx';
import '../member-card.css';

export interface CardData {
  memberNo: string;
  token: string;
  qrPayload: string;
  expiresAt: string;
  refreshInSeconds: number;
  validCouponCount: number;
}

/** The loyalty summary served by the loyalty module (`GET /api/v1/app/me/loyalty`). */
export interface LoyaltySummary {
  points: {
    available: number;
    pending: number;
    expiringSoon: { amount: number; before: string } | null;
  };
  storedValue: { balanceFen: number; principalFen: number; bonusFen: number };
  packages: {
    id: string;
    name: string;
    remaining: number;
    total: number;
    expiresAt: string | null;
  }[];
  tier: {
    code: string;
    name: string;
    nextTierName: string | null;
    progress: { metric: 'spend' | 'points'; value: number; nextThreshold: number | null };
  } | null;
}

const POLL_MS = 5000;

async function loadLoyalty(lang: string): Promise<LoyaltySummary | null> {
  const res = await fetch('/api/v1/app/me/loyalty', {
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'accept-language': lang },
  });
  if (!res.ok) return null; // not there yet, or not signed in: the card shows dashes
  return (await res.json()) as LoyaltySummary;
}

/**
 * The card's data, polled every five seconds while the page is visible, and fetched again on
 * focus; the QR token rotates on the server (a new one when the current has < 90 s left).
 */
export function useMemberCardLive() {
  const { i18n } = useTranslation();
  const [card, setCard] = useState<CardData | null>(null);
  const [loyalty, setLoyalty] = useState<LoyaltySummary | null>(null);
  const [failed, setFailed] = useState(false);
  const running = useRef(false);

  const refresh = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      const [c, l] = await Promise.all([
        unwrap(client.GET('/api/v1/app/me/member-card')),
        loadLoyalty(i18n.language === 'en' ? 'en' : 'zh-CN').catch(() => null),
      ]);
      setCard(c);
      setLoyalty(l);
      setFailed(false);
    } catch {
      setFailed(true);
    } finally {
      running.current = false;
    }
  }, [i18n.language]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  return { card, loyalty, failed, refresh };
}

/** The QR code of a payload, as a data URL (rendered locally with the qrcode package). */
export function useQrDataUrl(payload: string | undefined, width: number): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (!payload) {
      setUrl(null);
      return;
    }
    QRCode.toDataURL(payload, { margin: 1, width, errorCorrectionLevel: 'M' }).then(
      (u) => live && setUrl(u),
      () => live && setUrl(null),
    );
    return () => {
      live = false;
    };
  }, [payload, width]);
  return url;
}

const yuan = (fen: number) =>
  (fen / 100).toLocaleString('zh-CN', {
    minimumFractionDigits: fen % 100 ? 2 : 0,
    maximumFractionDigits: 2,
  });

/** The tier badge for the card's top right. */
export function TierBadge({ loyalty }: { loyalty: LoyaltySummary | null }) {
  const { t } = useTranslation();
  return (
    <span className="member-card-label" data-testid="member-tier">
      {loyalty?.tier?.name ?? t('memberCard.noTier')}
    </span>
  );
}

/** Points, stored value, coupons and the small QR code, inside the home card. */
export function MemberCardBalances({
  card,
  loyalty,
}: {
  card: CardData | null;
  loyalty: LoyaltySummary | null;
}) {
  const { t } = useTranslation();
  const qr = useQrDataUrl(card?.qrPayload, 160);
  const dash = '—';
  return (
    <div className="mc-live">
      <div className="mc-stats">
        <Link to="/ledger?view=points" className="mc-stat mc-link" data-testid="member-points">
          <div className="member-card-caption">{t('memberCard.points')}</div>
          <div className="mc-value">
            {loyalty ? loyalty.points.available.toLocaleString() : dash}
          </div>
          {loyalty && loyalty.points.pending > 0 && (
            <div className="mc-sub" data-testid="member-points-pending">
              {t('memberCard.pending', { count: loyalty.points.pending })}
            </div>
          )}
        </Link>
        <Link
          to="/ledger?view=stored_value"
          className="mc-stat mc-link"
          data-testid="member-stored-value"
        >
          <div className="member-card-caption">{t('memberCard.storedValue')}</div>
          <div className="mc-value">
            {loyalty ? `¥${yuan(loyalty.storedValue.balanceFen)}` : dash}
          </div>
        </Link>
        <Link to="/coupons" className="mc-stat mc-link" data-testid="member-coupons">
          <div className="member-card-caption">{t('memberCard.coupons')}</div>
          <div className="mc-value">{card ? card.validCouponCount : dash}</div>
        </Link>
      </div>
      <Link
        to="/member-card"
        className="mc-qr"
        aria-label={t('memberCard.showCode')}
        data-testid="member-qr"
        data-token={card?.token ?? ''}
      >
        {qr ? <img src={qr} alt={t('memberCard.qrAlt')} /> : <span className="mc-qr-empty" />}
      </Link>
    </div>
  );
}

/** Home card with everything (used by HomePage). */
export function LiveMemberCard() {
  const customer = useCustomer();
  const { card, loyalty } = useMemberCardLive();
  return (
    <MemberCard customer={customer} aside={<TierBadge loyalty={loyalty} />}>
      <MemberCardBalances card={card} loyalty={loyalty} />
    </MemberCard>
  );
}

/** Full-screen code for the staff to scan, with the code in words for typing. */
export function MemberCardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const customer = useCustomer();
  const { card, loyalty, failed, refresh } = useMemberCardLive();
  const qr = useQrDataUrl(card?.qrPayload, 280);
  return (
    <div className="page mc-page">
      <NavBar onBack={() => navigate(-1)}>{t('memberCard.title')}</NavBar>
      <div className="mc-page-body">
        <div className="mc-page-name">
          {customer.name ?? customer.memberNo} · {loyalty?.tier?.name ?? t('memberCard.noTier')}
        </div>
        <button type="button" className="mc-big-qr" onClick={() => void refresh()}>
          {qr ? <img src={qr} alt={t('memberCard.qrAlt')} /> : <span className="mc-qr-empty" />}
        </button>
        <div className="mc-token" data-testid="member-token" translate="no">
          {card?.token ?? '…'}
        </div>
        <div className="mc-hint">{failed ? t('memberCard.offline') : t('memberCard.hint')}</div>
        <div className="mc-page-no">
          {t('member.memberNo')} {card?.memberNo ?? customer.memberNo}
        </div>
      </div>
    </div>
  );
}
