// 价目表: the shop's labour, parts and packages — by kind, searchable by name, pinyin initials or
// part number, at the prices of the store in the header; owner and manager add and change items,
// set stores' own prices and archive what the shop no longer sells. Shelf counts below zero
// show red (more was sold than was counted).
import { useState } from 'react';
import { Flex, Input, Segmented, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  EditOutlined,
  InboxOutlined,
  RollbackOutlined,
  SearchOutlined,
  ShopOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import {
  LoadMore,
  RowActions,
  TableCard,
  useAction,
  useDebounced,
  usePagedLoad,
} from '../../kit/index.ts';
import { EMPTY, formatFen } from '../../kit/format.ts';
import { canEditCatalog, minutesToHours, type CatalogItem, type CatalogKind } from './catalog.ts';
import { KIND_COLORS } from './CatalogItemSearch.tsx';
import { CatalogItemModal } from './CatalogItemModal.tsx';
import { StorePricesModal } from './StorePricesModal.tsx';

type KindFilter = CatalogKind | 'all';

function StockCell({ item }: { item: CatalogItem }) {
  const { t } = useTranslation();
  if (item.kind !== 'part') return EMPTY;
  if (item.stockQty === null)
    return <Typography.Text type="secondary">{t('catalog.stock.untracked')}</Typography.Text>;
  return (
    <Typography.Text
      type={item.stockQty < 0 ? 'danger' : undefined}
      strong={item.stockQty <= 0}
      data-testid="catalog-stock"
      data-stock={item.stockQty}
    >
      {item.stockQty}
    </Typography.Text>
  );
}

function PriceCell({ item }: { item: CatalogItem }) {
  const { t } = useTranslation();
  return (
    <Flex vertical align="flex-end">
      <Typography.Text strong data-testid="catalog-price-cell">
        {formatFen(item.effectivePriceFen)}
      </Typography.Text>
      {item.storePriceFen !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <Tag color="purple" style={{ marginInlineEnd: 4 }}>
            {t('catalog.storePriceTag')}
          </Tag>
          {t('catalog.listPrice', { price: formatFen(item.listPriceFen) })}
        </Typography.Text>
      )}
      {item.kind === 'package' && item.priceFen === null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('catalog.summed')}
        </Typography.Text>
      )}
    </Flex>
  );
}

