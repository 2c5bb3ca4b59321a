// 支付结果: says "processing" until the server has verified the payment (a provider's notification
// or our query of it); the page polls, and asks the provider itself every few seconds. With the
// development provider it shows the one button a real provider's page would have; for a card
// payment not yet confirmed, the way back to the card page.
import { Button, NavBar, Result, Skeleton } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { formatMoney } from '../format.ts';
import { paymentsApi, stripePath, type Payment } from '../payments-api.ts';

const POLL_MS = 2000;
const CHECK_EVERY = 3;

export function PaymentResultPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const id = params.get('payment') ?? '';
  const [payment, setPayment] = useState<Payment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ticks = useRef(0);

  useEffect(() => {
    let stop = false;
    const tick = async () => {
      try {
        // Every third poll asks the provider (a verified query); the others read our record.
        const p =
          ++ticks.current % CHECK_EVERY === 0
            ? await paymentsApi.check(id)
            : await paymentsApi.get(id);
        if (stop) return;
        setPayment(p);
        setError(null);
        if (p.status === 'pending') timer = setTimeout(() => void tick(), POLL_MS);
      } catch (e) {
        if (!stop) setError(e);
      }
    };
    let timer = setTimeout(() => void tick(), 0);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [id]);

  const devPay = async () => {
    setBusy(true);
    try {
      setPayment(await paymentsApi.devPay(id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (error) body = <LoadError message={errorMessage(error)} onRetry={() => setError(null)} />;
  else if (!payment) body = <Skeleton.Paragraph lineCount={4} animated />;
  else {
    const pending = payment.status === 'pending';
    body = (
      <>
        <Result
          status={
            pending
              ? 'waiting'
              : payment.status === 'paid'
                ? 'success'
                : payment.status === 'held'
                  ? 'info'
                  : 'warning'
          }
          title={
            <span data-testid="payment-status">
              {pending ? t('payments.processing') : t(`payments.${payment.status}`)}
            </span>
          }
          description={`${payment.description} · ${formatMoney(payment.amountFen, payment.currency, i18n.language)}`}
        />
        <div className="section">
          {pending && payment.provider === 'dev' && (
            <>
              <p>{t('payments.devHint')}</p>
              <Button
                block
                color="primary"
                loading={busy}
                onClick={() => void devPay()}
                data-testid="dev-pay"
              >
                {t('payments.devPay')}
              </Button>
            </>
          )}
          {pending && payment.provider === 'stripe' && (
            // The owner left the card page before confirming: the same payment, back to it.
            <Button
              block
              color="primary"
              onClick={() => navigate(stripePath(id))}
              data-testid="continue-card"
            >
              {t('payments.continueCard')}
            </Button>
          )}
          {!pending && (
            <Button
              block
              onClick={() => navigate('/ledger?view=stored_value')}
              data-testid="to-wallet"
            >
              {t('payments.toWallet')}
            </Button>
          )}
        </div>
      </>
    );
  }
  return (
    <div className="page" data-testid="payment-result">
      <NavBar onBack={() => navigate('/payments')}>{t('payments.resultTitle')}</NavBar>
      {body}
    </div>
  );
}
