// 邀请好友: the owner's referral code and link (copy, or the phone's share sheet), the poster
// with its QR code (press to save, or download), the programme's rules, and the friends invited
// with their status and the owner's reward. One tap from home; sharing is the second tap.
import { useState } from 'react';
import { Button, ErrorBlock, NavBar, NoticeBar, Skeleton, Tag, Toast } from 'antd-mobile';
import { DownlandOutline, LinkOutline, SendOutline, UserOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad, useSession } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { formatDate, formatFen } from '../format.ts';
import { referralApi } from '../referral-api.ts';
import type { MyReferral, MyReferrals, ReferralStatus } from '../referral-api.ts';
import { copyText, formatYuan, hasReward, rewardText } from '../referral-format.ts';
import '../referral.css';

const STATUS_COLOR: Record<ReferralStatus, string> = {
  attributed: 'default',
  flagged: 'warning',
  qualified: 'primary',
  rewarded: 'success',
  rejected: 'danger',
  reversed: 'default',
};

function useProgramWords(program: MyReferrals['program']) {
  const { t } = useTranslation();
  return {
    min: formatYuan(program.minOrderFen),
    mine: rewardText(t, program.referrerReward, program.referrerReward.couponName),
    theirs: rewardText(t, program.refereeReward, program.refereeReward.couponName),
  };
}

function ShareCard({ data }: { data: MyReferrals }) {
  const { t } = useTranslation();
  const { tenant } = useSession();
  const canShare = typeof navigator.share === 'function';

  async function copy(text: string) {
    const ok = await copyText(text);
    Toast.show({ content: t(ok ? 'referrals.copied' : 'referrals.copyFailed') });
  }

  async function share() {
    const tenantName = tenant?.name ?? '';
    try {
      await navigator.share({
        title: t('referrals.shareTitle', { tenant: tenantName }),
        text: t('referrals.shareText', { tenant: tenantName, code: data.code }),
        url: data.link,
      });
    } catch (error) {
      // Closing the share sheet is not an error; anything else falls back to copying.
      if (!(error instanceof DOMException && error.name === 'AbortError')) await copy(data.link);
    }
  }

  return (
    <section className="section">
      <div className="referral-card">
        <div className="referral-label">{t('referrals.myCode')}</div>
        <div className="referral-code-row">
          <span className="referral-code" translate="no" data-testid="referral-code">
            {data.code}
          </span>
          <Button
            size="mini"
            fill="outline"
            color="primary"
            shape="rounded"
            data-testid="referral-copy-code"
            onClick={() => void copy(data.code)}
          >
            {t('referrals.copyCode')}
          </Button>
        </div>
        <div className="referral-label">{t('referrals.myLink')}</div>
        <div className="referral-link" translate="no" data-testid="referral-link">
          {data.link}
        </div>
        <div className={canShare ? 'referral-actions' : 'referral-actions referral-actions-one'}>
          <Button
            color="primary"
            fill={canShare ? 'outline' : 'solid'}
            shape="rounded"
            data-testid="referral-copy-link"
            onClick={() => void copy(data.link)}
          >
            <LinkOutline /> {t('referrals.copyLink')}
          </Button>
          {canShare && (
            <Button
              color="primary"
              shape="rounded"
              data-testid="referral-share"
              onClick={() => void share()}
            >
              <SendOutline /> {t('referrals.share')}
            </Button>
          )}
        </div>
      </div>
    </section>
  );
}

function Poster({ data }: { data: MyReferrals }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  return (
    <section className="section">
      <h2 className="section-title">{t('referrals.poster')}</h2>
      <div className="referral-card referral-poster-card">
        {failed ? (
          <p className="muted referral-poster-error">{t('referrals.posterError')}</p>
        ) : (
          <img
            className="referral-poster"
            src={data.posterPngUrl}
            alt={t('referrals.posterAlt')}
            data-testid="referral-poster"
            onError={() => setFailed(true)}
          />
        )}
        <p className="referral-hint">{t('referrals.posterHint')}</p>
        <a
          className="referral-download"
          href={data.posterPngUrl}
          download={`referral-${data.code}.png`}
          data-testid="referral-poster-download"
        >
          <DownlandOutline /> {t('referrals.posterDownload')}
        </a>
      </div>
    </section>
  );
}