export default function PriceListPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const { store } = useSession();
  const editor = canEditCatalog(staff);
  const action = useAction();
  const [kind, setKind] = useState<KindFilter>('all');
  const [text, setText] = useState('');
  const [archived, setArchived] = useState(false);
  const [editing, setEditing] = useState<CatalogItem | 'new' | null>(null);
  const [pricing, setPricing] = useState<CatalogItem | null>(null);
  const q = useDebounced(text.trim(), 250);
  const storeId = store?.id;

  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/catalog/items', {
          params: {
            query: {
              ...(q ? { q } : {}),
              ...(kind !== 'all' ? { kind } : {}),
              status: archived ? 'all' : 'active',
              ...(storeId ? { storeId } : {}),
              ...(cursor ? { cursor } : {}),
              limit: 100,
            },
          },
        }),
      ),
    [q, kind, archived, storeId],
  );
  const replace = (next: CatalogItem) =>
    list.setItems((items) => items.map((i) => (i.id === next.id ? next : i)));

  const setStatus = async (item: CatalogItem, to: 'archive' | 'restore') => {
    const next = await action.run(
      item.id,
      () =>
        unwrap(
          api.POST(`/api/v1/staff/catalog/items/{itemId}/${to}`, {
            params: { path: { itemId: item.id } },
          }),
        ),
      t(`catalog.${to}d`),
    );
    if (next) replace(next);
  };

  const columns: TableColumnsType<CatalogItem> = [
    {
      title: t('catalog.column.kind'),
      key: 'kind',
      width: 80,
      render: (_, i) => <Tag color={KIND_COLORS[i.kind]}>{t(`catalog.kind.${i.kind}`)}</Tag>,
    },
    {
      title: t('catalog.column.name'),
      key: 'name',
      render: (_, i) => (
        <Flex vertical>
          <Typography.Text strong delete={i.status === 'archived'} data-testid="catalog-name-cell">
            {i.name}
          </Typography.Text>
          {i.kind === 'package' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.components.map((c) => `${c.name}×${c.quantity}`).join(' · ')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('catalog.column.category'),
      key: 'category',
      width: 100,
      render: (_, i) => t(`serviceOrders.category.${i.category}`),
    },
    {
      title: t('catalog.column.detail'),
      key: 'detail',
      width: 170,
      render: (_, i) =>
        i.kind === 'part' && i.partNumber ? (
          <Typography.Text style={{ fontFamily: 'monospace' }}>{i.partNumber}</Typography.Text>
        ) : i.kind === 'labour' && i.standardMinutes !== null ? (
          t('catalog.hoursValue', { hours: minutesToHours(i.standardMinutes) })
        ) : (
          EMPTY
        ),
    },
    {
      title: t('catalog.column.price'),
      key: 'price',
      width: 150,
      align: 'right',
      render: (_, i) => <PriceCell item={i} />,
    },
    {
      title: t('catalog.column.stock'),
      key: 'stock',
      width: 90,
      align: 'right',
      render: (_, i) => <StockCell item={i} />,
    },
  ];
  if (editor)
    columns.push({
      title: '',
      key: 'actions',
      align: 'right',
      // Wide enough for its three buttons in one line (a row stays one line high).
      width: 270,
      render: (_, i) => (
        <RowActions
          actions={[
            {
              label: t('common.edit'),
              icon: <EditOutlined />,
              onClick: () => setEditing(i),
              testId: 'catalog-edit',
            },
            {
              label: t('catalog.storePrices.action'),
              icon: <ShopOutlined />,
              onClick: () => setPricing(i),
              testId: 'catalog-store-prices',
            },
            {
              label: t('catalog.archive'),
              icon: <InboxOutlined />,
              hidden: i.status === 'archived',
              confirm: t('catalog.archiveConfirm'),
              loading: action.busy === i.id,
              onClick: () => void setStatus(i, 'archive'),
              testId: 'catalog-archive',
            },
            {
              label: t('catalog.restore'),
              icon: <RollbackOutlined />,
              hidden: i.status !== 'archived',
              loading: action.busy === i.id,
              onClick: () => void setStatus(i, 'restore'),
            },
          ]}
        />
      ),
    });

  return (
    <TableCard<CatalogItem>
      title={t('catalog.title')}
      icon={<UnorderedListOutlined />}
      cardTestId="price-list"
      add={
        editor
          ? { label: t('catalog.add'), onClick: () => setEditing('new'), testId: 'catalog-add' }
          : undefined
      }
      error={list.error}
      header={
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Segmented<KindFilter>
            value={kind}
            onChange={setKind}
            options={(['all', 'labour', 'part', 'package'] as const).map((k) => ({
              value: k,
              label: k === 'all' ? t('catalog.kind.all') : t(`catalog.kind.${k}`),
            }))}
            data-testid="catalog-kind-filter"
          />
          <Input
            prefix={<SearchOutlined />}
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('catalog.search.placeholder')}
            style={{ maxWidth: 320 }}
            data-testid="catalog-search"
          />
          <Flex gap={6} align="center">
            <Switch size="small" checked={archived} onChange={setArchived} />
            <Typography.Text type="secondary">{t('catalog.showArchived')}</Typography.Text>
          </Flex>
          {store && (
            <Typography.Text type="secondary">
              {t('catalog.pricesAt', { store: store.name })}
            </Typography.Text>
          )}
        </Flex>
      }
      columns={columns}
      dataSource={list.items}
      loading={list.loading}
      rowKey="id"
      onRow={(i) => ({ 'data-testid': 'catalog-row', 'data-item-id': i.id }) as object}
      locale={{ emptyText: q ? t('catalog.search.none') : t('catalog.empty') }}
    >
      <LoadMore list={list} block />
      <CatalogItemModal
        item={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          const isNew = editing === 'new';
          setEditing(null);
          if (isNew) void list.reload();
          else replace(saved);
        }}
      />
      <StorePricesModal
        item={pricing}
        onClose={() => setPricing(null)}
        onChanged={(next) => {
          setPricing(next);
          replace(next);
        }}
      />
    </TableCard>
  );
}
