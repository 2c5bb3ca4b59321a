// The 80 mm till slip (小票): one narrow column, 72 mm of content, in a monospace face so the
// amounts line up on a thermal printer.
import { useTranslation } from 'react-i18next';
import { EMPTY, formatFen } from '../../kit/format.ts';
import { nextDueText, paymentLabel, type Receipt } from './receipt.ts';

export const THERMAL_CSS = `
@page { size: 80mm auto; margin: 0; }
.receipt-thermal { width: 72mm; margin: 0 auto; padding: 4mm 0; color: #000;
  font: 12px/1.45 'SFMono-Regular', Menlo, Consolas, 'Noto Sans Mono CJK SC', 'Courier New', monospace; }
.receipt-thermal .center { text-align: center; }
.receipt-thermal .big { font-size: 15px; font-weight: bold; }
.receipt-thermal .rule { border-top: 1px dashed #000; margin: 4px 0; }
.receipt-thermal .row { display: flex; justify-content: space-between; gap: 4px; }
.receipt-thermal .row span:last-child { text-align: right; white-space: nowrap; }
.receipt-thermal .muted { color: #333; }
@media print { .receipt-thermal { padding: 0 0 6mm; } }
`;

function Row({ left, right, testId }: { left: string; right: string; testId?: string }) {
  return (
    <div className="row">
      <span>{left}</span>
      <span data-testid={testId}>{right}</span>
    </div>
  );
}

export function ThermalReceipt({ r }: { r: Receipt }) {
  const { t } = useTranslation();
  return (
    <div className="receipt-thermal" data-testid="receipt" data-layout="thermal">
      <div className="center big">{r.shop.tenantName}</div>
      <div className="center">{r.shop.storeName}</div>
      {r.shop.address && <div className="center muted">{r.shop.address}</div>}
      {r.shop.phone && <div className="center muted">{r.shop.phone}</div>}
      <div className="rule" />
      <div className="center">{t('receipts.thermalTitle')}</div>
      <Row left={t('receipts.orderNo')} right={r.number} />
      <Row
        left={t('receipts.paid')}
        right={r.dates.paid?.local ?? r.dates.opened?.local ?? EMPTY}
      />
      <Row left={t('receipts.plate')} right={r.plate ?? EMPTY} />
      {r.mileageKm !== null && <Row left={t('receipts.mileage')} right={`${r.mileageKm} km`} />}
      {r.advisorName && <Row left={t('receipts.advisor')} right={r.advisorName} />}
      <div className="rule" />
      {r.lines.map((l, i) => (
        <div key={i} data-testid="receipt-line">
          <div>{l.description}</div>
          <Row
            left={`  ${l.quantity} × ${formatFen(l.unitPriceFen)}`}
            right={formatFen(l.amountFen)}
          />
        </div>
      ))}
      <div className="rule" />
      <Row left={t('receipts.subtotal')} right={formatFen(r.totals.totalFen)} />
      {r.discounts.map((d, i) => (
        <Row key={i} left={d.label} right={`-${formatFen(d.amountFen)}`} />
      ))}
      <div className="big">
        <Row
          left={t('receipts.amountDue')}
          right={formatFen(r.totals.amountDueFen)}
          testId="receipt-total"
        />
      </div>
      <div className="rule" />
      <div data-testid="receipt-payments">
        {r.payments.map((p) => (
          <Row key={p.method} left={paymentLabel(t, p)} right={formatFen(p.amountFen)} />
        ))}
      </div>
      {r.pointsEarned && (
        <Row
          left={`${t('receipts.pointsEarned')} (${t(`receipts.pointsStatus.${r.pointsEarned.status}`)})`}
          right={t('receipts.pointsEarnedValue', { points: r.pointsEarned.points })}
        />
      )}
      {r.balances && (
        <>
          <Row left={t('receipts.pointsBalance')} right={String(r.balances.pointsAvailable)} />
          <Row
            left={t('receipts.storedValueBalance')}
            right={formatFen(r.balances.storedValueFen)}
          />
        </>
      )}
      <div className="rule" />
      <div data-testid="receipt-next-due">
        {t('receipts.nextDue')}：{r.nextDue ? nextDueText(t, r.nextDue) : t('receipts.noNextDue')}
      </div>
      <div className="rule" />
      <div className="center">{t('receipts.thanks')}</div>
    </div>
  );
}
