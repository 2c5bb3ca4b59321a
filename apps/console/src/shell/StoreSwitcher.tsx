import { Select } from 'antd';
import { ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api.ts';

/** The store the staff member works in now; remembered per staff member in localStorage. */
export default function StoreSwitcher({ width = 200 }: { width?: number }) {
  const { t } = useTranslation();
  const { staff, store, setStoreId } = useSession();
  const stores = staff?.stores ?? [];
  return (
    <Select
      data-testid="store-switcher"
      aria-label={t('layout.store')}
      style={{ width }}
      prefix={<ShopOutlined />}
      value={store?.id}
      placeholder={stores.length === 0 ? t('layout.noStore') : t('layout.store')}
      disabled={stores.length === 0}
      onChange={setStoreId}
      options={stores.map((s) => ({ value: s.id, label: s.name }))}
      popupMatchSelectWidth={false}
    />
  );
}
