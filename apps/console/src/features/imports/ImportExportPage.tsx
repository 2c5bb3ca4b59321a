import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent, HTMLAttributes } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  CheckCircleOutlined,
  DownloadOutlined,
  ExperimentOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../kit/index.ts';
import type { paths } from '@liuke/api-client';
import { api, unwrap, useStaff } from '../../api.ts';
import { StatCards } from '../../kit/StatCards.tsx';
import { errorText } from '../../kit/errors.ts';
import { useLoad, useSubmit } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import type { Json } from '../../types.ts';
import { canImport } from './imports.ts';

type ImportJob = Json<paths['/api/v1/staff/imports/{id}']['get']>;
type ImportPreview = Json<paths['/api/v1/staff/imports/preview']['post']>;
type ImportError = Json<paths['/api/v1/staff/imports/{id}/errors']['get']>['items'][number];
type Kind = ImportJob['kind'];

const KINDS: Kind[] = ['customers', 'vehicles', 'service_orders'];
const POLL_MS = 1000;
const ERROR_PAGE = 200;
/** The server's limit for one CSV file. */
const MAX_BYTES = 50 * 1024 * 1024;

const running = (job: ImportJob | null) =>
  job !== null && (job.status === 'queued' || job.status === 'running');

function uploadBody(file: File, mapping: Record<string, string | null>) {
  const form = new FormData();
  form.append('file', file);
  form.append('mapping', JSON.stringify(mapping));
  return form;
}

