// 检查报告: what the technician found on the owner's car — photos full-screen, the note, why it
// matters and the price — and for each recommended job "同意" or "暂不做" in one tap (the report
// opened from the message is the first tap). A question about any item opens the conversation
// with the question begun. The time the report is open is reported for the shop's metrics.
import { useEffect, useState } from 'react';
import { Button, ErrorBlock, NavBar, Skeleton, Tag, Toast } from 'antd-mobile';
import { ApiError } from '@liuke/api-client';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { PhotoStrip } from '../components/PhotoStrip.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import { yuan } from '../deals-api.ts';
import { formatDate } from '../format.ts';
import {
  findingsFirst,
  inspectionsApi,
  UNIT,
  type InspectionReport,
  type ReportItem,
} from '../inspections-api.ts';
import '../inspections.css';

const COLORS = { green: 'success', amber: 'warning', red: 'danger' } as const;
const PING_SECONDS = 15;

/** Reports the seconds the report is open, every 15 s and on leaving. */
function useViewingTime(inspectionId: string, active: boolean) {
  useEffect(() => {
    if (!active) return;
    let last = Date.now();
    const ping = () => {
      const seconds = Math.min(600, Math.round((Date.now() - last) / 1000));
      last = Date.now();
      if (seconds >= 1) void inspectionsApi.viewed(inspectionId, seconds).catch(() => undefined);
    };
    const timer = setInterval(ping, PING_SECONDS * 1000);
    return () => {
      clearInterval(timer);
      ping();
    };
  }, [inspectionId, active]);
}

function Finding({
  item,
  canDecide,
  onDecide,
  busy,
}: {
  item: ReportItem;
  canDecide: boolean;
  onDecide(item: ReportItem, d: 'approved' | 'declined'): void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ask = () =>
    navigate('/conversation', {
      state: { draft: t('inspection.askDraft', { label: item.label }) },
    });
  return (
    <article
      className={`inspection-finding is-${item.status ?? 'none'}`}
      data-testid={`report-item-${item.key}`}
    >
      <header className="inspection-finding-head">
        <span className="inspection-finding-label">{item.label}</span>
        {item.status && (
          <Tag color={COLORS[item.status]}>{t(`inspection.status.${item.status}`)}</Tag>
        )}
      </header>
      {item.value !== null && (
        <p className="inspection-reading">
          {t('inspection.reading', { value: `${item.value}${UNIT[item.measurement]}` })}
        </p>
      )}
      <PhotoStrip
        photos={item.photos}
        alt={item.label}
        className="inspection-photos"
        testId="report-photo"
      />
      {item.note && <p className="inspection-note">{t('inspection.note', { note: item.note })}</p>}
      {item.why && <p className="inspection-why">{item.why}</p>}
      {item.job && (
        <div className="inspection-job">
          <div className="inspection-job-line">
            <span>{item.job.description}</span>
            <strong>{yuan(item.job.totalFen)}</strong>
          </div>
          <div className="inspection-job-split">
            {t('inspection.split', {
              labour: yuan(item.job.labourFen),
              parts: yuan(item.job.partsFen),
            })}
          </div>
          {item.decision ? (
            <Tag
              color={item.decision === 'approved' ? 'success' : 'default'}
              data-testid="report-decision"
            >
              {t(`inspection.decision.${item.decision}`)}
            </Tag>
          ) : (
            canDecide && (
              <div className="inspection-actions">
                <Button
                  color="primary"
                  size="small"
                  loading={busy}
                  onClick={() => onDecide(item, 'approved')}
                  data-testid="report-approve"
                >
                  {t('inspection.approve')}
                </Button>
                <Button
                  size="small"
                  disabled={busy}
                  onClick={() => onDecide(item, 'declined')}
                  data-testid="report-decline"
                >
                  {t('inspection.decline')}
                </Button>
              </div>
            )
          )}
        </div>
      )}
      <button type="button" className="inspection-ask" onClick={ask} data-testid="report-ask">
        {t('inspection.ask')}
      </button>
    </article>
  );
}

function Report({
  report,
  onChange,
}: {
  report: InspectionReport;
  onChange(r: InspectionReport): void;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  useViewingTime(report.id, report.canDecide);
  const decide = async (item: ReportItem, d: 'approved' | 'declined') => {
    setBusy(item.id);
    try {
      onChange(await inspectionsApi.decide(report.id, item.id, d));
      Toast.show({ icon: 'success', content: t(`inspection.done.${d}`) });
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  const items = findingsFirst(report.items).filter((i) => i.status !== null);
  const findings = items.filter((i) => i.status !== 'green');
  const fine = items.filter((i) => i.status === 'green');
  return (
    <div className="section">
      <div className="inspection-summary">
        <div className="inspection-summary-title">
          {report.plate} · {report.vehicleName}
        </div>
        <div className="inspection-summary-sub">
          {report.storeName} · {formatDate(report.createdAt.slice(0, 10), i18n.language)}
          {report.technicianName &&
            ` · ${t('inspection.technician', { name: report.technicianName })}`}
        </div>
        <div className="inspection-counts">
          <Tag color="danger">
            {t('inspection.status.red')} {report.counts.red}
          </Tag>
          <Tag color="warning">
            {t('inspection.status.amber')} {report.counts.amber}
          </Tag>
          <Tag color="success">
            {t('inspection.status.green')} {report.counts.green}
          </Tag>
        </div>
        {report.canDecide && (
          <div className="inspection-total" data-testid="report-order-total">
            {t('inspection.orderTotal', { amount: yuan(report.orderTotalFen) })}
          </div>
        )}
      </div>
      {findings.map((item) => (
        <Finding
          key={item.id}
          item={item}
          canDecide={report.canDecide}
          busy={busy === item.id}
          onDecide={(i, d) => void decide(i, d)}
        />
      ))}
      {fine.length > 0 && (
        <section className="inspection-fine">
          <h2 className="section-title">{t('inspection.fine', { count: fine.length })}</h2>
          <ul>
            {fine.map((i) => (
              <li key={i.id}>
                {i.label}
                {i.value !== null && ` · ${i.value}${UNIT[i.measurement]}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export function InspectionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { inspectionId = '' } = useParams();
  const loaded = useLoad(() => inspectionsApi.get(inspectionId), inspectionId);
  const [changed, setChanged] = useState<InspectionReport | null>(null);
  const report = changed?.id === inspectionId ? changed : loaded.data;
  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate('/vehicles', { replace: true });
  let body;
  if (report) body = <Report report={report} onChange={setChanged} />;
  else if (loaded.error instanceof ApiError && loaded.error.status === 404)
    body = <ErrorBlock status="empty" title={t('inspection.notFound')} description="" />;
  else if (loaded.error)
    body = <LoadError message={errorMessage(loaded.error)} onRetry={() => void loaded.reload()} />;
  else
    body = (
      <div className="section">
        <Skeleton.Title animated />
        <Skeleton.Paragraph lineCount={5} animated />
      </div>
    );
  return (
    <div className="page inspection-page" data-testid="inspection-report">
      <NavBar className="page-nav" onBack={back} backIcon>
        {t('inspection.title')}
      </NavBar>
      {body}
    </div>
  );
}
