// 联盟商家门户: the only page a partner merchant's account sees. Type or scan a customer's coupon
// code, see whether it is valid here, redeem it with one tap (once only: the tap carries an
// Idempotency-Key kept for that check, so a retry replays instead of redeeming twice), the
// recent redemptions, the settlement statement with CSV, and issuing the partner's own coupons
// to a phone.
import { useCallback, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import {
  CheckCircleOutlined,
  GiftOutlined,
  ReloadOutlined,
  ScanOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap, useStaff } from '../../api.ts';
import { ErrorAlert, IconTitle, QrCodeInput, useLoad, useSubmit } from '../../kit/index.ts';
import { EMPTY, formatDateTime, formatFen } from '../../kit/format.ts';
import {
  StatementCard,
  StatementLines,
  tenantToday,
  type PortalCheck,
  type PortalRedemption,
  type PortalTemplate,
  type StatementLine,
} from './PartnerCommon.tsx';

function RedeemCard({ onRedeemed }: { onRedeemed(): void }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [value, setValue] = useState('');
  const checking = useSubmit();
  const redeeming = useSubmit();
  const [check, setCheck] = useState<{ code: string; result: PortalCheck } | null>(null);
  const [done, setDone] = useState<PortalRedemption['redemption'] | null>(null);
  // One key per checked coupon: a repeated tap or a network retry redeems at most once.
  const idempotencyKey = useRef<string | null>(null);

  async function lookUp(raw: string) {
    const code = raw.trim();
    if (!code) return;
    redeeming.setError(null);
    setDone(null);
    const result = await checking.run(() =>
      unwrap(api.GET('/api/v1/staff/portal/coupons/{code}', { params: { path: { code } } })),
    );
    if (!result) return setCheck(null);
    idempotencyKey.current = result.valid ? crypto.randomUUID() : null;
    setCheck({ code, result });
  }

  async function redeem() {
    if (!check?.result.valid) return;
    const key = (idempotencyKey.current ??= crypto.randomUUID());
    checking.setError(null);
    const res = await redeeming.run(async () => {
      try {
        return await unwrap(
          api.POST('/api/v1/staff/portal/coupons/{code}/redeem', {
            params: { path: { code: check.code } },
            headers: { 'Idempotency-Key': key },
          }),
        );
      } catch (err) {
        // Someone else may have redeemed it meanwhile: show the coupon as it is now.
        if (err instanceof ApiError && err.status < 500 && err.code !== 'NETWORK_ERROR')
          await lookUp(check.code);
        throw err;
      }
    });
    if (!res) return;
    setDone(res.redemption);
    setCheck(null);
    setValue('');
    idempotencyKey.current = null;
    onRedeemed();
  }

  const result = check?.result;
  const coupon = result?.coupon ?? null;
  return (
    <Card
      title={<IconTitle icon={<ScanOutlined />}>{t('partners.portal.redeemTitle')}</IconTitle>}
      data-testid="portal-redeem-card"
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('partners.portal.redeemHint')}
        </Typography.Paragraph>
        <QrCodeInput
          value={value}
          onChange={setValue}
          onSubmit={(v) => void lookUp(v)}
          loading={checking.busy}
          placeholder={t('partners.portal.codePlaceholder')}
          aria-label={t('partners.portal.codePlaceholder')}
          enterButton={t('partners.portal.check')}
          labels={{
            camera: t('partners.portal.camera'),
            stopCamera: t('partners.portal.stopCamera'),
          }}
          onNoCamera={() => checking.setError(t('partners.portal.noCamera'))}
          onCameraStart={() => checking.setError(null)}
          testId="portal-code-input"
          cameraTestId="portal-camera"
        />
        {result && (
          <div data-testid="portal-check-result" data-valid={String(result.valid)}>
            {result.valid ? (
              <Alert
                type="success"
                showIcon
                title={t('partners.portal.valid')}
                data-testid="portal-valid"
              />
            ) : (
              <Alert
                type="error"
                showIcon
                title={
                  result.reason
                    ? t(`partners.portal.reason.${result.reason}`, {
                        defaultValue: result.message ?? result.reason,
                      })
                    : t('partners.portal.invalid')
                }
                description={result.reason ? t('partners.portal.invalidHint') : undefined}
                data-testid="portal-invalid"
                data-reason={result.reason ?? ''}
              />
            )}
            {coupon && (
              <Descriptions
                style={{ marginTop: 12 }}
                size="small"
                bordered
                column={1}
                items={[
                  {
                    key: 'code',
                    label: t('partners.statement.code'),
                    children: <Typography.Text code>{coupon.code}</Typography.Text>,
                  },
                  {
                    key: 'template',
                    label: t('partners.statement.template'),
                    children: <span data-testid="portal-coupon-name">{coupon.templateName}</span>,
                  },
                  {
                    key: 'value',
                    label: t('partners.portal.value'),
                    children: coupon.valueText || EMPTY,
                  },
                  {
                    key: 'validUntil',
                    label: t('partners.portal.validUntil'),
                    children: coupon.validUntil
                      ? formatDateTime(coupon.validUntil, staff.tenant.timezone)
                      : t('partners.portal.noExpiry'),
                  },
                  {
                    key: 'customer',
                    label: t('partners.statement.customer'),
                    children: coupon.customerName,
                  },
                  {
                    key: 'status',
                    label: t('partners.portal.couponStatus'),
                    children: <Tag>{t(`partners.portal.couponStatuses.${coupon.status}`)}</Tag>,
                  },
                ]}
              />
            )}
            {result.valid && (
              <Button
                type="primary"
                size="large"
                block
                icon={<CheckCircleOutlined />}
                style={{ marginTop: 12 }}
                loading={redeeming.busy}
                onClick={() => void redeem()}
                data-testid="portal-redeem"
              >
                {t('partners.portal.redeem')}
              </Button>
            )}
          </div>
        )}
        {done && (
          <Result
            status="success"
            title={t('partners.portal.redeemed')}
            subTitle={t('partners.portal.redeemedDetail', {
              code: done.code,
              name: done.templateName,
              at: formatDateTime(done.redeemedAt, staff.tenant.timezone),
              fen: formatFen(done.settlementFen),
            })}
            data-testid="portal-redeemed"
          />
        )}
        <ErrorAlert error={checking.error ?? redeeming.error} data-testid="portal-error" />
      </Flex>
    </Card>
  );
}

