import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { SessionProvider, pointManifestAt, useSession } from './api.ts';
import { LoadingScreen } from './components/LoadingScreen.tsx';

// Every page loads on demand: the first load (the sign-in page, or home) carries only what it
// shows; the member card's QR code library, the booking calendar and the rest come with their page.
const MessageScreen = lazy(async () => ({
  default: (await import('./components/StatusScreen.tsx')).MessageScreen,
}));
const TabLayout = lazy(async () => ({
  default: (await import('./components/TabLayout.tsx')).TabLayout,
}));
const PushOpenReporter = lazy(async () => ({
  default: (await import('./components/PushSwitch.tsx')).PushOpenReporter,
}));
function page<K extends string>(load: () => Promise<Record<K, unknown>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
const AppointmentPage = page(() => import('./pages/AppointmentPage.tsx'), 'AppointmentPage');
const BookingPage = page(() => import('./pages/BookingPage.tsx'), 'BookingPage');
const PrivacyPolicyPage = page(() => import('./pages/PrivacyPolicyPage.tsx'), 'PrivacyPolicyPage');
const ConversationPage = page(() => import('./pages/ConversationPage.tsx'), 'ConversationPage');
const HomePage = page(() => import('./pages/HomePage.tsx'), 'HomePage');
const InboxMessagePage = page(() => import('./pages/InboxMessagePage.tsx'), 'InboxMessagePage');
const InboxPage = page(() => import('./pages/InboxPage.tsx'), 'InboxPage');
const MePage = page(() => import('./pages/MePage.tsx'), 'MePage');
const MyDataPage = page(() => import('./pages/MyDataPage.tsx'), 'MyDataPage');
const MyInterestsPage = page(() => import('./pages/MyInterestsPage.tsx'), 'MyInterestsPage');
const HelpPage = page(() => import('./pages/HelpPage.tsx'), 'HelpPage');
const HelpEntryPage = page(() => import('./pages/HelpEntryPage.tsx'), 'HelpEntryPage');
const CouponsPage = page(() => import('./pages/CouponsPage.tsx'), 'CouponsPage');
const MemberCardPage = page(() => import('./pages/MemberCardPage.tsx'), 'MemberCardPage');
const LedgerPage = page(() => import('./pages/LedgerPage.tsx'), 'LedgerPage');
const MyAppointmentsPage = page(
  () => import('./pages/MyAppointmentsPage.tsx'),
  'MyAppointmentsPage',
);
const ServiceOrderPage = page(() => import('./pages/ServiceOrderPage.tsx'), 'ServiceOrderPage');
const InspectionPage = page(() => import('./pages/InspectionPage.tsx'), 'InspectionPage');
const SignInPage = page(() => import('./pages/SignInPage.tsx'), 'SignInPage');
const ReferralPage = page(() => import('./pages/ReferralPage.tsx'), 'ReferralPage');
const ReferralLandingPage = page(
  () => import('./pages/ReferralLandingPage.tsx'),
  'ReferralLandingPage',
);
const SurveyPage = page(() => import('./pages/SurveyPage.tsx'), 'SurveyPage');
const MyComplaintsPage = page(() => import('./pages/ComplaintsPage.tsx'), 'MyComplaintsPage');
const MyComplaintPage = page(() => import('./pages/ComplaintsPage.tsx'), 'MyComplaintPage');
const NewComplaintPage = page(() => import('./pages/ComplaintsPage.tsx'), 'NewComplaintPage');
const PayPage = page(() => import('./pages/PayPage.tsx'), 'PayPage');
const StripePayPage = page(() => import('./pages/StripePayPage.tsx'), 'StripePayPage');
const PaymentResultPage = page(() => import('./pages/PaymentResultPage.tsx'), 'PaymentResultPage');
const MyPaymentsPage = page(() => import('./pages/MyPaymentsPage.tsx'), 'MyPaymentsPage');
const DealsPage = page(() => import('./pages/DealsPage.tsx'), 'DealsPage');
const DealPage = page(() => import('./pages/DealPage.tsx'), 'DealPage');
const CommunityPage = page(() => import('./pages/CommunityPage.tsx'), 'CommunityPage');
const NewsPage = page(() => import('./pages/NewsPage.tsx'), 'NewsPage');
const NewsTagPage = page(() => import('./pages/NewsPage.tsx'), 'NewsTagPage');
const NewsArticlePage = page(() => import('./pages/NewsArticlePage.tsx'), 'NewsArticlePage');
const NewsDraftsPage = page(() => import('./pages/NewsWritePage.tsx'), 'NewsDraftsPage');
const NewsWritePage = page(() => import('./pages/NewsWritePage.tsx'), 'NewsWritePage');
const ClubPage = page(() => import('./pages/ClubPage.tsx'), 'ClubPage');
const ClubPostPage = page(() => import('./pages/ClubPostPage.tsx'), 'ClubPostPage');
const MyBadgesPage = page(() => import('./pages/MyBadgesPage.tsx'), 'MyBadgesPage');
const VehiclePage = page(() => import('./pages/VehiclePage.tsx'), 'VehiclePage');
const VehiclesPage = page(() => import('./pages/VehiclesPage.tsx'), 'VehiclesPage');
const EventsPage = page(() => import('./pages/EventsPage.tsx'), 'EventsPage');
const EventTicketsPage = page(() => import('./pages/EventsPage.tsx'), 'EventTicketsPage');
const EventPage = page(() => import('./pages/EventPage.tsx'), 'EventPage');
const EventTicketPage = page(() => import('./pages/EventPage.tsx'), 'EventTicketPage');
const MagazinePage = page(() => import('./pages/MagazinePage.tsx'), 'MagazinePage');
const MagazineReaderPage = page(
  () => import('./pages/MagazineReaderPage.tsx'),
  'MagazineReaderPage',
);
const MagazineContributePage = page(
  () => import('./pages/MagazineContributePage.tsx'),
  'MagazineContributePage',
);
const MyContributionsPage = page(
  () => import('./pages/MyContributionsPage.tsx'),
  'MyContributionsPage',
);

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
        <Suspense fallback={<LoadingScreen />}>
          <Routes>
            <Route path="/sign-in" element={<SignInRoute />} />
            <Route path="/privacy" element={<PrivacyPolicyPage />} />
            <Route path="/r/:code" element={<ReferralLandingPage />} />
            <Route path="/s/:token" element={<SurveyPage />} />
            <Route element={<RequireCustomer />}>
              <Route element={<TabLayout />}>
                <Route index element={<HomePage />} />
                <Route path="vehicles" element={<VehiclesPage />} />
                <Route path="vehicles/:vehicleId" element={<VehiclePage />} />
                <Route path="vehicles/:vehicleId/orders/:orderId" element={<ServiceOrderPage />} />
                <Route path="orders/:orderId" element={<ServiceOrderPage />} />
                <Route path="inspections/:inspectionId" element={<InspectionPage />} />
                <Route path="me" element={<MePage />} />
                <Route path="me/data" element={<MyDataPage />} />
                <Route path="me/interests" element={<MyInterestsPage />} />
                <Route path="help" element={<HelpPage />} />
                <Route path="help/:entryId" element={<HelpEntryPage />} />
                <Route path="book" element={<BookingPage />} />
                <Route path="appointments" element={<MyAppointmentsPage />} />
                <Route path="coupons" element={<CouponsPage />} />
                <Route path="member-card" element={<MemberCardPage />} />
                <Route path="ledger" element={<LedgerPage />} />
                <Route path="pay" element={<PayPage />} />
                <Route path="pay/result" element={<PaymentResultPage />} />
                <Route path="pay/stripe" element={<StripePayPage />} />
                <Route path="payments" element={<MyPaymentsPage />} />
                <Route path="referral" element={<ReferralPage />} />
                <Route path="deals" element={<DealsPage />} />
                <Route path="complaints" element={<MyComplaintsPage />} />
                <Route path="complaints/new" element={<NewComplaintPage />} />
                <Route path="complaints/:ticketId" element={<MyComplaintPage />} />
                <Route path="deals/:dealId" element={<DealPage />} />
                <Route path="appointments/:id" element={<AppointmentPage />} />
                <Route path="inbox" element={<InboxPage />} />
                <Route path="inbox/:messageId" element={<InboxMessagePage />} />
                <Route path="community" element={<CommunityPage />} />
                <Route path="news" element={<NewsPage />} />
                <Route path="news/drafts" element={<NewsDraftsPage />} />
                <Route path="news/write" element={<NewsWritePage />} />
                <Route path="news/write/:id" element={<NewsWritePage />} />
                <Route path="news/tags/:slug" element={<NewsTagPage />} />
                <Route path="news/:slug" element={<NewsArticlePage />} />
                <Route path="clubs/:clubId" element={<ClubPage />} />
                <Route path="clubs/:clubId/posts/:postId" element={<ClubPostPage />} />
                <Route path="me/badges" element={<MyBadgesPage />} />
                <Route path="events" element={<EventsPage />} />
                <Route path="events/tickets" element={<EventTicketsPage />} />
                <Route path="events/:id" element={<EventPage />} />
                <Route path="events/:id/ticket" element={<EventTicketPage />} />
                <Route path="magazine" element={<MagazinePage />} />
                <Route path="magazine/contribute" element={<MagazineContributePage />} />
                <Route path="magazine/mine" element={<MyContributionsPage />} />
              </Route>
              <Route path="conversation" element={<ConversationPage />} />
              <Route path="magazine/:issueId" element={<MagazineReaderPage />} />
            </Route>
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      );
  }
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <BrowserRouter basename={BASENAME}>
        <SessionProvider>
          <Suspense fallback={<LoadingScreen />}>
            <Gate />
          </Suspense>
        </SessionProvider>
      </BrowserRouter>
    </ConfigProvider>
  );
}
