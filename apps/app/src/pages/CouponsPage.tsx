// 我的优惠券: valid, used and expired coupons, each with its code for the counter; a tap opens
// its detail with the QR code the counter scans and its terms.
import { useState } from 'react';
import { ErrorBlock, NavBar, Skeleton, Tabs } from 'antd-mobile';
import { unwrap } from '@liuke/api-client';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { client, errorMessage, useLoad } from '../api.ts';
import { CouponDetail, type MyCoupon } from '../components/CouponDetail.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import '../member-card.css';

type State = 'valid' | 'used' | 'expired';

const day = (iso: string | null, lang: string) =>
  iso
    ? new Date(iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      })
    : null;

function CouponItem({ c, onOpen }: { c: MyCoupon; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // A coupon valid until midnight reads as "until the day before".
  const until = c.validUntil
    ? day(new Date(new Date(c.validUntil).getTime() - 1).toISOString(), lang)
    : null;
  return (
    <li
      className={`coupon coupon-${c.state}`}
      data-testid="my-coupon"
      data-state={c.state}
      role="button"
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') onOpen();
      }}
    >
      <div className="coupon-terms">{c.terms}</div>
      <div className="coupon-body">
        <div className="coupon-name">{c.templateName}</div>
        <div className="coupon-meta">
          {c.state === 'redeemed'
            ? t('coupons.usedOn', { date: day(c.redeemedAt, lang) })
            : until
              ? t('coupons.until', { date: until })
              : t('coupons.noExpiry')}
        </div>
        <div className="coupon-code" translate="no" data-testid="my-coupon-code">
          {c.code}
        </div>
      </div>
      <div className="coupon-state">{t(`coupons.state.${c.state}`)}</div>
    </li>
  );
}

export function CouponsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [state, setState] = useState<State>('valid');
  const [open, setOpen] = useState<MyCoupon | null>(null);
  const { data, error, reload } = useLoad(
    () => unwrap(client.GET('/api/v1/app/me/coupons', { params: { query: { state } } })),
    `my-coupons-${state}`,
  );
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/', { replace: true });
  };
  return (
    <div className="page">
      <NavBar onBack={back}>{t('coupons.title')}</NavBar>
      <Tabs activeKey={state} onChange={(k) => setState(k as State)}>
        <Tabs.Tab title={t('coupons.tab.valid')} key="valid" />
        <Tabs.Tab title={t('coupons.tab.used')} key="used" />
        <Tabs.Tab title={t('coupons.tab.expired')} key="expired" />
      </Tabs>
      <section className="section">
        {!data ? (
          error ? (
            <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
          ) : (
            <Skeleton.Paragraph lineCount={4} animated />
          )
        ) : data.items.length === 0 ? (
          <ErrorBlock
            className="empty-block"
            status="empty"
            title={t('coupons.none')}
            description=""
          />
        ) : (
          <ul className="coupon-list">
            {data.items.map((c) => (
              <CouponItem key={c.id} c={c} onOpen={() => setOpen(c)} />
            ))}
          </ul>
        )}
      </section>
      <CouponDetail coupon={open} onClose={() => setOpen(null)} />
    </div>
  );
}
