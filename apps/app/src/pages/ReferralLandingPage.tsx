// The landing of a shared referral link (/app/r/<code>?t=<business>): the friend's welcome offer
// from the public route, then the ordinary phone-code sign-in carrying the referral code. An
// unknown code or a closed programme says so (and still offers a plain sign-in); someone already
// signed in gets a friendly note instead of a second sign-up.
import { useState } from 'react';
import { Button, ErrorBlock } from 'antd-mobile';
import { GiftOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, useLoad, useSession } from '../api.ts';
import type { SessionBody } from '../api.ts';
import { LoadingScreen, MessageScreen } from '../components/StatusScreen.tsx';
import { referralApi } from '../referral-api.ts';
import type { PublicReferral } from '../referral-api.ts';
import { formatYuan, rewardText } from '../referral-format.ts';
import { SignInPage } from './SignInPage.tsx';
import '../referral.css';

/** A customer created in the last half hour signed up just now (through this link). */
const JUST_JOINED_MS = 30 * 60 * 1000;

function giftText(t: ReturnType<typeof useTranslation>['t'], info: PublicReferral): string {
  return rewardText(t, info.refereeReward, info.refereeReward.couponName);
}

/** The welcome offer, in place of the sign-in page's business header. */
function OfferHero({ info }: { info: PublicReferral }) {
  const { t } = useTranslation();
  return (
    <header className="sign-in-hero referral-landing-hero">
      <p className="sign-in-greeting" data-testid="landing-invited-by">
        {t('referrals.landing.invitedBy', { name: info.referrerName })}
      </p>
      <h1 className="sign-in-business">{info.tenantName}</h1>
      <div className="referral-gift" data-testid="landing-offer">
        <GiftOutline className="referral-gift-icon" />
        <div>
          <div className="referral-gift-label">{t('referrals.landing.gift')}</div>
          <div className="referral-gift-value" data-testid="landing-gift">
            {info.refereeReward.kind === 'none'
              ? info.welcomeText
              : (info.refereeReward.kind === 'coupon' && info.refereeReward.couponName) ||
                giftText(t, info)}
          </div>
          <div className="referral-gift-terms">
            {info.minOrderFen > 0
              ? t('referrals.landing.minOrder', { min: formatYuan(info.minOrderFen) })
              : t('referrals.landing.noMin')}
          </div>
        </div>
      </div>
      {info.welcomeText && info.refereeReward.kind !== 'none' && (
        <p className="sign-in-hint" data-testid="landing-welcome-text">
          {info.welcomeText}
        </p>
      )}
    </header>
  );
}

/** After signing up through the link (or signing in as an existing customer). */
function Welcome({
  info,
  session,
  dealTo,
}: {
  info: PublicReferral;
  session: SessionBody;
  /** The group deal the link was shared for: where the new owner goes next. */
  dealTo: string | null;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const tenant = session.customer.tenant.name;
  const isNew = Date.now() - Date.parse(session.customer.memberSince) < JUST_JOINED_MS;
  const gift = giftText(t, info);
  return (
    <div className="status-screen referral-welcome" data-testid="landing-welcome">
      <GiftOutline className="referral-welcome-icon" />
      <h1 className="referral-welcome-title">{t('referrals.landing.welcomeTitle', { tenant })}</h1>
      <p className="referral-welcome-text" data-testid="landing-welcome-message">
        {!isNew
          ? t('referrals.landing.welcomeExisting', { tenant })
          : info.minOrderFen > 0
            ? t('referrals.landing.welcomeNew', { gift, min: formatYuan(info.minOrderFen) })
            : t('referrals.landing.welcomeNewNoMin', { gift })}
      </p>
      {dealTo && (
        <Button
          color="primary"
          size="large"
          shape="rounded"
          block
          data-testid="landing-go-deal"
          onClick={() => navigate(dealTo, { replace: true })}
        >
          {t('deals.landingGo')}
        </Button>
      )}
      <Button
        color={dealTo ? 'default' : 'primary'}
        size="large"
        shape="rounded"
        block
        data-testid="landing-go-home"
        onClick={() => navigate('/', { replace: true })}
      >
        {t('referrals.landing.goHome')}
      </Button>
      {isNew && info.refereeReward.kind === 'coupon' && info.minOrderFen === 0 && (
        <Button
          fill="none"
          color="primary"
          data-testid="landing-my-coupons"
          onClick={() => navigate('/coupons', { replace: true })}
        >
          {t('referrals.landing.myCoupons')}
        </Button>
      )}
    </div>
  );
}

/** Opened by someone already signed in: a referral link is for new customers. */
function AlreadySignedIn() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="status-screen referral-welcome" data-testid="landing-signed-in">
      <GiftOutline className="referral-welcome-icon" />
      <h1 className="referral-welcome-title">{t('referrals.landing.signedInTitle')}</h1>
      <p className="referral-welcome-text">{t('referrals.landing.signedInHint')}</p>
      <Button
        color="primary"
        size="large"
        shape="rounded"
        block
        data-testid="landing-invite-mine"
        onClick={() => navigate('/referral', { replace: true })}
      >
        {t('referrals.landing.inviteMine')}
      </Button>
      <Button fill="none" color="primary" onClick={() => navigate('/', { replace: true })}>
        {t('referrals.landing.goHome')}
      </Button>
    </div>
  );
}