function RecentRedemptions({ reloadKey }: { reloadKey: number }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const timeZone = staff.tenant.timezone;

  const { data, loading, error, reload } = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/portal/redemptions', {
          params: {
            query: {
              from: tenantToday(timeZone).subtract(30, 'day').format('YYYY-MM-DD'),
              to: tenantToday(timeZone).format('YYYY-MM-DD'),
            },
          },
        }),
      ),
    [timeZone, reloadKey],
  );
  const items: StatementLine[] = data?.items ?? [];

  return (
    <Card
      title={t('partners.portal.recent')}
      data-testid="portal-redemptions"
      extra={
        <Button
          icon={<ReloadOutlined />}
          loading={loading}
          onClick={() => void reload()}
          aria-label={t('common.refresh')}
        />
      }
    >
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      <StatementLines
        lines={items}
        timeZone={timeZone}
        loading={loading}
        testId="portal-redemption-row"
        perspective="partner"
      />
    </Card>
  );
}

function IssueCard({ templates }: { templates: PortalTemplate[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ templateId: string; phone: string }>();
  const submit = useSubmit(form, ['templateId', 'phone']);
  const [issued, setIssued] = useState<{ code: string; customerName: string } | null>(null);

  async function issue() {
    setIssued(null);
    const res = await submit.run((v) =>
      unwrap(
        api.POST('/api/v1/staff/portal/issue', {
          body: { templateId: v.templateId, phone: v.phone.trim() },
        }),
      ),
    );
    if (!res) return;
    setIssued(res);
    form.setFieldValue('phone', '');
  }

  return (
    <Card
      title={<IconTitle icon={<GiftOutlined />}>{t('partners.portal.issueTitle')}</IconTitle>}
      data-testid="portal-issue"
    >
      {templates.length === 0 ? (
        <Empty description={t('partners.portal.noTemplates')} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ templateId: templates[0]?.id }}
        >
          <Form.Item
            name="templateId"
            label={t('partners.portal.template')}
            rules={[{ required: true, message: t('partners.form.required') }]}
          >
            <Select
              data-testid="portal-issue-template"
              options={templates.map((tp) => ({
                value: tp.id,
                label: tp.valueText ? `${tp.name} · ${tp.valueText}` : tp.name,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('partners.portal.phone')}
            rules={[{ required: true, message: t('partners.form.required') }]}
          >
            <Input inputMode="tel" maxLength={20} data-testid="portal-issue-phone" />
          </Form.Item>
          <Button
            type="primary"
            loading={submit.busy}
            onClick={() => void issue()}
            data-testid="portal-issue-submit"
          >
            {t('partners.portal.issue')}
          </Button>
        </Form>
      )}
      {issued && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="portal-issued"
          title={t('partners.portal.issued', { name: issued.customerName })}
          description={
            <Typography.Text code copyable data-testid="portal-issued-code">
              {issued.code}
            </Typography.Text>
          }
        />
      )}
      <ErrorAlert error={submit.error} style={{ marginTop: 12 }} />
    </Card>
  );
}

export default function PartnerPortalPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const partner = staff.role === 'partner';
  const loadedMe = useLoad(() => unwrap(api.GET('/api/v1/staff/portal/me')), [], {
    enabled: partner,
  });
  const me = loadedMe.data;
  // Only the partner's own coupons redeemed at the business can be issued from here.
  const templates =
    useLoad(
      async () =>
        (await unwrap(api.GET('/api/v1/staff/portal/templates'))).items.filter(
          (tp) => tp.direction === 'redeem_at_business' && tp.status === 'active',
        ),
      [],
      { enabled: partner },
    ).data ?? [];
  const [reloadKey, setReloadKey] = useState(0);

  const fetchStatement = useCallback(
    (query: { from: string; to: string }) =>
      unwrap(api.GET('/api/v1/staff/portal/statement', { params: { query } })),
    [],
  );

  if (!partner) return <Result status="403" title={t('partners.portal.onlyPartners')} />;

  return (
    <Flex vertical gap={16} data-testid="partner-portal">
      <Flex align="center" gap={12} wrap>
        <ShopOutlined style={{ fontSize: 22 }} />
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="portal-partner-name">
          {me?.partner.name ?? t('partners.portal.title')}
        </Typography.Title>
        {me && <Tag color="geekblue">{t(`partners.kind.${me.partner.kind}`)}</Tag>}
        {me && (
          <Typography.Text type="secondary">
            {t('partners.portal.signedInAs', { name: me.account.name })}
          </Typography.Text>
        )}
      </Flex>
      <ErrorAlert error={loadedMe.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <RedeemCard onRedeemed={() => setReloadKey((k) => k + 1)} />
        </Col>
        <Col xs={24} xl={10}>
          <IssueCard templates={templates} />
        </Col>
      </Row>
      <RecentRedemptions reloadKey={reloadKey} />
      <StatementCard
        fetch={fetchStatement}
        csvHref={(q) => `/api/v1/staff/portal/statement.csv?${new URLSearchParams(q).toString()}`}
        timeZone={staff.tenant.timezone}
        reloadKey={reloadKey}
        perspective="partner"
      />
    </Flex>
  );
}
