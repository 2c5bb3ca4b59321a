import { ErrorBlock, Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, useLoad } from '../api.ts';
import type { Loaded, MyVehicle } from '../api.ts';
import { CarIcon } from './CarIcon.tsx';
import { LoadError } from './StatusScreen.tsx';
import { VehicleCard } from './VehicleCard.tsx';

export function useMyVehicles(): Loaded<{ items: MyVehicle[] }> {
  return useLoad(() => api.vehicles(), 'my-vehicles');
}

/** The owner's cars as cards, with loading, error and empty states. */
export function VehicleList({ loaded }: { loaded: Loaded<{ items: MyVehicle[] }> }) {
  const { t } = useTranslation();
  const { data, error, reload } = loaded;
  if (!data) {
    if (error) return <LoadError message={errorMessage(error)} onRetry={() => void reload()} />;
    return (
      <div className="vehicle-card vehicle-card-skeleton" aria-busy="true">
        <Skeleton.Title animated />
        <Skeleton.Paragraph lineCount={2} animated />
      </div>
    );
  }
  if (data.items.length === 0) {
    return (
      <ErrorBlock
        className="empty-block"
        status="empty"
        image={<CarIcon className="empty-icon" />}
        title={t('home.noVehicles')}
        description={t('home.noVehiclesHint')}
      />
    );
  }
  return (
    <div className="vehicle-list">
      {data.items.map((vehicle) => (
        <VehicleCard key={vehicle.id} vehicle={vehicle} />
      ))}
    </div>
  );
}
