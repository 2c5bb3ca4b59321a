// 在线充值与购买: the business's stored-value top-up packages (充 500 送 50) and service packages
// (计次卡); one tap starts paying and goes to the provider or to the result page.
import { Button, ErrorBlock, List, NavBar, Skeleton, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { formatFen } from '../format.ts';
import { followPayment } from '../pay-follow.ts';
import { paymentsApi, startPaying, type PayKind } from '../payments-api.ts';

/** A pay button: starts the payment and follows it (provider page or result page). */
export function PayButton({
  kind,
  subjectId,
  label,
  testId,
}: {
  kind: PayKind;
  subjectId: string;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const pay = async () => {
    setBusy(true);
    try {
      await followPayment(await startPaying(kind, subjectId), navigate, t);
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      color="primary"
      size="small"
      loading={busy}
      onClick={() => void pay()}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}

export function PayPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const catalog = useLoad(() => paymentsApi.catalog(), 'payment-catalog');
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/', { replace: true }));
  const data = catalog.data;
  return (
    <div className="page" data-testid="pay-page">
      <NavBar onBack={back}>{t('payments.title')}</NavBar>
      {catalog.error ? (
        <LoadError message={errorMessage(catalog.error)} onRetry={() => void catalog.reload()} />
      ) : !data ? (
        <Skeleton.Paragraph lineCount={6} animated />
      ) : data.topUps.length === 0 && data.packages.length === 0 ? (
        <ErrorBlock status="empty" title={t('payments.emptyCatalog')} description="" />
      ) : (
        <>
          {data.topUps.length > 0 && (
            <List header={t('payments.topUps')}>
              {data.topUps.map((p) => (
                <List.Item
                  key={p.id}
                  description={
                    p.bonusFen > 0
                      ? t('payments.bonus', { amount: formatFen(p.bonusFen) })
                      : undefined
                  }
                  extra={
                    <PayButton
                      kind="top_up"
                      subjectId={p.id}
                      label={formatFen(p.payFen)}
                      testId="pay-top-up"
                    />
                  }
                >
                  {p.name}
                </List.Item>
              ))}
            </List>
          )}
          {data.packages.length > 0 && (
            <List header={t('payments.packages')}>
              {data.packages.map((p) => (
                <List.Item
                  key={p.id}
                  description={t('payments.uses', { uses: p.uses, days: p.validityDays })}
                  extra={
                    <PayButton
                      kind="package"
                      subjectId={p.id}
                      label={formatFen(p.priceFen)}
                      testId="pay-package"
                    />
                  }
                >
                  {p.name}
                </List.Item>
              ))}
            </List>
          )}
        </>
      )}
    </div>
  );
}
