import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { MyVehicle, Vehicle } from '../api.ts';
import { formatDate, formatKm } from '../format.ts';
import { PlateBadge } from './PlateBadge.tsx';

/** "大众 帕萨特 · 2021 款", or a placeholder when the advisor has not filled it in. */
export function useVehicleTitle() {
  const { t } = useTranslation();
  return (v: Pick<Vehicle, 'make' | 'model' | 'year'>) => {
    const name = [v.make, v.model].filter(Boolean).join(' ');
    const year = v.year ? t('vehicle.yearModel', { year: v.year }) : '';
    if (!name && !year) return t('vehicle.unknownModel');
    return [name, year].filter(Boolean).join(' · ');
  };
}

/** One car in the owner's list; tapping it opens the car page. */
export function VehicleCard({ vehicle }: { vehicle: MyVehicle }) {
  const { t, i18n } = useTranslation();
  const title = useVehicleTitle();
  const last = vehicle.lastService;
  return (
    <Link to={`/vehicles/${vehicle.id}`} className="vehicle-card" data-testid="vehicle-card">
      <div className="vehicle-card-head">
        <PlateBadge plate={vehicle.plate} testId="vehicle-plate" />
        <RightOutline className="vehicle-card-arrow" />
      </div>
      <div className="vehicle-card-title">{title(vehicle)}</div>
      <div className="vehicle-card-service">
        <span className="vehicle-card-service-label">{t('vehicle.lastService')}</span>
        {last ? (
          <span>
            {[formatDate(last.date, i18n.language), last.storeName, formatKm(last.mileageKm)]
              .filter(Boolean)
              .map((part, i) => (
                <span key={i} className="nowrap">
                  {i > 0 && ' · '}
                  {part}
                </span>
              ))}
          </span>
        ) : (
          <span className="muted">{t('vehicle.noService')}</span>
        )}
      </div>
      {vehicle.lastMileageKm !== null && (
        <div className="vehicle-card-service">
          <span className="vehicle-card-service-label">{t('mileage.current')}</span>
          <span className="vehicle-card-mileage" data-testid="vehicle-mileage">
            {formatKm(vehicle.lastMileageKm)}
          </span>
        </div>
      )}
    </Link>
  );
}
