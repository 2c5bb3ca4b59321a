// A search box over the price list: type a name, pinyin initials or a part number, pick an item
// (name · part number · price). Used to add a line to an order and to build a package.
import { useState } from 'react';
import { AutoComplete, Flex, Input, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { useDebounced, useLoad } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import type { CatalogItem, CatalogKind } from './catalog.ts';

export interface CatalogItemSearchProps {
  /** Prices in force at this store. */
  storeId?: string | null;
  /** Only these kinds (a package picks labour and parts). */
  kinds?: readonly CatalogKind[];
  onPick(item: CatalogItem): void;
  disabled?: boolean;
  placeholder?: string;
  testId?: string;
}

export function CatalogItemSearch({
  storeId,
  kinds,
  onPick,
  disabled,
  placeholder,
  testId = 'catalog-line-search',
}: CatalogItemSearchProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const found = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/catalog/items', {
          params: { query: { q, limit: 20, ...(storeId ? { storeId } : {}) } },
        }),
      ),
    [q, storeId],
    { enabled: q.length > 0 },
  );
  // Nothing offered once the box is cleared (a pick clears it), before the debounce catches up.
  const items = (q && text.trim() ? (found.data?.items ?? []) : []).filter(
    (i) => !kinds || kinds.includes(i.kind),
  );

  return (
    <AutoComplete
      value={text}
      disabled={disabled}
      style={{ width: '100%' }}
      showSearch={{ filterOption: false, onSearch: setText }}
      onChange={(v: string) => setText(v)}
      onSelect={(id: string) => {
        const item = items.find((i) => i.id === id);
        setText('');
        if (item) onPick(item);
      }}
      notFoundContent={q && !found.loading ? t('catalog.search.none') : null}
      options={items.map((i) => ({
        value: i.id,
        'data-testid': `catalog-option-${i.id}`,
        label: (
          <Flex justify="space-between" gap={12}>
            <span>
              <Tag color={KIND_COLORS[i.kind]}>{t(`catalog.kind.${i.kind}`)}</Tag>
              {i.name}
              {i.partNumber && (
                <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
                  {' · '}
                  {i.partNumber}
                </Typography.Text>
              )}
            </span>
            <Typography.Text strong>{formatFen(i.effectivePriceFen)}</Typography.Text>
          </Flex>
        ),
      }))}
    >
      <Input
        prefix={<SearchOutlined />}
        placeholder={placeholder ?? t('catalog.search.placeholder')}
        allowClear
        data-testid={testId}
      />
    </AutoComplete>
  );
}

export const KIND_COLORS: Record<CatalogKind, string> = {
  labour: 'green',
  part: 'geekblue',
  package: 'gold',
};
