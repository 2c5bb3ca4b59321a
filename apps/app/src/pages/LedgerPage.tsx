// 我的明细: stored-value, points and service-package history, newest first — one line per
// movement with its net amount and the total after it (two taps from home: tap the balance on
// the member card). Moves between the owner's own accounts are not lines (server-side).
import { useCallback, useEffect, useState } from 'react';
import { Button, ErrorBlock, NavBar, Skeleton, Tabs } from 'antd-mobile';
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { client, errorMessage } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { formatFen } from '../format.ts';
import '../ledger.css';

type View = 'stored_value' | 'points' | 'packages';
const VIEWS: readonly View[] = ['stored_value', 'points', 'packages'];
type Line =
  paths['/api/v1/app/me/ledger']['get']['responses'][200]['content']['application/json']['items'][number];

const METHODS = ['cash', 'card', 'wechat_pay', 'alipay', 'stored_value', 'transfer', 'other'];

function amount(view: View, value: number, signed: boolean, lang: string): string {
  const s =
    view === 'stored_value'
      ? formatFen(Math.abs(value))
      : Math.abs(value).toLocaleString(lang.startsWith('en') ? 'en-GB' : 'zh-CN');
  return value < 0 ? `−${s}` : signed && value > 0 ? `+${s}` : s;
}

/** Date with the year (a history goes back further than this year), and the time. */
function when(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang.startsWith('en') ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

function LedgerItem({ line, view }: { line: Line; view: View }) {
  const { t, i18n } = useTranslation();
  const memo = line.memo
    ?.split(' · ')
    .map((p) => (METHODS.includes(p) ? t(`orderDetail.method.${p}`) : p))
    .join(' · ');
  return (
    <li className="ledger-line" data-testid="ledger-line">
      <div className="ledger-main">
        <div className="ledger-kind">
          {t(`loyalty.kind.${line.kind}`, { defaultValue: t('loyalty.other') })}
        </div>
        <div className="ledger-meta">
          {when(line.createdAt, i18n.language)}
          {line.packageName ? ` · ${line.packageName}` : ''}
          {memo ? ` · ${memo}` : ''}
        </div>
      </div>
      <div className="ledger-figures">
        <div
          className={`ledger-amount ${line.amount < 0 ? 'ledger-out' : 'ledger-in'}`}
          data-testid="ledger-amount"
        >
          {amount(view, line.amount, true, i18n.language)}
        </div>
        <div className="ledger-balance" data-testid="ledger-balance">
          {t(`loyalty.balanceAfter.${view}`, {
            value: amount(view, line.balanceAfter, false, i18n.language),
          })}
        </div>
      </div>
    </li>
  );
}

export function LedgerPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const view: View = VIEWS.includes(params.get('view') as View)
    ? (params.get('view') as View)
    : 'stored_value';
  const [lines, setLines] = useState<Line[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const fetchPage = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const page = await unwrap(
          client.GET('/api/v1/app/me/ledger', {
            params: { query: { view, limit: 20, ...(after ? { cursor: after } : {}) } },
          }),
        );
        setLines((prev) => (after && prev ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [view],
  );

  useEffect(() => {
    setLines(null);
    void fetchPage(null);
  }, [fetchPage]);

  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/', { replace: true });
  };
  return (
    <div className="page" data-testid="ledger-page">
      <NavBar
        onBack={back}
        right={
          <Button
            size="mini"
            color="primary"
            onClick={() => navigate('/pay')}
            data-testid="ledger-top-up"
          >
            {t('payments.topUps')}
          </Button>
        }
      >
        {t('loyalty.title')}
      </NavBar>
      <Tabs activeKey={view} onChange={(k) => setParams({ view: k }, { replace: true })}>
        {VIEWS.map((v) => (
          <Tabs.Tab title={t(`loyalty.view.${v}`)} key={v} />
        ))}
      </Tabs>
      <section className="section">
        {!lines ? (
          error ? (
            <LoadError message={errorMessage(error)} onRetry={() => void fetchPage(null)} />
          ) : (
            <Skeleton.Paragraph lineCount={5} animated />
          )
        ) : lines.length === 0 ? (
          <ErrorBlock
            data-testid="ledger-empty"
            className="empty-block"
            status="empty"
            title={t('loyalty.none')}
            description=""
          />
        ) : (
          <>
            <ul className="ledger-list">
              {lines.map((l) => (
                <LedgerItem key={l.id} line={l} view={view} />
              ))}
            </ul>
            {cursor && (
              <Button
                block
                fill="none"
                loading={loading}
                onClick={() => void fetchPage(cursor)}
                data-testid="ledger-more"
              >
                {t('loyalty.more')}
              </Button>
            )}
          </>
        )}
      </section>
    </div>
  );
}
