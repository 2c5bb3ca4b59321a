import { ErrorBlock, List, NavBar, PullToRefresh, Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage, useLoad } from '../api.ts';
import { BookCarButton } from '../components/BookingEntry.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import { MileageReport } from '../components/MileageReport.tsx';
import { PlateBadge } from '../components/PlateBadge.tsx';
import { ServiceOrderItem } from '../components/ServiceOrderItem.tsx';
import { useVehicleTitle } from '../components/VehicleCard.tsx';
import { VehicleInspections } from '../components/VehicleInspections.tsx';
import { formatDate, formatKm } from '../format.ts';
import { DueSection, loadDue } from './DueSection.tsx';

/** A car: its details and its maintenance record (维修保养档案). */
export function VehiclePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { vehicleId = '' } = useParams();
  const title = useVehicleTitle();
  const { data: vehicle, error, reload } = useLoad(() => api.vehicle(vehicleId), vehicleId);
  const due = useLoad(() => loadDue(vehicleId), vehicleId);

  // Back to where the owner came from; a deep link goes back to the car list.
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/vehicles', { replace: true });
  };

  let body;
  if (!vehicle) {
    if (error instanceof ApiError && error.status === 404) {
      body = <ErrorBlock status="empty" title={t('vehicle.notFound')} description="" />;
    } else if (error) {
      body = <LoadError message={errorMessage(error)} onRetry={() => void reload()} />;
    } else {
      body = (
        <div className="section">
          <div className="vehicle-hero" aria-busy="true">
            <Skeleton.Title animated />
            <Skeleton.Paragraph lineCount={3} animated />
          </div>
        </div>
      );
    }
  } else {
    // Newest visit first.
    const orders = [...vehicle.serviceOrders].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
    const details: [string, string][] = [
      [t('vehicle.vin'), vehicle.vin ?? ''],
      [
        t('vehicle.fuelType'),
        vehicle.fuelType ? t(`fuel.${vehicle.fuelType}`, { defaultValue: vehicle.fuelType }) : '',
      ],
      [t('vehicle.registrationDate'), formatDate(vehicle.registrationDate, i18n.language)],
      [t('vehicle.mileage'), formatKm(vehicle.lastMileageKm)],
    ];
    body = (
      <PullToRefresh
        onRefresh={() => Promise.all([reload(), due.reload()]).then(() => undefined)}
        pullingText={t('common.pullToRefresh')}
        canReleaseText={t('common.releaseToRefresh')}
        refreshingText={t('common.refreshing')}
        completeText={t('common.refreshed')}
      >
        <div className="section">
          <div className="vehicle-hero">
            <PlateBadge plate={vehicle.plate} size="lg" />
            <div className="vehicle-hero-title">{title(vehicle)}</div>
            <MileageReport
              vehicle={vehicle}
              onReported={() => Promise.all([reload(), due.reload()]).then(() => undefined)}
            />
          </div>
        </div>

        <BookCarButton vehicleId={vehicle.id} />

        <DueSection due={due} />

        <VehicleInspections vehicleId={vehicle.id} />

        <section className="section">
          <h2 className="section-title">{t('vehicle.details')}</h2>
          <List className="detail-list">
            {details
              .filter(([, value]) => value)
              .map(([label, value]) => (
                <List.Item key={label} extra={<span className="detail-value">{value}</span>}>
                  {label}
                </List.Item>
              ))}
          </List>
        </section>

        <section className="section">
          <h2 className="section-title">
            {t('vehicle.record')}
            {orders.length > 0 && (
              <span className="section-count">
                {t('vehicle.recordCount', { count: orders.length })}
              </span>
            )}
          </h2>
          {orders.length === 0 ? (
            <ErrorBlock
              className="empty-block"
              status="empty"
              title={t('vehicle.recordEmpty')}
              description=""
            />
          ) : (
            <ol className="order-list">
              {orders.map((order) => (
                <ServiceOrderItem key={order.id} order={order} />
              ))}
            </ol>
          )}
        </section>
      </PullToRefresh>
    );
  }

  return (
    <div className="page vehicle-page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {vehicle?.plate ?? t('vehicle.title')}
      </NavBar>
      {body}
    </div>
  );
}
