// A store's own price for an item (门店价): each store's price, set or cleared one at a time;
// a store without one charges the list price.
import { useState } from 'react';
import { Button, Flex, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { MoneyInput, useAction } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import type { Store } from '../../types.ts';
import type { CatalogItem } from './catalog.ts';

export function StorePricesModal({
  item,
  onClose,
  onChanged,
}: {
  item: CatalogItem | null;
  onClose(): void;
  onChanged(item: CatalogItem): void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const action = useAction();
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});
  if (!item) return null;
  const own = (storeId: string) => item.storePrices.find((p) => p.storeId === storeId)?.priceFen;

  async function set(store: Store) {
    const priceFen = drafts[store.id];
    if (priceFen === null || priceFen === undefined || !item) return;
    const next = await action.run(
      store.id,
      () =>
        unwrap(
          api.PUT('/api/v1/staff/catalog/items/{itemId}/store-prices/{storeId}', {
            params: { path: { itemId: item.id, storeId: store.id } },
            body: { priceFen },
          }),
        ),
      t('catalog.storePrices.saved'),
    );
    if (!next) return;
    setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([id]) => id !== store.id)));
    onChanged(next);
  }

  async function clear(store: Store) {
    if (!item) return;
    const next = await action.run(
      store.id,
      () =>
        unwrap(
          api.DELETE('/api/v1/staff/catalog/items/{itemId}/store-prices/{storeId}', {
            params: { path: { itemId: item.id, storeId: store.id } },
          }),
        ),
      t('catalog.storePrices.cleared'),
    );
    if (next) onChanged(next);
  }

  return (
    <Modal
      open
      title={t('catalog.storePrices.title', { name: item.name })}
      onCancel={() => {
        setDrafts({});
        onClose();
      }}
      footer={null}
      width={640}
    >
      <Typography.Paragraph type="secondary">
        {t('catalog.storePrices.hint', { price: formatFen(item.listPriceFen) })}
      </Typography.Paragraph>
      <Table<Store>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={staff.stores}
        columns={[
          { title: t('catalog.storePrices.store'), dataIndex: 'name' },
          {
            title: t('catalog.storePrices.price'),
            render: (_, s) => (
              <MoneyInput
                value={drafts[s.id] ?? own(s.id) ?? null}
                onChange={(fen) => setDrafts((d) => ({ ...d, [s.id]: fen }))}
                placeholder={formatFen(item.listPriceFen)}
                data-testid={`store-price-${s.id}`}
              />
            ),
          },
          {
            title: '',
            align: 'right',
            render: (_, s) => (
              <Flex gap={8} justify="flex-end">
                <Button
                  size="small"
                  type="primary"
                  loading={action.busy === s.id}
                  disabled={drafts[s.id] === undefined || drafts[s.id] === null}
                  onClick={() => void set(s)}
                  data-testid={`store-price-save-${s.id}`}
                >
                  {t('common.save')}
                </Button>
                {own(s.id) !== undefined && (
                  <Button size="small" onClick={() => void clear(s)}>
                    {t('catalog.storePrices.clear')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Modal>
  );
}