/** 导入导出: CSV import (preview, column mapping, dry run, real run with progress) and export. */
export default function ImportExportPage() {
  const { t, i18n } = useTranslation();
  const staff = useStaff();
  const allowed = canImport(staff);
  const fileInput = useRef<HTMLInputElement>(null);
  const resultCard = useRef<HTMLDivElement>(null);

  const [kind, setKind] = useState<Kind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  /** The store of every row, when the file has no store column and the business several stores. */
  const [storeId, setStoreId] = useState<string | null>(null);
  const reader = useSubmit();
  const starter = useSubmit();
  const [starting, setStarting] = useState<'dry' | 'real' | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  /** The dry run that checked exactly this file, kind and mapping (enables the real run). */
  const [checked, setChecked] = useState<string | null>(null);
  const reading = reader.busy;

  /** While a file is read or a job runs, the kind and the file stay as they are. */
  const busy = reading || starting !== null || running(job);
  // The store question: asked while no column of the file gives the store.
  const asksStore = Boolean(preview?.asks.includes('defaultStoreId')) && !mapping.storeCode;
  const stores =
    useLoad(() => unwrap(api.GET('/api/v1/staff/stores')), [], { enabled: asksStore }).data
      ?.items ?? [];
  const chosenStore = asksStore ? storeId : null;
  const signature = file
    ? `${kind}|${file.name}|${file.size}|${JSON.stringify(mapping)}|${chosenStore ?? ''}`
    : '';

  // When a job ends: its errors, and the history read again. The history is a convenience:
  // the page works without it.
  const jobId = job?.id;
  const finished = job !== null && !running(job);
  const jobErrors = useLoad(
    async () => ({
      jobId,
      page: await unwrap(
        api.GET('/api/v1/staff/imports/{id}/errors', {
          params: { path: { id: jobId! }, query: { limit: ERROR_PAGE } },
        }),
      ),
    }),
    [jobId, finished],
    { enabled: Boolean(jobId) && finished },
  );
  const loadedErrors = jobErrors.data;
  const errors: ImportError[] =
    finished && loadedErrors && loadedErrors.jobId === jobId ? loadedErrors.page.items : [];
  const history =
    useLoad(
      () => unwrap(api.GET('/api/v1/staff/imports', { params: { query: { limit: 10 } } })),
      [finished],
      { enabled: allowed },
    ).data?.items ?? [];

  const error = reader.error ?? starter.error ?? pollError ?? jobErrors.error;
  const clearError = () => {
    reader.setError(null);
    starter.setError(null);
    setPollError(null);
  };
  const setError = (text: string) => reader.setError(text);

  async function readPreview(chosen: File, forKind: Kind) {
    clearError();
    setPreview(null);
    setJob(null);
    const result = await reader.run(() =>
      unwrap(
        api.POST('/api/v1/staff/imports/preview', {
          params: { query: { kind: forKind } },
          body: uploadBody(chosen, {}) as never,
        }),
      ),
    );
    if (!result) return;
    setPreview(result);
    setMapping(result.mapping);
    setStoreId(null);
  }

  function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    event.target.value = '';
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      // Said here rather than after uploading 50 MB only to be refused.
      setError(t('imports.tooLarge', { size: (chosen.size / 1024 / 1024).toFixed(1) }));
      return;
    }
    setFile(chosen);
    setChecked(null);
    void readPreview(chosen, kind);
  }

  function chooseKind(next: Kind) {
    setKind(next);
    setChecked(null);
    if (file) void readPreview(file, next);
  }

  // A new job's card comes into view: below the mapping, it is easy to miss.
  const shownJob = job?.id;
  useEffect(() => {
    if (shownJob) resultCard.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [shownJob]);

  // Poll the job while it runs.
  useEffect(() => {
    if (!job || !running(job)) return;
    const timer = setTimeout(async () => {
      try {
        setJob(
          await unwrap(api.GET('/api/v1/staff/imports/{id}', { params: { path: { id: job.id } } })),
        );
      } catch (err) {
        setPollError(errorText(err, t));
        setJob((current) => (current ? { ...current } : current)); // poll again
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, t]);

  async function start(dryRun: boolean) {
    if (!file) return;
    clearError();
    setStarting(dryRun ? 'dry' : 'real');
    const created = await starter.run(() =>
      unwrap(
        api.POST('/api/v1/staff/imports', {
          params: {
            query: {
              kind,
              dryRun: dryRun ? 'true' : 'false',
              ...(chosenStore ? { defaultStoreId: chosenStore } : {}),
            },
          },
          body: uploadBody(file, mapping) as never,
        }),
      ),
    );
    setStarting(null);
    if (!created) return;
    setJob(created);
    setChecked(dryRun ? signature : null);
  }

  if (!allowed) return <Result status="403" title={t('imports.forbidden')} />;

  const fieldColumns: TableColumnsType<ImportPreview['fields'][number]> = [
    {
      title: t('imports.field'),
      key: 'field',
      width: 200,
      render: (_, f) => (
        <Space size={4}>
          <Typography.Text>{f.label}</Typography.Text>
          {f.required && <Typography.Text type="danger">*</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('imports.column'),
      key: 'column',
      width: 260,
      render: (_, f) => (
        <Select
          style={{ width: '100%' }}
          allowClear
          placeholder={t('imports.notImported')}
          value={mapping[f.field] ?? undefined}
          options={(preview?.headers ?? []).map((h) => ({ value: h, label: h }))}
          onChange={(value?: string) => {
            setMapping((m) => ({ ...m, [f.field]: value ?? null }));
          }}
          data-testid={`mapping-${f.field}`}
        />
      ),
    },
    {
      title: t('imports.sample'),
      key: 'sample',
      ellipsis: true,
      render: (_, f) => {
        const header = mapping[f.field];
        const index = header ? (preview?.headers.indexOf(header) ?? -1) : -1;
        const value = index >= 0 ? preview?.sample[0]?.[index] : undefined;
        return value ? <Typography.Text type="secondary">{value}</Typography.Text> : null;
      },
    },
  ];

  const missing = (preview?.required ?? []).filter(
    (group) => !group.some((field) => mapping[field]),
  );
  const labelOf = (field: string) => preview?.fields.find((f) => f.field === field)?.label ?? field;

  const errorColumns: TableColumnsType<ImportError> = [
    { title: t('imports.row'), dataIndex: 'row', key: 'row', width: 80 },
    { title: t('imports.errorColumn'), dataIndex: 'column', key: 'column', width: 160 },
    {
      title: t('imports.message'),
      key: 'message',
      render: (_, e) => (
        <Tooltip title={e.code}>
          <span>{e.message}</span>
        </Tooltip>
      ),
    },
  ];

  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const exportHref = (path: string) => `/api/v1/staff/exports/${path}?lang=${lang}`;

  return (
    <Flex vertical gap={16}>
      <Card title={t('imports.title')}>
        <Flex vertical gap={16}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('imports.intro')}
          </Typography.Paragraph>
          <Flex gap={16} wrap align="center">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={kind}
              onChange={(e) => chooseKind(e.target.value as Kind)}
              disabled={busy}
              options={KINDS.map((k) => ({ value: k, label: t(`imports.kind.${k}`) }))}
              data-testid="import-kind"
            />
            <input
              ref={fileInput}
              type="file"
              accept=".csv,.txt,text/csv"
              style={{ display: 'none' }}
              onChange={chooseFile}
              data-testid="import-file"
            />
            <Button
              icon={<UploadOutlined />}
              loading={reading}
              disabled={busy}
              onClick={() => fileInput.current?.click()}
            >
              {file ? t('imports.chooseAnother') : t('imports.chooseFile')}
            </Button>
            {file && (
              <Typography.Text data-testid="import-file-name">
                {file.name}{' '}
                <Typography.Text type="secondary">
                  ({(file.size / 1024).toFixed(file.size < 10240 ? 1 : 0)} KB)
                </Typography.Text>
              </Typography.Text>
            )}
          </Flex>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              closable
              onClose={clearError}
              data-testid="import-error"
            />
          )}
          {preview && (
            <>
              <Descriptions size="small" column={3}>
                <Descriptions.Item label={t('imports.encoding')}>
                  {t(`imports.encodings.${preview.encoding}`, { defaultValue: preview.encoding })}
                </Descriptions.Item>
                <Descriptions.Item label={t('imports.rows')}>{preview.totalRows}</Descriptions.Item>
                <Descriptions.Item label={t('imports.columns')}>
                  {preview.headers.length}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Text strong>{t('imports.mappingTitle')}</Typography.Text>
              <DataTable
                rowKey="field"
                size="small"
                columns={fieldColumns}
                dataSource={preview.fields}
                data-testid="import-mapping"
              />
              {asksStore && (
                <Flex vertical gap={8} data-testid="import-store-step">
                  <Typography.Text strong>{t('imports.storeTitle')}</Typography.Text>
                  <Typography.Text type="secondary">{t('imports.storeHint')}</Typography.Text>
                  <Select
                    style={{ maxWidth: 320 }}
                    placeholder={t('imports.storePlaceholder')}
                    value={storeId ?? undefined}
                    onChange={(value: string) => setStoreId(value)}
                    options={stores.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
                    data-testid="import-store"
                  />
                </Flex>
              )}
              {missing.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  title={t('imports.missing', {
                    fields: missing
                      .map((g) => g.map(labelOf).join(t('imports.or')))
                      .join(t('imports.and')),
                  })}
                />
              )}
              <Flex gap={8} wrap align="center">
                <Button
                  icon={<ExperimentOutlined />}
                  onClick={() => void start(true)}
                  loading={starting === 'dry'}
                  disabled={
                    missing.length > 0 ||
                    (asksStore && !storeId) ||
                    running(job) ||
                    starting !== null
                  }
                  data-testid="import-dry-run"
                >
                  {t('imports.dryRun')}
                </Button>
                <Button
                  type="primary"
                  icon={<CheckCircleOutlined />}
                  onClick={() => void start(false)}
                  loading={starting === 'real'}
                  disabled={checked !== signature || !finished || running(job) || starting !== null}
                  data-testid="import-run"
                >
                  {t('imports.run')}
                </Button>
                <Typography.Text type="secondary">
                  {checked === signature && finished
                    ? t('imports.runHint')
                    : t('imports.dryRunHint')}
                </Typography.Text>
              </Flex>
            </>
          )}
        </Flex>
      </Card>

      {job && (
        <Card
          ref={resultCard}
          title={job.dryRun ? t('imports.dryRunResult') : t('imports.runResult')}
          extra={<JobStatus job={job} />}
          data-testid="import-job"
        >
          <Flex vertical gap={16}>
            <Progress
              percent={
                job.totalRows
                  ? Math.floor((job.processedRows / job.totalRows) * 100)
                  : finished
                    ? 100
                    : 0
              }
              status={job.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
              format={() => `${job.processedRows} / ${job.totalRows}`}
              data-testid="import-progress"
            />
            {job.failure && <Alert type="error" showIcon title={job.failure} />}
            <StatCards
              col={{ span: 6 }}
              items={(
                [
                  ['insertedRows', job.dryRun ? 'wouldInsert' : 'inserted', undefined],
                  ['updatedRows', job.dryRun ? 'wouldUpdate' : 'updated', undefined],
                  ['unchangedRows', 'unchanged', undefined],
                  ['errorRows', 'errorRows', job.errorRows ? '#cf1322' : undefined],
                ] as const
              ).map(([key, label, color]) => ({
                key,
                title: t(`imports.counts.${label}`),
                value: job[key],
                valueStyle: color ? { color } : undefined,
                testId: `import-count-${key}`,
              }))}
            />
            {finished && job.errorRows > 0 && (
              <>
                <Flex justify="space-between" align="center">
                  <Typography.Text strong>
                    {t('imports.errorsTitle', { count: job.errorRows })}
                  </Typography.Text>
                  <Button
                    icon={<DownloadOutlined />}
                    href={`/api/v1/staff/imports/${job.id}/errors.csv`}
                    data-testid="import-errors-download"
                  >
                    {t('imports.downloadErrors')}
                  </Button>
                </Flex>
                <Table<ImportError>
                  rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
                  size="small"
                  columns={errorColumns}
                  dataSource={errors}
                  pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                  data-testid="import-errors"
                  onRow={() =>
                    ({ 'data-testid': 'import-error-row' }) as HTMLAttributes<HTMLElement>
                  }
                />
                {errors.length >= ERROR_PAGE && (
                  <Typography.Text type="secondary">
                    {t('imports.errorsTruncated', { count: ERROR_PAGE })}
                  </Typography.Text>
                )}
              </>
            )}
            {finished && job.status === 'completed' && job.errorRows === 0 && (
              <Alert
                type="success"
                showIcon
                title={job.dryRun ? t('imports.dryRunClean') : t('imports.runDone')}
              />
            )}
          </Flex>
        </Card>
      )}

      <Card title={t('imports.exportTitle')}>
        <Typography.Paragraph type="secondary">{t('imports.exportIntro')}</Typography.Paragraph>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={exportHref('customers.csv')}
            data-testid="export-customers"
          >
            {t('imports.export.customers')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={exportHref('vehicles.csv')}
            data-testid="export-vehicles"
          >
            {t('imports.export.vehicles')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={exportHref('service-orders.csv')}
            data-testid="export-service-orders"
          >
            {t('imports.export.service_orders')}
          </Button>
        </Space>
      </Card>

      {history.length > 0 && (
        <Card title={t('imports.historyTitle')}>
          <DataTable<ImportJob>
            size="small"
            dataSource={history}
            columns={[
              {
                title: t('imports.startedAt'),
                key: 'at',
                width: 160,
                render: (_, j) => formatDateTime(j.createdAt, staff.tenant.timezone),
              },
              {
                title: t('imports.kindLabel'),
                key: 'kind',
                width: 110,
                render: (_, j) => t(`imports.kind.${j.kind}`),
              },
              {
                title: t('imports.fileName'),
                key: 'file',
                ellipsis: true,
                render: (_, j) => (
                  <Space size={4}>
                    {j.dryRun && <Tag>{t('imports.dryRunTag')}</Tag>}
                    {j.fileName}
                  </Space>
                ),
              },
              {
                title: t('imports.summary'),
                key: 'summary',
                render: (_, j) =>
                  t('imports.summaryText', {
                    inserted: j.insertedRows,
                    updated: j.updatedRows,
                    unchanged: j.unchangedRows,
                    errors: j.errorRows,
                  }),
              },
              {
                title: t('imports.status'),
                key: 'status',
                width: 110,
                render: (_, j) => <JobStatus job={j} />,
              },
              {
                key: 'report',
                width: 60,
                render: (_, j) =>
                  j.errorRows > 0 ? (
                    <Tooltip title={t('imports.downloadErrors')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<DownloadOutlined />}
                        href={`/api/v1/staff/imports/${j.id}/errors.csv`}
                        aria-label={t('imports.downloadErrors')}
                      />
                    </Tooltip>
                  ) : null,
              },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}

function JobStatus({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const color =
    job.status === 'completed'
      ? 'success'
      : job.status === 'failed'
        ? 'error'
        : job.status === 'running'
          ? 'processing'
          : 'default';
  return (
    <Tag color={color} data-testid="import-status">
      {t(`imports.statuses.${job.status}`)}
    </Tag>
  );
}