function Landing({ code, slug, dealTo }: { code: string; slug: string; dealTo: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { status } = useSession();
  const [joined, setJoined] = useState<SessionBody | null>(null);
  const { data, error, reload } = useLoad(
    () => referralApi.landing(code, slug),
    `referral-landing-${slug}-${code}`,
  );

  if (joined && data) return <Welcome info={data} session={joined} dealTo={dealTo} />;
  // A shared deal opened by someone signed in: straight to the deal.
  if (status === 'signedIn') return dealTo ? <Navigate to={dealTo} replace /> : <AlreadySignedIn />;
  if (error) {
    // A malformed code (400 on the code) is as unknown as a well-formed one nobody has.
    const malformed = error instanceof ApiError && error.status === 400 && error.field === 'code';
    const known = malformed ? 'REFERRAL_CODE_UNKNOWN' : error instanceof ApiError ? error.code : '';
    if (known === 'REFERRAL_CODE_UNKNOWN' || known === 'REFERRAL_PROGRAM_CLOSED') {
      const which = known === 'REFERRAL_CODE_UNKNOWN' ? 'unknown' : 'closed';
      return (
        <div className="status-screen" data-testid="landing-error" data-code={known}>
          <ErrorBlock
            status="empty"
            title={t(`referrals.landing.${which}Title`)}
            description={t(`referrals.landing.${which}Hint`)}
          >
            <Button
              color="primary"
              data-testid="landing-sign-in"
              onClick={() => navigate('/sign-in', { replace: true })}
            >
              {t('referrals.landing.goSignIn')}
            </Button>
          </ErrorBlock>
        </div>
      );
    }
    return (
      <MessageScreen
        status="disconnected"
        title={t(navigator.onLine ? 'tenant.errorTitle' : 'tenant.offlineTitle')}
        description={t(navigator.onLine ? 'tenant.errorHint' : 'tenant.offlineHint')}
        onRetry={() => void reload()}
      />
    );
  }
  if (!data) return <LoadingScreen />;
  return <SignInPage referralCode={code} hero={<OfferHero info={data} />} onSignedIn={setJoined} />;
}

export function ReferralLandingPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const { tenant } = useSession();
  if (!tenant) return <LoadingScreen />;
  const trimmed = code.trim();
  // A group deal shared as a referral link (`&deal=<id>`): the deal, with the sharer's code.
  const deal = params.get('deal');
  const dealTo =
    deal && /^[0-9a-f-]{36}$/i.test(deal)
      ? `/deals/${deal}?via=${encodeURIComponent(trimmed)}`
      : null;
  return (
    <Landing key={`${tenant.slug}-${trimmed}`} code={trimmed} slug={tenant.slug} dealTo={dealTo} />
  );
}
