import { useState } from 'react';
import { Flex, Select, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { useDebounced, useLoad } from '../../kit/index.ts';
import { formatPhone } from '../../kit/format.ts';
import type { CustomerSummary } from '../../types.ts';

const DEBOUNCE_MS = 300;

/** One customer as a line: name, phone and plates. */
export function CustomerLine({ customer }: { customer: CustomerSummary }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={8} wrap>
      <Typography.Text strong>{customer.name ?? t('customer.unnamed')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatPhone(customer.phone)}
      </Typography.Text>
      <Typography.Text type="secondary">{customer.memberNo}</Typography.Text>
      {customer.vehicles.map((v) => (
        <Tag key={v.id} color={v.plate ? 'geekblue' : 'default'} style={{ marginInlineEnd: 0 }}>
          {v.plate ?? ([v.make, v.model].filter(Boolean).join(' ') || t('vehicle.noPlate'))}
        </Tag>
      ))}
    </Flex>
  );
}

/**
 * Finds a customer with the same one-box search as the customer list (phone digits, name,
 * partial plate) and returns the chosen one. `excludeIds` are never offered.
 */
export default function CustomerPicker({
  value,
  onChange,
  excludeIds = [],
  testId,
}: {
  value: CustomerSummary | null;
  onChange(customer: CustomerSummary | null): void;
  excludeIds?: string[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), DEBOUNCE_MS);
  const found = useLoad(
    () =>
      unwrap(api.GET('/api/v1/staff/customers', { params: { query: { q: query, limit: 20 } } })),
    [query],
    { enabled: Boolean(query) },
  );
  const typing = query !== q.trim();
  const loading = Boolean(q.trim()) && (typing || found.loading);
  const error = found.error;
  const options =
    q.trim() && found.data ? found.data.items.filter((c) => !excludeIds.includes(c.id)) : [];

  const shown = value && !options.some((o) => o.id === value.id) ? [value, ...options] : options;

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      allowClear
      style={{ width: '100%' }}
      placeholder={t('customers.searchPlaceholder')}
      value={value?.id}
      onChange={(id) => onChange(shown.find((c) => c.id === id) ?? null)}
      onClear={() => onChange(null)}
      notFoundContent={
        loading ? (
          <Spin size="small" />
        ) : error ? (
          <Typography.Text type="danger">{error}</Typography.Text>
        ) : !q.trim() ? (
          t('profile.picker.typeToSearch')
        ) : (
          t('profile.picker.noMatch')
        )
      }
      options={shown.map((c) => ({ value: c.id, label: <CustomerLine customer={c} /> }))}
      data-testid={testId}
    />
  );
}
