import { useEffect, useRef, useState } from 'react';
import { Flex, Select, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';
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
  const [options, setOptions] = useState<CustomerSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const excluded = excludeIds.join(',');

  useEffect(() => {
    const query = q.trim();
    const mine = ++generation.current;
    if (!query) {
      setOptions([]);
      setLoading(false);
      return;
    }
    setLoading(true);
    const timer = setTimeout(() => {
      unwrap(api.GET('/api/v1/staff/customers', { params: { query: { q: query, limit: 20 } } }))
        .then(
          (page) => {
            if (mine !== generation.current) return;
            const skip = new Set(excluded.split(','));
            setOptions(page.items.filter((c) => !skip.has(c.id)));
            setError(null);
          },
          (err: unknown) => {
            if (mine === generation.current) setError(errorText(err, t));
          },
        )
        .finally(() => {
          if (mine === generation.current) setLoading(false);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, excluded, t]);

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
