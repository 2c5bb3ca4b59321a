// 券模板: the list of coupon templates, creating and editing one, and issuing it to one
// customer or to many at once (pasted phones or customer ids).
import { useState } from 'react';
import { App, Flex, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, GiftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { RowActions, TableCard, useLoad } from '../../kit/index.ts';
import { EMPTY, formatDay } from '../../kit/format.ts';
import { canIssueCoupons, canManageCoupons, type CouponTemplate } from './CouponCommon.tsx';
import { IssueModal } from './IssueCouponModal.tsx';
import { CouponTemplateModal } from './CouponTemplateModal.tsx';

export function formatValidity(
  t: TFunction,
  tp: Pick<CouponTemplate, 'validDays' | 'validFrom' | 'validUntil'>,
  timeZone: string,
): string {
  if (tp.validDays) return t('coupons.validDays', { count: tp.validDays });
  if (!tp.validFrom && !tp.validUntil) return t('coupons.noExpiry');
  return `${tp.validFrom ? formatDay(tp.validFrom, timeZone) : EMPTY} ~ ${
    tp.validUntil
      ? formatDay(new Date(new Date(tp.validUntil).getTime() - 1).toISOString(), timeZone)
      : EMPTY
  }`;
}

export default function CouponTemplatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const [editing, setEditing] = useState<CouponTemplate | null | 'new'>(null);
  const [issuing, setIssuing] = useState<CouponTemplate | null>(null);

  const { data, loading, error, reload } = useLoad(
    () => unwrap(api.GET('/api/v1/staff/coupon-templates', { params: { query: { limit: 200 } } })),
    [],
  );
  const items: CouponTemplate[] = data?.items ?? [];

  const manage = canManageCoupons(staff);
  const columns: TableColumnsType<CouponTemplate> = [
    {
      title: t('coupons.form.name'),
      dataIndex: 'name',
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.name}</Typography.Text>
          {r.description && <Typography.Text type="secondary">{r.description}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: t('coupons.form.kind'),
      dataIndex: 'kind',
      render: (_, r) => <Tag color="gold">{t(`coupons.kind.${r.kind}`)}</Tag>,
    },
    { title: t('coupons.terms'), dataIndex: 'terms' },
    {
      title: t('coupons.form.validity'),
      render: (_, r) => formatValidity(t, r, staff.tenant.timezone),
    },
    {
      title: t('coupons.scope'),
      render: (_, r) =>
        [
          r.storeIds.length
            ? r.storeIds
                .map((id) => staff.stores.find((s) => s.id === id)?.name ?? id.slice(0, 8))
                .join('、')
            : t('coupons.form.allStores'),
          r.categories.length
            ? r.categories.map((c) => t(`serviceOrders.category.${c}`)).join('、')
            : null,
        ]
          .filter(Boolean)
          .join(' · '),
    },
    {
      title: t('coupons.issuedOfBudget'),
      render: (_, r) => (
        <span data-testid="template-issued">
          {r.issuedCount}
          {r.budget != null ? ` / ${r.budget}` : ''}
          <Typography.Text type="secondary">
            {' '}
            · {t('coupons.redeemedCount', { count: r.redeemedCount })}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('coupons.form.status'),
      render: (_, r) => (
        <Tag color={r.status === 'active' ? 'green' : 'default'}>
          {t(`coupons.templateStatus.${r.status}`)}
        </Tag>
      ),
    },
    {
      title: '',
      align: 'right',
      render: (_, r) => (
        <RowActions
          actions={[
            {
              label: t('coupons.issue.action'),
              icon: <GiftOutlined />,
              onClick: () => setIssuing(r),
              hidden: !canIssueCoupons(staff) || r.status !== 'active',
              testId: 'template-issue',
            },
            {
              label: t('coupons.form.edit'),
              icon: <EditOutlined />,
              onClick: () => setEditing(r),
              hidden: !manage,
            },
          ]}
        />
      ),
    },
  ];

  return (
    <TableCard<CouponTemplate>
      title={t('coupons.title')}
      add={
        manage
          ? {
              label: t('coupons.form.createTitle'),
              onClick: () => setEditing('new'),
              testId: 'template-create',
            }
          : undefined
      }
      error={error}
      loading={loading}
      columns={columns}
      dataSource={items}
      onRow={(r) => ({ 'data-testid': 'template-row', 'data-name': r.name }) as object}
    >
      <CouponTemplateModal
        template={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('coupons.form.saved'));
          void reload();
        }}
      />
      <IssueModal
        template={issuing}
        open={issuing !== null}
        onClose={() => setIssuing(null)}
        onIssued={() => void reload()}
      />
    </TableCard>
  );
}
