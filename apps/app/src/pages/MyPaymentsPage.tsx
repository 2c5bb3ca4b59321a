// 我的支付: my online payments, newest first, with what each paid for and where it stands.
import { ErrorBlock, List, NavBar, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { formatFen } from '../format.ts';
import { paymentsApi, resultPath } from '../payments-api.ts';

export function MyPaymentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const mine = useLoad(() => paymentsApi.mine(), 'my-payments');
  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate('/me', { replace: true });
  return (
    <div className="page" data-testid="my-payments">
      <NavBar onBack={back}>{t('payments.mine')}</NavBar>
      {mine.error ? (
        <LoadError message={errorMessage(mine.error)} onRetry={() => void mine.reload()} />
      ) : !mine.data ? (
        <Skeleton.Paragraph lineCount={6} animated />
      ) : mine.data.items.length === 0 ? (
        <ErrorBlock status="empty" title={t('payments.mineEmpty')} description="" />
      ) : (
        <List>
          {mine.data.items.map((p) => (
            <List.Item
              key={p.id}
              onClick={() => navigate(resultPath(p.id))}
              description={`${t(`payments.kind.${p.kind}`)} · ${new Date(p.createdAt).toLocaleString()}`}
              extra={
                <span>
                  {formatFen(p.amountFen)}{' '}
                  <Tag color={p.status === 'paid' ? 'success' : 'default'}>
                    {t(`payments.${p.status}`)}
                  </Tag>
                </span>
              }
            >
              {p.description}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
