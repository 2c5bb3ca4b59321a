import { useCallback, useEffect, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  Result,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../kit/index.ts';
import {
  api,
  canEditCustomers,
  canReadCustomers,
  unwrap,
  useSession,
  useStaff,
} from '../../api.ts';
import { usePagedLoad } from '../../kit/usePagedLoad.ts';
import { formatDay, formatPhone } from '../../kit/format.ts';
import CustomerFormModal from './CustomerFormModal.tsx';
import type { CustomerSummary } from '../../types.ts';

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 300;

export default function CustomerListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const { store } = useSession();
  const navigate = useNavigate();
  const timeZone = staff.tenant.timezone;

  // The search and the store filter live in the URL, so "back" from a customer keeps them.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const onlyMyStore = params.get('store') === '1';
  const storeId = onlyMyStore ? store?.id : undefined;

  const [input, setInput] = useState(q);
  const [creating, setCreating] = useState(false);

  const updateParams = useCallback(
    (change: Record<string, string | null>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(change)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // Debounce the search box into ?q=.
  useEffect(() => {
    const value = input.trim();
    if (value === q) return;
    const timer = setTimeout(() => updateParams({ q: value || null }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input, q, updateParams]);

  const readable = canReadCustomers(staff);
  const { items, nextCursor, loading, error, reload, more } = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/customers', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(q ? { q } : {}),
              ...(storeId ? { storeId } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [q, storeId],
    { enabled: readable },
  );

  const columns: TableColumnsType<CustomerSummary> = [
    {
      title: t('customer.name'),
      dataIndex: 'name',
      key: 'name',
      width: 140,
      render: (name: string | null) =>
        name ? (
          <Typography.Text strong>{name}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('customer.unnamed')}</Typography.Text>
        ),
    },
    {
      title: t('customer.phone'),
      key: 'phone',
      width: 140,
      render: (_, c) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatPhone(c.phone)}</span>
      ),
    },
    {
      title: t('customer.vehicles'),
      key: 'vehicles',
      render: (_, c) =>
        c.vehicles.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex wrap gap={4}>
            {c.vehicles.map((v) => (
              <Tag
                key={v.id}
                color={v.plate ? 'geekblue' : 'default'}
                title={[v.make, v.model].filter(Boolean).join(' ')}
              >
                {v.plate ?? ([v.make, v.model].filter(Boolean).join(' ') || t('vehicle.noPlate'))}
              </Tag>
            ))}
            {c.vehicles
              .filter((v) => v.matchedVin)
              .map((v) => (
                <Typography.Text
                  key={`vin-${v.id}`}
                  type="secondary"
                  style={{ fontSize: 12 }}
                  data-testid="customer-vin-match"
                >
                  {t('vehicle.vinMatch', { vin: v.matchedVin })}
                </Typography.Text>
              ))}
          </Flex>
        ),
    },
    {
      title: t('customer.tags'),
      key: 'tags',
      render: (_, c) => (
        <Flex wrap gap={4}>
          {c.tags.map((tag) => (
            <Tag key={tag} variant="filled">
              {tag}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('customer.lastVisit'),
      key: 'lastVisit',
      width: 120,
      render: (_, c) => formatDay(c.lastVisitAt, timeZone),
    },
    {
      title: t('customer.createdAt'),
      key: 'createdAt',
      width: 120,
      render: (_, c) => formatDay(c.createdAt, timeZone),
    },
  ];

  if (!readable) return <Result status="403" title={t('customers.forbidden')} />;

  return (
    <Card
      title={t('customers.title')}
      extra={
        canEditCustomers(staff) && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="customer-create"
          >
            {t('customers.create')}
          </Button>
        )
      }
    >
      <Flex wrap align="center" gap={16} style={{ marginBottom: 16 }}>
        <Input
          data-testid="customer-search"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onPressEnter={() => updateParams({ q: input.trim() || null })}
          placeholder={t('customers.searchPlaceholder')}
          prefix={<SearchOutlined />}
          allowClear
          autoFocus
          style={{ width: 360 }}
          aria-label={t('customers.search')}
        />
        <Space>
          <Switch
            data-testid="customer-only-store"
            checked={onlyMyStore}
            disabled={!store}
            onChange={(checked) => updateParams({ store: checked ? '1' : null })}
          />
          <Typography.Text>{t('customers.onlyMyStore')}</Typography.Text>
          {onlyMyStore && store && (
            <Typography.Text type="secondary">({store.name})</Typography.Text>
          )}
        </Space>
      </Flex>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          action={
            <Button size="small" onClick={() => void reload()}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <DataTable<CustomerSummary>
        columns={columns}
        dataSource={items}
        loading={loading}
        size="middle"
        locale={{ emptyText: q ? t('customers.noMatch', { q }) : t('customers.empty') }}
        onRow={(customer) =>
          ({
            'data-testid': 'customer-row',
            'data-customer-id': customer.id,
            style: { cursor: 'pointer' },
            onClick: () => navigate(`/customers/${customer.id}`),
          }) as HTMLAttributes<HTMLElement>
        }
      />
      <Flex justify="center" align="center" gap={16} style={{ marginTop: 16 }}>
        {nextCursor ? (
          <Button onClick={() => void more()} loading={loading} data-testid="customer-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          items.length > 0 && (
            <Typography.Text type="secondary">
              {t('customers.allLoaded', { count: items.length })}
            </Typography.Text>
          )
        )}
      </Flex>
      <CustomerFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(customer) => {
          setCreating(false);
          message.success(
            t('customers.created', { name: customer.name ?? formatPhone(customer.phone) }),
          );
          navigate(`/customers/${customer.id}`);
        }}
      />
    </Card>
  );
}
