// "Add from the price list" on an open order: type, pick, and the item's lines (a package: its
// components) are on the order at the order's store prices — one click after typing.
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { useAction } from '../../kit/index.ts';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { CatalogItemSearch } from './CatalogItemSearch.tsx';

type Order = Json<paths['/api/v1/staff/service-orders/{orderId}/items/from-catalog']['post']>;

export function AddFromCatalog({
  orderId,
  storeId,
  onAdded,
}: {
  orderId: string;
  storeId: string;
  onAdded(order: Order): void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  return (
    <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {t('catalog.addToOrder')}
      </Typography.Text>
      <CatalogItemSearch
        storeId={storeId}
        disabled={action.busy !== null}
        onPick={(item) =>
          void action
            .run(
              item.id,
              () =>
                unwrap(
                  api.POST('/api/v1/staff/service-orders/{orderId}/items/from-catalog', {
                    params: { path: { orderId } },
                    body: { itemId: item.id, quantity: 1 },
                  }),
                ),
              t('catalog.addedToOrder', { name: item.name }),
            )
            .then((order) => {
              if (order) onAdded(order);
            })
        }
      />
    </Flex>
  );
}
