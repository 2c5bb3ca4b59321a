// A customer's points, stored value, service packages and tier on the customer page, with the
// ledger history (running balance per account), manual adjustment, top-up at the counter,
// stored-value refund and selling / using service packages.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { App, Button, Card, Flex, Segmented, Tabs } from 'antd';
import {
  DollarOutlined,
  EditOutlined,
  RollbackOutlined,
  ShoppingOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { ErrorAlert, useLoad } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import type { CustomerSummary } from '../../types.ts';
import { canManageLoyalty, canServeLoyalty, type LedgerView } from './LoyaltyCommon.tsx';
import { AdjustModal } from './AdjustModal.tsx';
import { CustomerPackagesTable } from './CustomerPackagesTable.tsx';
import { LedgerTable } from './LedgerTable.tsx';
import { LoyaltySummaryStats } from './LoyaltySummaryStats.tsx';
import { RefundModal } from './RefundModal.tsx';
import { SellPackageModal } from './SellPackageModal.tsx';
import { TopUpModal } from './TopUpModal.tsx';

type Dialog = 'topUp' | 'adjust' | 'refund' | 'sell';

const LEDGER_VIEWS = ['stored_value', 'points', 'packages', 'all'] as const;

export default function LoyaltyCustomerPanel({ customer }: { customer: CustomerSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const timeZone = staff.tenant.timezone;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [view, setView] = useState<LedgerView>('stored_value');
  const [version, setVersion] = useState(0);
  const customerId = customer.id;
  const path = { params: { path: { customerId } } };
  const loaded = useLoad(
    () =>
      Promise.all([
        unwrap(api.GET('/api/v1/staff/customers/{customerId}/loyalty', path)),
        unwrap(api.GET('/api/v1/staff/customers/{customerId}/packages', path)),
      ]),
    [customerId],
  );
  const summary = loaded.data?.[0];
  const packages = loaded.data?.[1].items ?? [];

  function changed(text?: string) {
    setDialog(null);
    if (text) message.success(text);
    setVersion((v) => v + 1);
    void loaded.reload();
  }

  const manage = canManageLoyalty(staff);
  const serve = canServeLoyalty(staff);
  const sv = summary?.storedValue;
  const button = (key: Dialog, icon: ReactNode, extra: object = {}) => (
    <Button
      icon={icon}
      onClick={() => setDialog(key)}
      data-testid={`loyalty-${key.toLowerCase()}`}
      {...extra}
    >
      {t(`loyalty.${key}.button`)}
    </Button>
  );
  const modal = (key: Dialog) => ({
    open: dialog === key,
    customerId,
    onClose: () => setDialog(null),
  });

  return (
    <Card
      title={t('loyalty.panel.title')}
      data-testid="customer-loyalty"
      extra={
        <Flex gap={8} wrap>
          {serve && button('topUp', <DollarOutlined />, { type: 'primary' })}
          {serve && button('sell', <ShoppingOutlined />)}
          {manage && button('adjust', <EditOutlined />)}
          {manage &&
            button('refund', <RollbackOutlined />, {
              danger: true,
              disabled: !sv || sv.balanceFen <= 0,
            })}
        </Flex>
      }
    >
      <ErrorAlert error={loaded.error} style={{ marginBottom: 12 }} />
      <LoyaltySummaryStats summary={summary} timeZone={timeZone} />
      <Tabs
        items={[
          {
            key: 'ledger',
            label: t('loyalty.ledger.title'),
            children: (
              <>
                <Segmented<LedgerView>
                  value={view}
                  onChange={setView}
                  style={{ marginBottom: 8 }}
                  options={LEDGER_VIEWS.map((v) => ({
                    value: v,
                    label: t(`loyalty.ledger.views.${v}`),
                  }))}
                  data-testid="ledger-view"
                />
                <LedgerTable
                  customerId={customerId}
                  view={view}
                  packages={packages}
                  timeZone={timeZone}
                  version={version}
                />
              </>
            ),
          },
          {
            key: 'packages',
            label: t('loyalty.packages.title', {
              count: packages.filter((p) => p.status === 'active').length,
            }),
            children: (
              <CustomerPackagesTable
                packages={packages}
                timeZone={timeZone}
                onUsed={() => changed()}
              />
            ),
          },
        ]}
      />
      <TopUpModal
        {...modal('topUp')}
        onDone={(w) => changed(t('loyalty.topUp.done', { balance: formatFen(w.balanceFen) }))}
      />
      <AdjustModal {...modal('adjust')} onDone={() => changed(t('loyalty.adjust.done'))} />
      <RefundModal
        {...modal('refund')}
        summary={summary ?? null}
        onDone={() => changed(t('loyalty.refund.done'))}
      />
      <SellPackageModal {...modal('sell')} onDone={() => changed(t('loyalty.sell.done'))} />
    </Card>
  );
}
