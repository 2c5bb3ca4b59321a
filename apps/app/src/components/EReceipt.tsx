// The owner's e-receipt parts around a visit's lines: the shop heading it, then discounts, the
// payment parts, the points the visit earned and the car's next due item.
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { useTranslation } from 'react-i18next';
import { client, useLoad } from '../api.ts';
import { formatDate, formatFen, formatKm } from '../format.ts';
import '../e-receipt.css';

export type MyReceipt =
  paths['/api/v1/app/me/service-orders/{orderId}/receipt']['get']['responses'][200]['content']['application/json'];

/** The e-receipt of an order (loaded next to the order itself). */
export function useMyReceipt(orderId: string) {
  return useLoad(
    () =>
      unwrap(
        client.GET('/api/v1/app/me/service-orders/{orderId}/receipt', {
          params: { path: { orderId } },
        }),
      ),
    orderId,
  );
}

/** The shop the receipt is from: business name, store, number. */
export function ReceiptHeader({ receipt }: { receipt: MyReceipt }) {
  const { t } = useTranslation();
  return (
    <div className="er-head" data-testid="receipt-shop">
      <div className="er-brand">{receipt.shop.tenantName}</div>
      <div className="er-store">{receipt.shop.storeName}</div>
      <div className="er-number">{t('eReceipt.orderNo', { number: receipt.number })}</div>
    </div>
  );
}

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={strong ? 'er-row er-strong' : 'er-row'}>
      <span>{label}</span>
      <span className="er-value">{value}</span>
    </div>
  );
}

/** Discounts, payment parts, points earned and the next due item, as one card. */
export function ReceiptExtras({ receipt }: { receipt: MyReceipt }) {
  const { t, i18n } = useTranslation();
  const earned = receipt.pointsEarned;
  const due = receipt.nextDue;
  return (
    <section className="section">
      <div className="er-card" data-testid="receipt">
        {receipt.discounts.length > 0 && (
          <div className="er-block">
            <div className="er-title">{t('eReceipt.discounts')}</div>
            {receipt.discounts.map((d, i) => (
              <Row key={i} label={d.label} value={`-${formatFen(d.amountFen)}`} />
            ))}
          </div>
        )}
        <div className="er-block">
          <Row
            label={t('eReceipt.amountDue')}
            value={formatFen(receipt.totals.amountDueFen)}
            strong
          />
        </div>
        {receipt.payments.length > 0 && (
          <div className="er-block" data-testid="receipt-payments">
            <div className="er-title">{t('eReceipt.payments')}</div>
            {receipt.payments.map((p) => (
              <Row
                key={p.method}
                label={
                  t(`eReceipt.method.${p.method}`) +
                  (p.points ? ` (${t('eReceipt.pointsUsed', { points: p.points })})` : '')
                }
                value={formatFen(p.amountFen)}
              />
            ))}
          </div>
        )}
        {earned && (
          <div className="er-block" data-testid="receipt-points">
            <Row
              label={t('eReceipt.pointsEarned')}
              value={`+${earned.points}`}
              strong={earned.status !== 'reversed'}
            />
            <div className="er-note">
              {earned.status === 'pending'
                ? t('eReceipt.pointsPending', {
                    date: formatDate(earned.availableAt, i18n.language),
                  })
                : t(
                    earned.status === 'reversed'
                      ? 'eReceipt.pointsReversed'
                      : 'eReceipt.pointsAvailable',
                  )}
              {receipt.balances &&
                ` · ${t('eReceipt.balances', {
                  points: receipt.balances.pointsAvailable,
                  stored: formatFen(receipt.balances.storedValueFen),
                })}`}
            </div>
          </div>
        )}
        {due && (
          <div className="er-block" data-testid="receipt-next-due">
            <div className="er-title">{t('eReceipt.nextDue')}</div>
            <Row label={due.label} value={formatDate(due.dueDate, i18n.language)} />
            {due.dueKm !== null && (
              <div className="er-note">{t('eReceipt.nextDueKm', { km: formatKm(due.dueKm) })}</div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
