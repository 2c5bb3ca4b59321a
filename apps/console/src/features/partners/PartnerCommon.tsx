// Shapes and pieces shared by the partner alliance screens (异业联盟) and the partner portal:
// types from the generated OpenAPI document, the partner kinds, and the settlement statement
// for a period (totals, lines, CSV) that both the business and the partner see.
import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Button, Card, DatePicker, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';
import { StatCards } from '../../kit/StatCards.tsx';
import { useLoad } from '../../kit/useLoad.ts';
import { EMPTY, formatDateTime, formatFen, todayIn } from '../../kit/format.ts';

export type Partner = Json<paths['/api/v1/staff/partners/{partnerId}']['get']>;
export type PartnerInput = Body<paths['/api/v1/staff/partners']['post']>;
export type PartnerKind = Partner['kind'];
export type PartnerAccount = Partner['accounts'][number];
export type Statement = Json<paths['/api/v1/staff/partners/{partnerId}/statement']['get']>;
export type StatementLine = Statement['lines'][number];
export type PortalMe = Json<paths['/api/v1/staff/portal/me']['get']>;
export type PortalCheck = Json<paths['/api/v1/staff/portal/coupons/{code}']['get']>;
export type PortalRedemption = Json<paths['/api/v1/staff/portal/coupons/{code}/redeem']['post']>;
export type PortalTemplate = Json<paths['/api/v1/staff/portal/templates']['get']>['items'][number];

export const PARTNER_KINDS = [
  'car_wash',
  'insurer',
  'tyre_shop',
  'cafe',
  'other',
] as const satisfies readonly PartnerKind[];

/** Owners and managers run the alliance. */
export const canManagePartners = (staff: StaffMe) =>
  staff.role === 'owner' || staff.role === 'manager';

export function PartnerStatusTag({ status }: { status: Partner['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`partners.status.${status}`)}
    </Tag>
  );
}

/** Whose side the words take: the business's console or the partner's portal ("我店"). */
export type Perspective = 'business' | 'partner';
const VIEW: Record<Perspective, string> = {
  business: 'partners.businessView',
  partner: 'partners.partnerView',
};

export type Period = [Dayjs, Dayjs];
/** Today in the tenant's timezone (the server counts days there), as a dayjs date. */
export const tenantToday = (timeZone: string): Dayjs => dayjs(todayIn(timeZone));
export const thisMonth = (timeZone: string): Period => {
  const today = tenantToday(timeZone);
  return [today.startOf('month'), today.endOf('month')];
};
export const periodQuery = (p: Period) => ({
  from: p[0].format('YYYY-MM-DD'),
  to: p[1].format('YYYY-MM-DD'),
});

/** The lines of a statement or of the portal's redemption list. */
export function StatementLines({
  lines,
  timeZone,
  loading,
  testId,
  perspective = 'business',
}: {
  lines: StatementLine[];
  timeZone: string;
  loading?: boolean;
  testId?: string;
  perspective?: Perspective;
}) {
  const { t } = useTranslation();
  const view = VIEW[perspective];
  const columns: TableColumnsType<StatementLine> = [
    {
      title: t('partners.statement.redeemedAt'),
      dataIndex: 'redeemedAt',
      render: (v: string) => formatDateTime(v, timeZone),
    },
    {
      title: t('partners.statement.code'),
      dataIndex: 'code',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('partners.statement.template'), dataIndex: 'templateName' },
    {
      title: t('partners.statement.direction'),
      dataIndex: 'direction',
      render: (d: StatementLine['direction']) => (
        <Tag color={d === 'redeem_at_partner' ? 'purple' : 'blue'}>
          {t(`${view}.direction.${d}`)}
        </Tag>
      ),
    },
    { title: t('partners.statement.customer'), dataIndex: 'customerName' },
    {
      title: t('partners.statement.store'),
      dataIndex: 'storeName',
      render: (v: string | null) => v ?? EMPTY,
    },
    {
      title: t('partners.statement.settlement'),
      dataIndex: 'settlementFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
  ];
  return (
    <Table<StatementLine>
      size="small"
      rowKey="couponId"
      loading={loading}
      columns={columns}
      dataSource={lines}
      pagination={lines.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 800 }}
      locale={{ emptyText: t('partners.statement.empty') }}
      onRow={(r) => ({ 'data-testid': testId ?? 'statement-line', 'data-code': r.code }) as object}
    />
  );
}

/**
 * A settlement statement for a chosen period: what each side owes, the net, every redemption
 * line and a CSV of the same figures from the server. `fetch` reads it for a period; `csvHref`
 * gives the CSV address for the same period; `reloadKey` reloads it from outside (after a
 * redemption in the portal).
 */
export function StatementCard({
  fetch,
  csvHref,
  timeZone,
  reloadKey,
  perspective = 'business',
}: {
  fetch(query: { from: string; to: string }): Promise<Statement>;
  csvHref(query: { from: string; to: string }): string;
  timeZone: string;
  reloadKey?: number;
  perspective?: Perspective;
}) {
  const { t } = useTranslation();
  const view = VIEW[perspective];
  const [period, setPeriod] = useState<Period>(() => thisMonth(timeZone));
  const query = periodQuery(period);
  const { from, to } = query;
  const {
    data,
    loading,
    error,
    reload: load,
  } = useLoad(() => fetch({ from, to }), [fetch, from, to, reloadKey]);

  const totals = data?.totals;
  const net = totals?.netFen ?? 0;
  return (
    <Card
      title={t('partners.statement.title')}
      data-testid="statement"
      extra={
        <Flex gap={8} wrap>
          <DatePicker.RangePicker
            allowClear={false}
            value={period}
            onChange={(v) => {
              if (v?.[0] && v[1]) setPeriod([v[0], v[1]]);
            }}
            data-testid="statement-period"
          />
          <Button
            icon={<ReloadOutlined />}
            loading={loading}
            onClick={() => void load()}
            aria-label={t('common.refresh')}
          />
          <Button icon={<DownloadOutlined />} href={csvHref(query)} data-testid="statement-csv">
            {t('partners.statement.csv')}
          </Button>
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <StatCards
        style={{ marginBottom: 16 }}
        items={[
          {
            title: t(`${view}.atPartner`),
            value: totals?.redemptionsAtPartner ?? 0,
            valueTestId: 'statement-at-partner',
          },
          {
            title: t(`${view}.atBusiness`),
            value: totals?.redemptionsAtBusiness ?? 0,
            valueTestId: 'statement-at-business',
          },
          {
            title: t(`${view}.businessOwes`),
            value: formatFen(totals?.businessOwesPartnerFen ?? 0),
          },
          {
            title: t(`${view}.partnerOwes`),
            value: formatFen(totals?.partnerOwesBusinessFen ?? 0),
          },
          {
            title: t('partners.statement.net'),
            value: formatFen(Math.abs(net)),
            valueTestId: 'statement-net',
            suffix: (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {net > 0
                  ? t(`${view}.netBusinessPays`)
                  : net < 0
                    ? t(`${view}.netPartnerPays`)
                    : t('partners.statement.netEven')}
              </Typography.Text>
            ),
          },
        ]}
      />
      <StatementLines
        lines={data?.lines ?? []}
        timeZone={timeZone}
        loading={loading}
        perspective={perspective}
      />
    </Card>
  );
}
