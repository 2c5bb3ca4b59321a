import { PullToRefresh } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { VehicleList, useMyVehicles } from '../components/VehicleList.tsx';

/** 我的车: all of the owner's cars. */
export function VehiclesPage() {
  const { t } = useTranslation();
  const vehicles = useMyVehicles();
  return (
    <PullToRefresh
      onRefresh={vehicles.reload}
      pullingText={t('common.pullToRefresh')}
      canReleaseText={t('common.releaseToRefresh')}
      refreshingText={t('common.refreshing')}
      completeText={t('common.refreshed')}
    >
      <div className="page">
        <header className="page-header">
          <h1>{t('tabs.vehicles')}</h1>
        </header>
        <section className="section">
          <VehicleList loaded={vehicles} />
        </section>
      </div>
    </PullToRefresh>
  );
}
