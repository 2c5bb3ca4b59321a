// A customer's ledger lines of one view (stored value, points, packages, all), newest first,
// each with the account's running balance, read a page at a time.
import { Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { DataTable, ErrorAlert, LoadMore, usePagedLoad } from '../../kit/index.ts';
import { EMPTY, formatDateTime } from '../../kit/format.ts';
import {
  accountLabel,
  formatAmount,
  memoText,
  type LedgerLine,
  type LedgerView,
} from './LoyaltyCommon.tsx';

export function LedgerTable({
  customerId,
  view,
  packages,
  timeZone,
  version,
}: {
  customerId: string;
  view: LedgerView;
  packages: readonly { id: string; name: string }[];
  timeZone: string;
  /** Goes up after a change elsewhere on the panel: the ledger is read again. */
  version: number;
}) {
  const { t } = useTranslation();
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/customers/{customerId}/ledger', {
          params: {
            path: { customerId },
            query: { view, limit: 20, ...(cursor ? { cursor } : {}) },
          },
        }),
      ),
    [customerId, view, version],
  );

  const columns: TableColumnsType<LedgerLine> = [
    {
      title: t('loyalty.ledger.time'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v, timeZone),
    },
    {
      title: t('loyalty.ledger.account'),
      dataIndex: 'account',
      render: (a: string) => accountLabel(a, t, packages),
    },
    {
      title: t('loyalty.ledger.kind'),
      dataIndex: 'kind',
      render: (k: string, l) => (
        <Tag color={l.reversesTransferId ? 'orange' : undefined} variant="filled">
          {t(`loyalty.kind.${k}`, { defaultValue: k })}
        </Tag>
      ),
    },
    {
      title: t('loyalty.ledger.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (v: number, l) => (
        <Typography.Text type={v < 0 ? 'danger' : 'success'} data-testid="ledger-amount">
          {formatAmount(l.account, v, true)}
        </Typography.Text>
      ),
    },
    {
      title: t('loyalty.ledger.balance'),
      dataIndex: 'balanceAfter',
      align: 'right',
      render: (v: number, l) => (
        <span data-testid="ledger-balance">{formatAmount(l.account, v)}</span>
      ),
    },
    {
      title: t('loyalty.ledger.memo'),
      render: (_, l) =>
        (l.memo ? memoText(l.memo, t) : null) ??
        (l.referenceType
          ? t(`loyalty.reference.${l.referenceType}`, { defaultValue: l.referenceType })
          : EMPTY),
    },
  ];

  return (
    <>
      <ErrorAlert error={list.error} style={{ marginBottom: 8 }} />
      <DataTable<LedgerLine>
        size="small"
        columns={columns}
        dataSource={list.items}
        loading={list.loading && list.items.length === 0}
        locale={{ emptyText: t('loyalty.ledger.empty') }}
        data-testid="ledger-table"
      />
      <LoadMore
        list={list}
        label={t('loyalty.ledger.more')}
        testId="ledger-more"
        style={{ marginTop: 8 }}
      />
    </>
  );
}
