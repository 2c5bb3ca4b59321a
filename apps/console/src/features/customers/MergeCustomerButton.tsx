import { useState } from 'react';
import { Alert, App, Button, Descriptions, Flex, Result, Typography } from 'antd';
import { MergeCellsOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FormModal, useStateFor } from '../../kit/index.ts';
import { formatPhone } from '../../kit/format.ts';
import type { MergeResult } from './profile.ts';
import type { Customer, CustomerSummary } from '../../types.ts';
import CustomerPicker, { CustomerLine } from './CustomerPicker.tsx';

/** Who may merge two customers (the server allows owners and managers only). */
export function canMergeCustomers(role: string): boolean {
  return role === 'owner' || role === 'manager';
}

/** What moved, as "车辆 2 · 工单 5 · …" (unknown tables keep their own name). */
function MovedList({ moved }: { moved: MergeResult['moved'] }) {
  const { t } = useTranslation();
  const entries = Object.entries(moved).filter(([, n]) => n > 0);
  if (entries.length === 0) return <>{t('profile.merge.nothingMoved')}</>;
  return (
    <Flex vertical gap={4} data-testid="merge-moved">
      {entries.map(([table, n]) => (
        <span key={table}>
          {t(`profile.merge.table.${table}`, { defaultValue: table })}：{n}
        </span>
      ))}
    </Flex>
  );
}

/**
 * 合并重复客户: pick the duplicate with the one-box search, read what will move, confirm.
 * The customer shown on the page survives; the duplicate is hidden as merged.
 */
export default function MergeCustomerButton({
  customer,
  onMerged,
}: {
  customer: Customer;
  onMerged(survivor: Customer): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const [open, setOpen] = useState(false);
  const [duplicate, setDuplicate] = useStateFor<CustomerSummary | null>(open, null);
  const [result, setResult] = useStateFor<MergeResult | null>(open, null);

  if (!canMergeCustomers(staff.role)) return null;

  const name = customer.name ?? t('customer.unnamed');
  const dupName = duplicate?.name ?? t('customer.unnamed');
  const close = () => setOpen(false);
  const merge = () =>
    unwrap(
      api.POST('/api/v1/staff/customers/{customerId}/merge', {
        params: { path: { customerId: customer.id } },
        body: { duplicateId: duplicate!.id },
      }),
    );

  const plates = duplicate?.vehicles.map((v) => v.plate ?? t('vehicle.noPlate')).join('、') ?? '';

  return (
    <>
      <Button icon={<MergeCellsOutlined />} onClick={() => setOpen(true)} data-testid="merge-open">
        {t('profile.merge.open')}
      </Button>
      <FormModal
        open={open}
        title={t('profile.merge.title')}
        onSubmit={merge}
        onDone={(merged) => {
          setResult(merged);
          onMerged(merged.customer);
          message.success(t('profile.merge.done'));
        }}
        onClose={close}
        width={680}
        okText={t('profile.merge.confirm')}
        okTestId={result ? 'merge-close' : 'merge-confirm'}
        okDisabled={!duplicate}
        danger
        done={result && { okText: t('profile.merge.close'), onOk: close, hideCancel: true }}
      >
        {result ? (
          <Result
            status="success"
            title={t('profile.merge.resultTitle', { duplicate: dupName, survivor: name })}
            subTitle={<MovedList moved={result.moved} />}
            data-testid="merge-result"
          />
        ) : (
          <Flex vertical gap={16} style={{ marginTop: 12 }}>
            <Typography.Text>
              {t('profile.merge.intro', { name, phone: formatPhone(customer.phone) })}
            </Typography.Text>
            <CustomerPicker
              value={duplicate}
              onChange={setDuplicate}
              excludeIds={[customer.id]}
              testId="merge-search"
            />
            {duplicate && (
              <>
                <Descriptions
                  size="small"
                  bordered
                  column={1}
                  items={[
                    {
                      key: 'keep',
                      label: t('profile.merge.keep'),
                      children: (
                        <Typography.Text strong>
                          {name} · {formatPhone(customer.phone)} · {customer.memberNo}
                        </Typography.Text>
                      ),
                    },
                    {
                      key: 'merge',
                      label: t('profile.merge.mergeIn'),
                      children: <CustomerLine customer={duplicate} />,
                    },
                  ]}
                />
                <Alert
                  type="warning"
                  showIcon
                  icon={<WarningOutlined />}
                  data-testid="merge-warning"
                  title={t('profile.merge.warningTitle', { duplicate: dupName, survivor: name })}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      <li>
                        {duplicate.vehicles.length > 0
                          ? t('profile.merge.movesVehicles', {
                              count: duplicate.vehicles.length,
                              plates,
                            })
                          : t('profile.merge.noVehicles')}
                      </li>
                      <li>{t('profile.merge.movesRecords')}</li>
                      <li>{t('profile.merge.fillsFields')}</li>
                      <li>
                        <Typography.Text strong>{t('profile.merge.irreversible')}</Typography.Text>
                      </li>
                    </ul>
                  }
                />
              </>
            )}
          </Flex>
        )}
      </FormModal>
    </>
  );
}
