// Shared types and helpers of the console's loyalty screens (customer panel, settings,
// liability report), typed from the generated API client.
import { Radio } from 'antd';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../kit/index.ts';
import type { paths } from '@liuke/api-client';
import type { TFunction } from 'i18next';
import type { Json, StaffMe } from '../../types.ts';

export type LoyaltySummary = Json<paths['/api/v1/staff/customers/{customerId}/loyalty']['get']>;
export type LedgerLine = Json<
  paths['/api/v1/staff/customers/{customerId}/ledger']['get']
>['items'][number];
export type CustomerPackage = Json<
  paths['/api/v1/staff/customers/{customerId}/packages']['get']
>['items'][number];
export type PackageProduct = Json<
  paths['/api/v1/staff/loyalty/package-products']['get']
>['items'][number];
export type TopUpPackage = Json<
  paths['/api/v1/staff/loyalty/top-up-packages']['get']
>['items'][number];
export type LoyaltySettings = Json<paths['/api/v1/staff/loyalty/settings']['get']>;
export type TierSettings = Json<paths['/api/v1/staff/loyalty/tiers']['get']>;
export type Liability = Json<paths['/api/v1/staff/loyalty/liability']['get']>;
export type Wallet = Json<
  paths['/api/v1/staff/customers/{customerId}/stored-value/top-ups']['post']
>;
export type WalletRefund = Json<
  paths['/api/v1/staff/customers/{customerId}/stored-value/refunds']['post']
>;

export type LedgerView = 'points' | 'stored_value' | 'packages' | 'all';

/** Payment methods at the counter (the wallet cannot pay for itself). */
export const COUNTER_METHODS = [
  'cash',
  'card',
  'wechat_pay',
  'alipay',
  'transfer',
  'other',
] as const;

type CounterMethod = (typeof COUNTER_METHODS)[number];

/** The counter's payment methods as buttons; `wallet` adds paying from stored value. */
export function CounterMethodSelect({
  value,
  onChange,
  wallet,
}: {
  value?: string;
  onChange?: (v: string) => void;
  wallet?: boolean;
}) {
  const { t } = useTranslation();
  const methods: readonly (CounterMethod | 'stored_value')[] = wallet
    ? [...COUNTER_METHODS, 'stored_value']
    : COUNTER_METHODS;
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange?.(e.target.value as string)}
      optionType="button"
      options={methods.map((m) => ({ value: m, label: t(`serviceOrders.method.${m}`) }))}
    />
  );
}

/** What the counter's dialogs on the customer page take (`onDone` gets what the save answered). */
export interface CounterModalProps<R = unknown> {
  open: boolean;
  customerId: string;
  onClose(): void;
  onDone(result: R): void;
}

/** The active items of a settings list (top-up packages, package products), read on opening. */
export function useActiveItems<T extends { active: boolean }>(
  open: boolean,
  load: () => Promise<{ items: T[] }>,
): T[] {
  const list = useLoad(async () => (await load()).items.filter((i) => i.active), [open], {
    enabled: open,
  });
  return list.data ?? [];
}

/** The reason an adjustment or a refund needs (written to the audit log). */
export const reasonRule = (t: TFunction): FormRule => ({
  required: true,
  whitespace: true,
  min: 2,
  message: t('loyalty.adjust.reasonRequired'),
});

/** Owner and manager adjust, refund and change the rules. */
export const canManageLoyalty = (staff: StaffMe) =>
  staff.role === 'owner' || staff.role === 'manager';
/** The front desk tops up and sells packages. */
export const canServeLoyalty = (staff: StaffMe) =>
  canManageLoyalty(staff) || staff.role === 'advisor';

/** Whether a ledger account holds money (fen) rather than points or visits. */
export const isMoneyAccount = (account: string) => account.startsWith('stored_value');

/** The name of a ledger account ("package:<id>" → the package's name when known). */
export function accountLabel(
  account: string,
  t: TFunction,
  packages: readonly { id: string; name: string }[] = [],
): string {
  if (account.startsWith('package:')) {
    const id = account.slice('package:'.length);
    const name = packages.find((p) => p.id === id)?.name;
    return name ? t('loyalty.account.packageNamed', { name }) : t('loyalty.account.package');
  }
  return t(`loyalty.account.${account}`, { defaultValue: account });
}

/** A quantity in the account's unit: fen as ¥, points and visits as integers, signed if asked. */
export function formatAmount(account: string, value: number, signed = false): string {
  const sign = signed && value > 0 ? '+' : value < 0 ? '−' : '';
  const abs = Math.abs(value);
  if (isMoneyAccount(account))
    return `${sign}¥${(abs / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `${sign}${abs.toLocaleString('zh-CN')}`;
}

const METHODS: readonly string[] = [...COUNTER_METHODS, 'stored_value'];

/** A ledger memo for people: payment method codes in it ("… · wechat_pay · …") in words. */
export function memoText(memo: string, t: TFunction): string {
  return memo
    .split(' · ')
    .map((part) => (METHODS.includes(part) ? t(`serviceOrders.method.${part}`) : part))
    .join(' · ');
}
