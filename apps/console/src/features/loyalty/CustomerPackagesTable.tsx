// A customer's service packages (计次卡): uses left, status, dates, and using one visit.
import { Button, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { DataTable, useAction } from '../../kit/index.ts';
import { formatDay } from '../../kit/format.ts';
import type { CustomerPackage } from './LoyaltyCommon.tsx';

export function CustomerPackagesTable({
  packages,
  timeZone,
  onUsed,
}: {
  packages: CustomerPackage[];
  timeZone: string;
  onUsed(): void;
}) {
  const { t } = useTranslation();
  const action = useAction();

  async function use(pkg: CustomerPackage) {
    const used = await action.run(
      pkg.id,
      () =>
        unwrap(
          api.POST('/api/v1/staff/customer-packages/{packageId}/use', {
            params: { path: { packageId: pkg.id } },
            body: {},
          }),
        ),
      t('loyalty.packages.used', { name: pkg.name }),
    );
    if (used !== undefined) onUsed();
  }

  const day = (v: string) => formatDay(v, timeZone);
  const columns: TableColumnsType<CustomerPackage> = [
    { title: t('loyalty.packages.name'), dataIndex: 'name' },
    {
      title: t('loyalty.packages.remaining'),
      render: (_, p) => (
        <span data-testid="package-remaining">
          {p.remaining} / {p.total}
        </span>
      ),
    },
    {
      title: t('loyalty.packages.status'),
      dataIndex: 'status',
      render: (s: string) => (
        <Tag color={s === 'active' ? 'green' : undefined} variant="filled">
          {t(`loyalty.packages.statuses.${s}`)}
        </Tag>
      ),
    },
    { title: t('loyalty.packages.soldAt'), dataIndex: 'soldAt', render: day },
    { title: t('loyalty.packages.expiresAt'), dataIndex: 'expiresAt', render: day },
    {
      title: '',
      align: 'right',
      render: (_, p) =>
        p.status === 'active' &&
        p.remaining > 0 && (
          <Button
            size="small"
            loading={action.busy === p.id}
            onClick={() => void use(p)}
            data-testid="package-use"
          >
            {t('loyalty.packages.use')}
          </Button>
        ),
    },
  ];

  return (
    <DataTable<CustomerPackage>
      size="small"
      columns={columns}
      dataSource={packages}
      locale={{ emptyText: t('loyalty.packages.none') }}
    />
  );
}
