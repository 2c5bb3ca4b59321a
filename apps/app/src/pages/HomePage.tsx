import { PullToRefresh } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { BookingEntry } from '../components/BookingEntry.tsx';
import { EventsEntry } from '../components/EventsEntry.tsx';
import { DealsEntry } from '../components/DealsEntry.tsx';
import { ReferralEntry } from '../components/ReferralEntry.tsx';
import { VehicleList, useMyVehicles } from '../components/VehicleList.tsx';
import { LiveMemberCard } from './MemberCardPage.tsx';

/** Home: the member card, the next events (one tap to sign up), then the owner's cars. */
export function HomePage() {
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
      <div className="page home">
        <div className="home-top">
          <LiveMemberCard />
        </div>
        <BookingEntry />
        <ReferralEntry />
        <EventsEntry />
        <DealsEntry />
        <section className="section">
          <h2 className="section-title">
            {t('home.myVehicles')}
            {vehicles.data && vehicles.data.items.length > 0 && (
              <span className="section-count">{vehicles.data.items.length}</span>
            )}
          </h2>
          <VehicleList loaded={vehicles} />
        </section>
      </div>
    </PullToRefresh>
  );
}
