// A customer's household (address and payer reference), which the fraud checks compare between
// a referrer and their friend.
import { Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';

export interface Household {
  address: string;
  payerRef: string;
}

export const NO_HOUSEHOLD: Household = { address: '', payerRef: '' };

/** The two inputs, in a row (`row`) or one above the other. */
export function HouseholdInputs({
  value,
  onChange,
  row,
  testIds,
}: {
  value: Household;
  onChange(value: Household): void;
  row?: boolean;
  testIds?: { address: string; payerRef: string };
}) {
  const { t } = useTranslation();
  const input = (key: keyof Household, maxLength: number, flex: number, minWidth: number) => (
    <Input
      style={row ? { flex, minWidth } : undefined}
      value={value[key]}
      onChange={(e) => onChange({ ...value, [key]: e.target.value })}
      placeholder={t(`referrals.customer.${key}`)}
      aria-label={t(`referrals.customer.${key}`)}
      maxLength={maxLength}
      data-testid={testIds?.[key]}
    />
  );
  return (
    <Flex vertical={!row} gap={8} wrap={row} style={row ? { maxWidth: 640 } : undefined}>
      {input('address', 200, 2, 220)}
      {input('payerRef', 100, 1, 160)}
    </Flex>
  );
}