function ReferralItem({ r }: { r: MyReferral }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="referral-item" data-testid="my-referral" data-status={r.status}>
      <div className="referral-avatar" aria-hidden="true">
        {/^[\u4e00-\u9fff]\*/.test(r.name) ? Array.from(r.name)[0] : <UserOutline />}
      </div>
      <div className="referral-item-main">
        <div className="referral-item-name">{r.name}</div>
        <div className="referral-item-meta">
          {t('referrals.joinedOn', { date: formatDate(r.joinedAt, i18n.language) })}
        </div>
        {r.myReward && r.myReward.kind !== 'none' && (
          <div
            className={`referral-item-reward referral-reward-${r.myReward.status}`}
            data-testid="my-referral-reward"
            data-reward-status={r.myReward.status}
          >
            {rewardText(t, r.myReward)} · {t(`referrals.rewardStatus.${r.myReward.status}`)}
          </div>
        )}
      </div>
      <Tag
        className="referral-item-status"
        color={STATUS_COLOR[r.status]}
        fill="outline"
        data-testid="my-referral-status"
      >
        {t(`referrals.status.${r.status}`)}
      </Tag>
    </li>
  );
}

function Totals({ totals }: { totals: MyReferrals['totals'] }) {
  const { t } = useTranslation();
  const cells: [string, string, string][] = [
    ['joined', t('referrals.totals.joined'), String(totals.joined)],
    ['rewarded', t('referrals.totals.rewarded'), String(totals.rewarded)],
    ['points', t('referrals.totals.points'), totals.pointsEarned.toLocaleString('zh-CN')],
  ];
  if (totals.storedValueEarnedFen > 0)
    cells.push([
      'storedValue',
      t('referrals.totals.storedValue'),
      formatFen(totals.storedValueEarnedFen),
    ]);
  if (totals.couponsEarned > 0)
    cells.push(['coupons', t('referrals.totals.coupons'), String(totals.couponsEarned)]);
  return (
    <div className="referral-totals">
      {cells.map(([key, label, value]) => (
        <div key={key} className="referral-total" data-testid={`referral-total-${key}`}>
          <span className="referral-total-value">{value}</span>
          <span className="referral-total-label">{label}</span>
        </div>
      ))}
    </div>
  );
}

function Rules({ program }: { program: MyReferrals['program'] }) {
  const { t } = useTranslation();
  const words = useProgramWords(program);
  return (
    <section className="section">
      <h2 className="section-title">{t('referrals.rules')}</h2>
      <div className="referral-card">
        <ol className="referral-rules" data-testid="referral-rules">
          <li>{t('referrals.rule1')}</li>
          <li>{t('referrals.rule2', words)}</li>
          <li>{t('referrals.rule3')}</li>
          <li>{t('referrals.rule4')}</li>
        </ol>
        {program.text && <p className="referral-program-text">{program.text}</p>}
      </div>
    </section>
  );
}

function Hero({ program }: { program: MyReferrals['program'] }) {
  const { t } = useTranslation();
  const words = useProgramWords(program);
  return (
    <div className="referral-hero">
      <h1 className="referral-hero-title">{t('referrals.heroTitle')}</h1>
      <p className="referral-hero-text" data-testid="referral-offer">
        {hasReward(program.refereeReward)
          ? t('referrals.heroBoth', words)
          : t('referrals.heroReferrer', words)}
      </p>
    </div>
  );
}

export function ReferralPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(() => referralApi.mine(), 'my-referrals');
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/', { replace: true });
  };
  return (
    <div className="page referral-page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {t('referrals.title')}
      </NavBar>
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
          <Hero program={data.program} />
          {!data.program.enabled && (
            <NoticeBar
              className="referral-closed"
              color="alert"
              wrap
              content={t('referrals.closed')}
              data-testid="referral-closed"
            />
          )}
          {data.program.enabled && <ShareCard data={data} />}
          {data.program.enabled && <Poster data={data} />}
          <section className="section">
            <h2 className="section-title">
              {t('referrals.mine')}
              {data.referrals.length > 0 && (
                <span className="section-count">{data.referrals.length}</span>
              )}
            </h2>
            <Totals totals={data.totals} />
            {data.referrals.length === 0 ? (
              <ErrorBlock
                className="empty-block"
                status="empty"
                title={t('referrals.none')}
                description={t('referrals.noneHint')}
              />
            ) : (
              <ul className="referral-list">
                {data.referrals.map((r) => (
                  <ReferralItem key={r.id} r={r} />
                ))}
              </ul>
            )}
          </section>
          <Rules program={data.program} />
        </>
      )}
    </div>
  );
}
