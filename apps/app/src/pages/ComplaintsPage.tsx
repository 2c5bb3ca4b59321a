// 我的工单: my complaint tickets, one ticket with the shop's replies (add to it, reopen it within
// the shop's window), and the form to file a new one — from 我的, or from an order.
import { useState } from 'react';
import {
  Button,
  ErrorBlock,
  List,
  NavBar,
  Selector,
  Skeleton,
  Steps,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { feedbackApi, STATUS_COLORS } from '../feedback-api.ts';
import { formatDate } from '../format.ts';
import '../feedback.css';

function useBack(fallback: string) {
  const navigate = useNavigate();
  const location = useLocation();
  return () => (location.key !== 'default' ? navigate(-1) : navigate(fallback, { replace: true }));
}

function Loading({ error, reload }: { error: unknown; reload(): void }) {
  return error ? (
    <LoadError message={errorMessage(error)} onRetry={reload} />
  ) : (
    <div className="section" aria-busy="true">
      <Skeleton.Paragraph lineCount={4} animated />
    </div>
  );
}

export function MyComplaintsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const back = useBack('/me');
  const { data, error, reload } = useLoad(() => feedbackApi.mine(), 'my-complaints');
  return (
    <div className="page">
      <NavBar
        className="page-nav"
        onBack={back}
        right={
          <Button
            size="mini"
            color="primary"
            onClick={() => navigate('/complaints/new')}
            data-testid="complaint-new"
          >
            {t('complaints.new')}
          </Button>
        }
      >
        {t('complaints.title')}
      </NavBar>
      {!data ? (
        <Loading error={error} reload={() => void reload()} />
      ) : data.items.length === 0 ? (
        <ErrorBlock status="empty" title={t('complaints.empty')} description="" />
      ) : (
        <List>
          {data.items.map((c) => (
            <List.Item
              key={c.id}
              onClick={() => navigate(`/complaints/${c.id}`)}
              description={`${c.number} · ${formatDate(c.createdAt, i18n.language)}`}
              extra={
                <Tag color={STATUS_COLORS[c.status]}>{t(`complaints.status.${c.status}`)}</Tag>
              }
              data-testid="my-complaint"
            >
              <span className="complaint-summary">
                {c.category} · {c.summary}
              </span>
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

export function MyComplaintPage() {
  const { t, i18n } = useTranslation();
  const { ticketId = '' } = useParams();
  const back = useBack('/complaints');
  const { data, error, reload } = useLoad(() => feedbackApi.get(ticketId), `complaint:${ticketId}`);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      setText('');
      await reload();
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  let body;
  if (!data) body = <Loading error={error} reload={() => void reload()} />;
  else
    body = (
      <>
        <section className="section">
          <div className="complaint-head">
            <span>{data.number}</span>
            <Tag color={STATUS_COLORS[data.status]} data-testid="complaint-status">
              {t(`complaints.status.${data.status}`)}
            </Tag>
          </div>
          <p className="complaint-text">{data.summary}</p>
        </section>
        <section className="section">
          <Steps direction="vertical">
            {data.timeline.map((e) => (
              <Steps.Step
                key={e.id}
                status={e.kind === 'reply' ? 'finish' : 'process'}
                title={t(`complaints.timeline.${e.kind}`, {
                  to: t(`complaints.status.${String(e.data.to ?? '')}`),
                })}
                description={
                  <>
                    {e.body && e.kind !== 'created' && (
                      <div className="complaint-entry">{e.body}</div>
                    )}
                    <div className="complaint-time">{formatDate(e.at, i18n.language)}</div>
                  </>
                }
              />
            ))}
          </Steps>
        </section>
        {data.status !== 'closed' && (
          <section className="section">
            <TextArea
              placeholder={t('complaints.addPlaceholder')}
              value={text}
              onChange={setText}
              rows={3}
              maxLength={2000}
            />
            <Button
              block
              color="primary"
              disabled={!text.trim()}
              loading={busy}
              onClick={() => void act(() => feedbackApi.message(ticketId, text))}
            >
              {t('complaints.send')}
            </Button>
          </section>
        )}
        {data.canReopen && (
          <section className="section">
            <Button
              block
              loading={busy}
              onClick={() => void act(() => feedbackApi.reopen(ticketId))}
              data-testid="complaint-reopen"
            >
              {t('complaints.reopen')}
            </Button>
          </section>
        )}
      </>
    );
  return (
    <div className="page">
      <NavBar className="page-nav" onBack={back}>
        {t('complaints.detail')}
      </NavBar>
      {body}
    </div>
  );
}

export function NewComplaintPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const back = useBack('/complaints');
  const [params] = useSearchParams();
  const orderId = params.get('orderId');
  const cats = useLoad(() => feedbackApi.categories(), 'complaint-categories');
  const [category, setCategory] = useState<string[]>([]);
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const r = await feedbackApi.open({
        category: category[0],
        summary: summary.trim(),
        serviceOrderId: orderId,
      });
      Toast.show({ icon: 'success', content: t('complaints.filed', { number: r.number }) });
      navigate(`/complaints/${r.ticketId}`, { replace: true });
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page">
      <NavBar className="page-nav" onBack={back}>
        {t('complaints.new')}
      </NavBar>
      <section className="section">
        <p className="survey-label">{t('complaints.category')}</p>
        <Selector
          columns={3}
          value={category}
          onChange={setCategory}
          options={(cats.data?.items ?? []).map((c) => ({ label: c, value: c }))}
        />
        <p className="survey-label">{t('complaints.summary')}</p>
        <TextArea
          value={summary}
          onChange={setSummary}
          rows={5}
          maxLength={2000}
          showCount
          placeholder={t('complaints.summaryPlaceholder')}
          data-testid="complaint-summary"
        />
        <Button
          block
          color="primary"
          disabled={!summary.trim()}
          loading={busy}
          onClick={() => void submit()}
          data-testid="complaint-submit"
        >
          {t('complaints.submit')}
        </Button>
      </section>
    </div>
  );
}
