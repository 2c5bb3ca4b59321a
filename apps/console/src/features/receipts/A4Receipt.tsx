// The A4 service order (维修工单): shop header, the order's facts, a table of lines, totals,
// payment parts, points and the next due item, and signature lines for customer and advisor.
import { useTranslation } from 'react-i18next';
import { EMPTY, formatFen, formatKm, formatPhone } from '../../kit/format.ts';
import { nextDueText, paymentLabel, type Receipt } from './receipt.ts';

export const A4_CSS = `
@page { size: A4; margin: 12mm; }
.receipt-a4 { width: 186mm; margin: 0 auto; padding: 8mm 0; color: #000; font-size: 12px; }
.receipt-a4 h1 { font-size: 20px; margin: 0; text-align: center; }
.receipt-a4 .shop-line { text-align: center; color: #333; margin: 2px 0 8px; }
.receipt-a4 h2 { font-size: 16px; margin: 8px 0; text-align: center; letter-spacing: 4px; }
.receipt-a4 table { width: 100%; border-collapse: collapse; margin-bottom: 8px; }
.receipt-a4 th, .receipt-a4 td { border: 1px solid #999; padding: 4px 6px; text-align: left; }
.receipt-a4 th { background: #f2f2f2; }
.receipt-a4 .num { text-align: right; font-variant-numeric: tabular-nums; }
.receipt-a4 .facts td:nth-child(odd) { background: #f7f7f7; width: 12%; white-space: nowrap; }
.receipt-a4 .signatures { display: flex; gap: 24mm; margin-top: 16mm; }
.receipt-a4 .signatures div { flex: 1; border-top: 1px solid #000; padding-top: 4px; }
@media print { .receipt-a4 { padding: 0; } }
`;

export function A4Receipt({ r }: { r: Receipt }) {
  const { t } = useTranslation();
  const shopLine = [r.shop.storeName, r.shop.address, r.shop.phone].filter(Boolean).join(' · ');
  return (
    <div className="receipt-a4" data-testid="receipt" data-layout="a4">
      <h1>{r.shop.tenantName}</h1>
      <div className="shop-line">{shopLine}</div>
      <h2>{t('receipts.a4Title')}</h2>
      <table className="facts">
        <tbody>
          <tr>
            <td>{t('receipts.orderNo')}</td>
            <td data-testid="receipt-number">{r.number}</td>
            <td>{t('receipts.opened')}</td>
            <td>{r.dates.opened?.local ?? EMPTY}</td>
            <td>{t('receipts.paid')}</td>
            <td>{r.dates.paid?.local ?? EMPTY}</td>
          </tr>
          <tr>
            <td>{t('receipts.plate')}</td>
            <td>{r.plate ?? EMPTY}</td>
            <td>{t('receipts.vehicle')}</td>
            <td>{r.vehicleName || EMPTY}</td>
            <td>{t('receipts.mileage')}</td>
            <td>{formatKm(r.mileageKm)}</td>
          </tr>
          <tr>
            <td>{t('receipts.customer')}</td>
            <td>{r.customer.name ?? EMPTY}</td>
            <td>{t('receipts.phone')}</td>
            <td>{formatPhone(r.customer.phone)}</td>
            <td>{t('receipts.advisor')}</td>
            <td>{r.advisorName ?? EMPTY}</td>
          </tr>
        </tbody>
      </table>
      <table>
        <thead>
          <tr>
            <th style={{ width: '5%' }}>#</th>
            <th>{t('receipts.line')}</th>
            <th style={{ width: '18%' }}>{t('receipts.partNumber')}</th>
            <th className="num" style={{ width: '8%' }}>
              {t('receipts.qty')}
            </th>
            <th className="num" style={{ width: '13%' }}>
              {t('receipts.unitPrice')}
            </th>
            <th className="num" style={{ width: '13%' }}>
              {t('receipts.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {r.lines.map((l, i) => (
            <tr key={i} data-testid="receipt-line">
              <td>{i + 1}</td>
              <td>
                {l.description}
                <span style={{ color: '#666' }}> ({t(`receipts.${l.kind}`)})</span>
              </td>
              <td>{l.partNumber ?? ''}</td>
              <td className="num">{l.quantity}</td>
              <td className="num">{formatFen(l.unitPriceFen)}</td>
              <td className="num">{formatFen(l.amountFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ display: 'flex', gap: 16 }}>
        <table style={{ flex: 1 }} data-testid="receipt-payments">
          <tbody>
            <tr>
              <th colSpan={2}>{t('receipts.payments')}</th>
            </tr>
            {r.payments.map((p) => (
              <tr key={p.method}>
                <td>{paymentLabel(t, p)}</td>
                <td className="num">{formatFen(p.amountFen)}</td>
              </tr>
            ))}
            {r.pointsEarned && (
              <tr>
                <td>{t('receipts.pointsEarned')}</td>
                <td className="num">
                  {t('receipts.pointsEarnedValue', { points: r.pointsEarned.points })} (
                  {t(`receipts.pointsStatus.${r.pointsEarned.status}`)})
                </td>
              </tr>
            )}
            {r.balances && (
              <>
                <tr>
                  <td>{t('receipts.pointsBalance')}</td>
                  <td className="num">{r.balances.pointsAvailable}</td>
                </tr>
                <tr>
                  <td>{t('receipts.storedValueBalance')}</td>
                  <td className="num">{formatFen(r.balances.storedValueFen)}</td>
                </tr>
              </>
            )}
          </tbody>
        </table>
        <table style={{ flex: 1 }}>
          <tbody>
            <tr>
              <td>{t('receipts.labourTotal')}</td>
              <td className="num">{formatFen(r.totals.labourFen)}</td>
            </tr>
            <tr>
              <td>{t('receipts.partsTotal')}</td>
              <td className="num">{formatFen(r.totals.partsFen)}</td>
            </tr>
            <tr>
              <td>{t('receipts.subtotal')}</td>
              <td className="num">{formatFen(r.totals.totalFen)}</td>
            </tr>
            {r.discounts.map((d, i) => (
              <tr key={i}>
                <td>
                  {t('receipts.discount')} · {d.label}
                </td>
                <td className="num">-{formatFen(d.amountFen)}</td>
              </tr>
            ))}
            <tr>
              <th>{t('receipts.amountDue')}</th>
              <th className="num" data-testid="receipt-total">
                {formatFen(r.totals.amountDueFen)}
              </th>
            </tr>
          </tbody>
        </table>
      </div>
      <p data-testid="receipt-next-due">
        <b>{t('receipts.nextDue')}：</b>
        {r.nextDue ? nextDueText(t, r.nextDue) : t('receipts.noNextDue')}
      </p>
      {r.notes && (
        <p>
          <b>{t('receipts.notes')}：</b>
          {r.notes}
        </p>
      )}
      <div className="signatures">
        <div>{t('receipts.signCustomer')}</div>
        <div>{t('receipts.signAdvisor')}</div>
      </div>
    </div>
  );
}
