// A coupon's detail sheet (tap a coupon in 我的优惠券): the QR code the counter scans (it encodes
// the coupon code, which the console's coupon check and order form take), the code in words,
// the validity in the shop's time zone, and the terms: minimum spend, services, stores, notes.
import { List, Popup } from 'antd-mobile';
import type { paths } from '@liuke/api-client';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../format.ts';
import { useQrDataUrl } from '../pages/MemberCardPage.tsx';

export type MyCoupon =
  paths['/api/v1/app/me/coupons']['get']['responses'][200]['content']['application/json']['items'][number];

/** A day in the shop's time zone; a coupon valid until midnight reads as the day before. */
function shopDay(iso: string, timeZone: string, lang: string, endOfDay = false): string {
  const at = new Date(new Date(iso).getTime() - (endOfDay ? 1 : 0));
  return at.toLocaleDateString(lang.startsWith('en') ? 'en-GB' : 'zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
}

export function CouponDetail({
  coupon,
  onClose,
}: {
  coupon: MyCoupon | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const usable = coupon?.state === 'valid';
  const qr = useQrDataUrl(usable ? coupon?.qrPayload : undefined, 240);
  const c = coupon;
  return (
    <Popup
      visible={c !== null}
      onMaskClick={onClose}
      onClose={onClose}
      showCloseButton
      bodyClassName="coupon-sheet"
      bodyStyle={{ maxHeight: '90vh', overflowY: 'auto' }}
    >
      {c && (
        <div data-testid="coupon-detail" data-state={c.state}>
          <h2 className="coupon-sheet-title">{c.templateName}</h2>
          <div className="coupon-sheet-terms">{c.terms}</div>
          {usable ? (
            <div className="coupon-sheet-qr">
              {qr ? (
                <img src={qr} width={200} height={200} alt={c.code} data-testid="coupon-qr" />
              ) : (
                <div className="coupon-sheet-qr-placeholder" />
              )}
              <div className="coupon-sheet-code" translate="no" data-testid="coupon-detail-code">
                {c.code}
              </div>
              <p className="muted">{t('coupons.detail.show')}</p>
            </div>
          ) : (
            <p className="coupon-sheet-state">
              {t(`coupons.state.${c.state}`)} · {t('coupons.detail.notUsable')}
            </p>
          )}
          <List className="detail-list">
            <List.Item
              extra={
                <span className="detail-value" data-testid="coupon-validity">
                  {c.validUntil
                    ? t('coupons.detail.period', {
                        from: shopDay(c.validFrom, c.timeZone, lang),
                        until: shopDay(c.validUntil, c.timeZone, lang, true),
                      })
                    : t('coupons.detail.from', { date: shopDay(c.validFrom, c.timeZone, lang) })}
                </span>
              }
              description={t('coupons.detail.timeZone', { zone: c.timeZone })}
            >
              {t('coupons.detail.validity')}
            </List.Item>
            <List.Item
              extra={
                <span className="detail-value">
                  {c.minSpendFen > 0
                    ? t('coupons.detail.minSpendValue', { amount: formatFen(c.minSpendFen) })
                    : t('coupons.detail.noMinSpend')}
                </span>
              }
            >
              {t('coupons.detail.minSpend')}
            </List.Item>
            <List.Item
              extra={
                <span className="detail-value" data-testid="coupon-services">
                  {c.categories.length
                    ? c.categories
                        .map((k) => t(`booking.services.${k}`, { defaultValue: k }))
                        .join('、')
                    : t('coupons.detail.allServices')}
                </span>
              }
            >
              {t('coupons.detail.services')}
            </List.Item>
            <List.Item
              extra={
                <span className="detail-value">
                  {c.stores.length ? c.stores.join('、') : t('coupons.detail.allStores')}
                </span>
              }
            >
              {t('coupons.detail.stores')}
            </List.Item>
            {c.description && (
              <List.Item description={c.description}>{t('coupons.detail.notes')}</List.Item>
            )}
          </List>
        </div>
      )}
    </Popup>
  );
}
