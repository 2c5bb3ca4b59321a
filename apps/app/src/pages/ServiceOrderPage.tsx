import { ErrorBlock, List, NavBar, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { ApiError, client, errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { ReceiptExtras, ReceiptHeader, useMyReceipt } from '../components/EReceipt.tsx';
import { InvoiceRequestSection } from '../components/InvoiceRequest.tsx';
import { formatDate, formatFen, formatKm } from '../format.ts';
import { PayButton } from './PayPage.tsx';
import '../service-order.css';

export type MyServiceOrder =
  paths['/api/v1/app/me/service-orders/{orderId}']['get']['responses'][200]['content']['application/json'];

const STATUS_COLOUR: Record<MyServiceOrder['status'], string> = {
  open: 'primary',
  completed: 'warning',
  paid: 'success',
  closed: 'default',
  cancelled: 'default',
  refunded: 'default',
};

/** One visit of a car's maintenance record: what was done, the parts, and what it cost. */
export function ServiceOrderPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { orderId = '' } = useParams();
  const {
    data: order,
    error,
    reload,
  } = useLoad(
    () =>
      unwrap(
        client.GET('/api/v1/app/me/service-orders/{orderId}', { params: { path: { orderId } } }),
      ),
    orderId,
  );
  // The e-receipt around the lines (shop, payment parts, points, next due, invoice).
  const receipt = useMyReceipt(orderId);
  const r = receipt.data;

  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else if (order) navigate(`/vehicles/${order.vehicleId}`, { replace: true });
    else navigate('/vehicles', { replace: true });
  };

  let body;
  if (!order) {
    if (error instanceof ApiError && error.status === 404) {
      body = <ErrorBlock status="empty" title={t('orderDetail.notFound')} description="" />;
    } else if (error) {
      body = <LoadError message={errorMessage(error)} onRetry={() => void reload()} />;
    } else {
      body = (
        <div className="section">
          <div className="so-hero" aria-busy="true">
            <Skeleton.Title animated />
            <Skeleton.Paragraph lineCount={4} animated />
          </div>
        </div>
      );
    }
  } else {
    const info: [string, string][] = [
      [t('orderDetail.plate'), order.plate ?? ''],
      [t('order.mileage'), formatKm(order.mileageKm)],
      [t('orderDetail.store'), order.storeName],
      [t('orderDetail.address'), order.storeAddress ?? ''],
      [t('orderDetail.storePhone'), order.storePhone ?? ''],
      [t('orderDetail.advisor'), order.advisorName ?? ''],
      [
        t('orderDetail.payment'),
        // The e-receipt lists every payment part; this one line is for when it did not load.
        order.paymentMethod && !r
          ? `${t(`orderDetail.method.${order.paymentMethod}`)} ${formatFen(order.paidFen ?? 0)}`
          : '',
      ],
      [t('order.number'), order.number],
    ];
    body = (
      <>
        <div className="section">
          {r && <ReceiptHeader receipt={r} />}
          <div className="so-hero" data-testid="order-hero">
            <div className="so-hero-date">
              {/* The business's day (the receipt's), not the phone's. */}
              {formatDate(r?.dates.opened?.local.slice(0, 10) ?? order.openedAt, i18n.language)}
            </div>
            <div
              className={
                order.status === 'cancelled' ? 'so-hero-total so-cancelled' : 'so-hero-total'
              }
              data-testid="order-detail-total"
            >
              {formatFen(order.totalFen)}
            </div>
            <Tag color={STATUS_COLOUR[order.status]} fill="outline" round>
              {t(`order.status.${order.status}`, { defaultValue: order.status })}
            </Tag>
            {/* A completed order not yet paid: pay it here (the third tap from its notification). */}
            {order.status === 'completed' && (
              <div className="so-pay">
                <PayButton
                  kind="order"
                  subjectId={order.id}
                  label={t('payments.pay')}
                  testId="order-pay"
                />
              </div>
            )}
          </div>
        </div>

        <section className="section">
          <h2 className="section-title">{t('orderDetail.items')}</h2>
          {order.items.length === 0 ? (
            <ErrorBlock
              className="empty-block"
              status="empty"
              title={t('orderDetail.noItems')}
              description=""
            />
          ) : (
            <ul className="so-items">
              {order.items.map((item) => (
                <li key={item.id} className="so-item" data-testid="order-item">
                  <div className="so-item-row">
                    <span className="so-item-name">
                      <span className={`so-kind so-kind-${item.kind}`}>
                        {t(`orderDetail.kind.${item.kind}`)}
                      </span>
                      {item.description}
                    </span>
                    <span className="so-item-amount">{formatFen(item.amountFen)}</span>
                  </div>
                  <div className="so-item-meta">
                    <span>
                      {item.quantity} × {formatFen(item.unitPriceFen)}
                    </span>
                    {item.partNumber && (
                      <span className="so-part-number" translate="no" data-testid="part-number">
                        {t('orderDetail.partNumber')} {item.partNumber}
                      </span>
                    )}
                  </div>
                </li>
              ))}
              <li className="so-sum">
                <div className="so-item-row so-item-meta">
                  <span>{t('orderDetail.labour')}</span>
                  <span>{formatFen(order.labourFen)}</span>
                </div>
                <div className="so-item-row so-item-meta">
                  <span>{t('orderDetail.parts')}</span>
                  <span>{formatFen(order.partsFen)}</span>
                </div>
                <div className="so-item-row so-total-row">
                  <span>{t('orderDetail.total')}</span>
                  <span>{formatFen(order.totalFen)}</span>
                </div>
              </li>
            </ul>
          )}
        </section>

        {r && <ReceiptExtras receipt={r} />}
        {r && (
          <InvoiceRequestSection
            orderId={order.id}
            status={order.status}
            request={r.invoiceRequest}
            onSaved={() => void receipt.reload()}
          />
        )}

        {order.declined.length > 0 && (
          <section className="section">
            <h2 className="section-title">{t('orderDetail.declined')}</h2>
            <ul className="so-items so-declined">
              {order.declined.map((d) => (
                <li key={d.id} className="so-item" data-testid="order-declined">
                  {d.description}
                </li>
              ))}
            </ul>
            <p className="so-hint">{t('orderDetail.declinedHint')}</p>
          </section>
        )}

        <section className="section">
          <List>
            <List.Item
              onClick={() => navigate(`/complaints/new?orderId=${order.id}`)}
              data-testid="order-complain"
            >
              {t('complaints.fromOrder')}
            </List.Item>
          </List>
        </section>

        <section className="section">
          <h2 className="section-title">{t('orderDetail.details')}</h2>
          <List className="detail-list">
            {info
              .filter(([, value]) => value)
              .map(([label, value]) => (
                <List.Item key={label} extra={<span className="detail-value">{value}</span>}>
                  {label}
                </List.Item>
              ))}
          </List>
        </section>
      </>
    );
  }

  return (
    <div className="page service-order-page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {t('orderDetail.title')}
      </NavBar>
      {body}
    </div>
  );
}
