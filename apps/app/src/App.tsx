import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { SessionProvider, pointManifestAt, useSession } from './api.ts';
import { LoadingScreen, MessageScreen } from './components/StatusScreen.tsx';
import { TabLayout } from './components/TabLayout.tsx';
import { PushOpenReporter } from './components/PushSwitch.tsx';
import { AppointmentPage } from './pages/AppointmentPage.tsx';
import { BookingPage } from './pages/BookingPage.tsx';
import { PrivacyPolicyPage } from './pages/PrivacyPolicyPage.tsx';
import { ConversationPage } from './pages/ConversationPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { InboxMessagePage } from './pages/InboxMessagePage.tsx';
import { InboxPage } from './pages/InboxPage.tsx';
import { MePage } from './pages/MePage.tsx';
import { MyDataPage } from './pages/MyDataPage.tsx';
import { CouponsPage } from './pages/CouponsPage.tsx';
import { MemberCardPage } from './pages/MemberCardPage.tsx';
import { LedgerPage } from './pages/LedgerPage.tsx';
import { MyAppointmentsPage } from './pages/MyAppointmentsPage.tsx';
import { ServiceOrderPage } from './pages/ServiceOrderPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { ReferralPage } from './pages/ReferralPage.tsx';
import { ReferralLandingPage } from './pages/ReferralLandingPage.tsx';
import { VehiclePage } from './pages/VehiclePage.tsx';
import { VehiclesPage } from './pages/VehiclesPage.tsx';

/**
 * BrowserRouter basename "/app/": with the trailing slash, home is /app/ (inside the
 * service worker's scope). main.tsx turns a bare "/app" into "/app/" before rendering.
 */
const BASENAME = import.meta.env.BASE_URL;

function RequireCustomer() {
  const { status } = useSession();
  if (status !== 'signedIn') return <Navigate to="/sign-in" replace />;
  return (
    <>
      <PushOpenReporter />
      <Outlet />
    </>
  );
}

function SignInRoute() {
  const { status } = useSession();
  if (status === 'signedIn') return <Navigate to="/" replace />;
  return <SignInPage />;
}

/** Resolves the business and the session first, then shows the pages. */
function Gate() {
  const { t } = useTranslation();
  const { status, tenant, reload } = useSession();

  useEffect(() => {
    document.title = tenant ? `${tenant.name} · ${t('app.name')}` : t('app.name');
    if (tenant) pointManifestAt(tenant.slug);
  }, [tenant, t]);

  switch (status) {
    case 'loading':
      return <LoadingScreen />;
    case 'noTenant':
      return (
        <MessageScreen title={t('tenant.missingTitle')} description={t('tenant.missingHint')} />
      );
    case 'tenantNotFound':
      return (
        <MessageScreen
          status="empty"
          title={t('tenant.notFoundTitle')}
          description={t('tenant.notFoundHint')}
        />
      );
    case 'error':
      return (
        <MessageScreen
          status="disconnected"
          title={navigator.onLine ? t('tenant.errorTitle') : t('tenant.offlineTitle')}
          description={navigator.onLine ? t('tenant.errorHint') : t('tenant.offlineHint')}
          onRetry={reload}
        />
      );
    default:
      return (
        <Routes>
          <Route path="/sign-in" element={<SignInRoute />} />
          <Route path="/privacy" element={<PrivacyPolicyPage />} />
          <Route path="/r/:code" element={<ReferralLandingPage />} />
          <Route element={<RequireCustomer />}>
            <Route element={<TabLayout />}>
              <Route index element={<HomePage />} />
              <Route path="vehicles" element={<VehiclesPage />} />
              <Route path="vehicles/:vehicleId" element={<VehiclePage />} />
              <Route path="vehicles/:vehicleId/orders/:orderId" element={<ServiceOrderPage />} />
              <Route path="orders/:orderId" element={<ServiceOrderPage />} />
              <Route path="me" element={<MePage />} />
              <Route path="me/data" element={<MyDataPage />} />
              <Route path="book" element={<BookingPage />} />
              <Route path="appointments" element={<MyAppointmentsPage />} />
              <Route path="coupons" element={<CouponsPage />} />
              <Route path="member-card" element={<MemberCardPage />} />
              <Route path="ledger" element={<LedgerPage />} />
              <Route path="referral" element={<ReferralPage />} />
              <Route path="appointments/:id" element={<AppointmentPage />} />
              <Route path="inbox" element={<InboxPage />} />
              <Route path="inbox/:messageId" element={<InboxMessagePage />} />
            </Route>
            <Route path="conversation" element={<ConversationPage />} />
          </Route>
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      );
  }
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <BrowserRouter basename={BASENAME}>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </BrowserRouter>
    </ConfigProvider>
  );
}
