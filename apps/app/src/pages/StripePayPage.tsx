// 银行卡支付 (Stripe): the payment's Payment Element, mounted with its client secret — read from
// the owner's own pending payment, never from the URL — and Stripe.js loaded from js.stripe.com
// as Stripe requires. "Pay" confirms with Stripe, which comes back to the result page; only the
// server's verified notification or query marks the payment paid.
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import { Button, ErrorBlock, NavBar, Skeleton } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { formatMoney } from '../format.ts';
import { paymentsApi, resultPath } from '../payments-api.ts';

/** Where Stripe sends the browser back to: the result page, as an absolute URL. */
const returnUrl = (paymentId: string) =>
  new URL(
    `${import.meta.env.BASE_URL}${resultPath(paymentId).slice(1)}`,
    window.location.origin,
  ).toString();

/** Loads Stripe.js and mounts the Payment Element in `mount`; says when it is ready or failed. */
function usePaymentElement(
  publishableKey: string | undefined,
  clientSecret: string | undefined,
  mount: React.RefObject<HTMLDivElement | null>,
  locale: string,
) {
  const [ready, setReady] = useState<{ stripe: Stripe; elements: StripeElements } | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    if (!publishableKey || !clientSecret || !mount.current) return;
    let gone = false;
    let unmount = () => {};
    loadStripe(publishableKey)
      .then((stripe) => {
        if (gone || !mount.current) return;
        if (!stripe) throw new Error('Stripe.js');
        const elements = stripe.elements({
          clientSecret,
          locale: locale.startsWith('zh') ? 'zh' : 'en',
        });
        const element = elements.create('payment');
        element.mount(mount.current);
        unmount = () => element.destroy();
        element.on('ready', () => !gone && setReady({ stripe, elements }));
      })
      .catch((e: unknown) => !gone && setFailed(e));
    return () => {
      gone = true;
      unmount();
    };
  }, [publishableKey, clientSecret, mount, locale]);
  return { ready, failed };
}

export function StripePayPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const id = params.get('payment') ?? '';
  const payment = useLoad(() => paymentsApi.get(id), `payment-${id}`);
  const p = payment.data;
  const { clientSecret, publishableKey } = p?.action ?? {};
  const mount = useRef<HTMLDivElement>(null);
  const { ready, failed } = usePaymentElement(publishableKey, clientSecret, mount, i18n.language);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const pay = async () => {
    if (!ready) return;
    setBusy(true);
    setMessage(null);
    // On success Stripe leaves for return_url; an answer here is a card declined, a field missing…
    const { error } = await ready.stripe.confirmPayment({
      elements: ready.elements,
      confirmParams: { return_url: returnUrl(id) },
    });
    setMessage(error.message ?? t('payments.stripe.failed'));
    setBusy(false);
  };

  // Paid, closed, or not a Stripe payment: the result page says which.
  if (p && (p.status !== 'pending' || !clientSecret || !publishableKey))
    return <Navigate to={resultPath(id)} replace />;
  return (
    <div className="page stripe-pay" data-testid="stripe-pay">
      <NavBar onBack={() => navigate(resultPath(id))}>{t('payments.stripe.title')}</NavBar>
      {payment.error ? (
        <LoadError message={errorMessage(payment.error)} onRetry={() => void payment.reload()} />
      ) : !p ? (
        <Skeleton.Paragraph lineCount={5} animated />
      ) : (
        <div className="section">
          <p className="stripe-amount" data-testid="stripe-amount">
            {p.description} · {formatMoney(p.amountFen, p.currency, i18n.language)}
          </p>
          {failed ? (
            <ErrorBlock
              status="disconnected"
              title={t('payments.stripe.unavailable')}
              description=""
            />
          ) : (
            <>
              {!ready && <Skeleton.Paragraph lineCount={4} animated />}
              <div ref={mount} data-testid="stripe-element" />
              {message && (
                <p className="stripe-error" role="alert" data-testid="stripe-error">
                  {message}
                </p>
              )}
              <Button
                block
                color="primary"
                disabled={!ready}
                loading={busy}
                onClick={() => void pay()}
                data-testid="stripe-pay-button"
              >
                {t('payments.stripe.pay', {
                  amount: formatMoney(p.amountFen, p.currency, i18n.language),
                })}
              </Button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
