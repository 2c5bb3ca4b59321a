import { lazy, Suspense, type ComponentType } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from './api.ts';
import RequireSignIn from './shell/RequireSignIn.tsx';
import PageLoading from './shell/PageLoading.tsx';

// Every page, and the signed-in layout, is loaded on demand: the first load (the sign-in page)
// carries only what it shows, and each feature's pages come in a chunk of their own.
function page<K extends string>(load: () => Promise<Record<K, unknown>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
const AppLayout = lazy(() => import('./shell/AppLayout.tsx'));
const Landing = lazy(() => import('./shell/Landing.tsx'));
const NotFoundPage = lazy(() => import('./shell/NotFoundPage.tsx'));
// The public pages come from their own files (not their feature's index), so that the first
// load carries nothing of the signed-in pages.
const SignInPage = lazy(() => import('./features/identity/SignInPage.tsx'));
const SetPasswordPage = lazy(() => import('./features/identity/SetPasswordPage.tsx'));
const SignUpPage = lazy(() => import('./features/onboarding/SignUpPage.tsx'));
const AccountPage = page(() => import('./features/identity/index.ts'), 'AccountPage');

const StaffPage = page(() => import('./features/identity/index.ts'), 'StaffPage');
const CustomerDetailPage = page(
  () => import('./features/customers/index.ts'),
  'CustomerDetailPage',
);
const CustomerListPage = page(() => import('./features/customers/index.ts'), 'CustomerListPage');
const DevOutboxPage = page(() => import('./features/messaging/index.ts'), 'DevOutboxPage');
const MessageListPage = page(() => import('./features/messaging/index.ts'), 'MessageListPage');
const TemplateListPage = page(() => import('./features/messaging/index.ts'), 'TemplateListPage');
const ConversationsPage = page(() => import('./features/inbox/index.ts'), 'ConversationsPage');
const AssistantPage = page(() => import('./features/assistant/index.ts'), 'AssistantPage');
const ChannelSettingsPage = page(
  () => import('./features/channels/index.ts'),
  'ChannelSettingsPage',
);
const WebhooksPage = page(() => import('./features/webhooks/index.ts'), 'WebhooksPage');
const MonitoringPage = page(() => import('./features/monitoring/index.ts'), 'MonitoringPage');
const ImportExportPage = page(() => import('./features/imports/index.ts'), 'ImportExportPage');
const AppointmentsPage = page(() => import('./features/appointments/index.ts'), 'AppointmentsPage');
const OpeningHoursPage = page(() => import('./features/appointments/index.ts'), 'OpeningHoursPage');
const ServiceOrderListPage = page(
  () => import('./features/service/index.ts'),
  'ServiceOrderListPage',
);
const ServiceOrderPage = page(() => import('./features/service/index.ts'), 'ServiceOrderPage');
const InspectionPage = page(() => import('./features/inspections/index.ts'), 'InspectionPage');
const InspectionMetricsPage = page(
  () => import('./features/inspections/index.ts'),
  'InspectionMetricsPage',
);
const InspectionTemplatesPage = page(
  () => import('./features/inspections/index.ts'),
  'InspectionTemplatesPage',
);
const InspectionTemplatePage = page(
  () => import('./features/inspections/index.ts'),
  'InspectionTemplatePage',
);
const SegmentEditorPage = page(() => import('./features/segments/index.ts'), 'SegmentEditorPage');
const SegmentListPage = page(() => import('./features/segments/index.ts'), 'SegmentListPage');
const CampaignDetailPage = page(
  () => import('./features/campaigns/index.ts'),
  'CampaignDetailPage',
);
const CampaignEditorPage = page(
  () => import('./features/campaigns/index.ts'),
  'CampaignEditorPage',
);
const CampaignListPage = page(() => import('./features/campaigns/index.ts'), 'CampaignListPage');
const CouponTemplatesPage = page(
  () => import('./features/coupons/index.ts'),
  'CouponTemplatesPage',
);
const MemberCardScanPage = page(() => import('./features/coupons/index.ts'), 'MemberCardScanPage');
const DuePage = page(() => import('./features/due/index.ts'), 'DuePage');
const DueSettingsPage = page(() => import('./features/due/index.ts'), 'DueSettingsPage');
const ReminderPage = page(() => import('./features/reminders/index.ts'), 'ReminderPage');
const LoyaltyLiabilityPage = page(
  () => import('./features/loyalty/index.ts'),
  'LoyaltyLiabilityPage',
);
const LoyaltySettingsPage = page(
  () => import('./features/loyalty/index.ts'),
  'LoyaltySettingsPage',
);
const ReferralFissionPage = page(
  () => import('./features/referrals/index.ts'),
  'ReferralFissionPage',
);
const ReferralListPage = page(() => import('./features/referrals/index.ts'), 'ReferralListPage');
const ReferralSettingsPage = page(
  () => import('./features/referrals/index.ts'),
  'ReferralSettingsPage',
);
const PartnerDetailPage = page(() => import('./features/partners/index.ts'), 'PartnerDetailPage');
const PartnerListPage = page(() => import('./features/partners/index.ts'), 'PartnerListPage');
const PartnerPortalPage = page(() => import('./features/partners/index.ts'), 'PartnerPortalPage');

const DataRequestsPage = page(() => import('./features/privacy/index.ts'), 'DataRequestsPage');
const AuditLogPage = page(() => import('./features/audit/index.ts'), 'AuditLogPage');
const TillReportPage = page(() => import('./features/reports/index.ts'), 'TillReportPage');
const AnalyticsPage = page(() => import('./features/analytics/index.ts'), 'AnalyticsPage');

const MyJobsPage = page(() => import('./features/service/index.ts'), 'MyJobsPage');

const PriceListPage = page(() => import('./features/catalog/index.ts'), 'PriceListPage');
const ClubListPage = page(() => import('./features/clubs/index.ts'), 'ClubListPage');
const ClubPage = page(() => import('./features/clubs/index.ts'), 'ClubPage');
const ModerationPage = page(() => import('./features/moderation/index.ts'), 'ModerationPage');
const EventListPage = page(() => import('./features/events/index.ts'), 'EventListPage');
const EventPage = page(() => import('./features/events/index.ts'), 'EventPage');
const ArticleListPage = page(() => import('./features/articles/index.ts'), 'ArticleListPage');
const ArticleEditorPage = page(() => import('./features/articles/index.ts'), 'ArticleEditorPage');
const AuthorsPage = page(() => import('./features/articles/index.ts'), 'AuthorsPage');
const TagsPage = page(() => import('./features/articles/index.ts'), 'TagsPage');
const IssueListPage = page(() => import('./features/magazine/index.ts'), 'IssueListPage');
const IssueEditorPage = page(() => import('./features/magazine/index.ts'), 'IssueEditorPage');
const ContributionsPage = page(() => import('./features/magazine/index.ts'), 'ContributionsPage');
const HelpCenterPage = page(() => import('./features/help/index.ts'), 'HelpCenterPage');
const DealsBoardPage = page(() => import('./features/deals/index.ts'), 'DealsBoardPage');
const DealPage = page(() => import('./features/deals/index.ts'), 'DealPage');
const ComplaintsBoardPage = page(
  () => import('./features/feedback/index.ts'),
  'ComplaintsBoardPage',
);
const ComplaintPage = page(() => import('./features/feedback/index.ts'), 'ComplaintPage');
const SurveyResultsPage = page(() => import('./features/feedback/index.ts'), 'SurveyResultsPage');
const FeedbackSettingsPage = page(
  () => import('./features/feedback/index.ts'),
  'FeedbackSettingsPage',
);
const PaymentsPage = page(() => import('./features/payments/index.ts'), 'PaymentsPage');

const CallListPage = page(() => import('./features/calls/index.ts'), 'CallListPage');

const WorkbenchPage = page(() => import('./features/workbench/index.ts'), 'WorkbenchPage');

const ReceiptPrintPage = page(() => import('./features/receipts/index.ts'), 'ReceiptPrintPage');

export default function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{
        token: {
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
        },
      }}
    >
      <AntApp>
        <BrowserRouter basename="/console">
          <SessionProvider>
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/sign-in" element={<SignInPage />} />
                <Route path="/set-password" element={<SetPasswordPage />} />
                <Route path="/sign-up" element={<SignUpPage />} />
                <Route
                  path="/service-orders/:orderId/print"
                  element={
                    <RequireSignIn>
                      <ReceiptPrintPage />
                    </RequireSignIn>
                  }
                />
                <Route
                  element={
                    <RequireSignIn>
                      <AppLayout />
                    </RequireSignIn>
                  }
                >
                  <Route index element={<Landing />} />
                  <Route path="customers" element={<CustomerListPage />} />
                  <Route path="customers/:customerId" element={<CustomerDetailPage />} />
                  <Route path="service-orders" element={<ServiceOrderListPage />} />
                  <Route path="service-orders/:orderId" element={<ServiceOrderPage />} />
                  <Route path="inspections/metrics" element={<InspectionMetricsPage />} />
                  <Route path="inspections/templates" element={<InspectionTemplatesPage />} />
                  <Route
                    path="inspections/templates/:templateId"
                    element={<InspectionTemplatePage />}
                  />
                  <Route path="inspections/:inspectionId" element={<InspectionPage />} />
                  <Route path="appointments" element={<AppointmentsPage />} />
                  <Route path="appointments/opening-hours" element={<OpeningHoursPage />} />
                  <Route path="imports" element={<ImportExportPage />} />
                  <Route path="dev/outbox" element={<DevOutboxPage />} />
                  <Route path="messages" element={<MessageListPage />} />
                  <Route path="message-templates" element={<TemplateListPage />} />
                  <Route path="conversations" element={<ConversationsPage />} />
                  <Route path="conversations/:customerId" element={<ConversationsPage />} />
                  <Route path="assistant" element={<AssistantPage />} />
                  <Route path="assistant/:customerId" element={<AssistantPage />} />
                  <Route path="settings/channels" element={<ChannelSettingsPage />} />
                  <Route path="settings/webhooks" element={<WebhooksPage />} />
                  <Route path="monitoring" element={<MonitoringPage />} />
                  <Route path="coupons" element={<CouponTemplatesPage />} />
                  <Route path="member-card" element={<MemberCardScanPage />} />
                  <Route path="loyalty/settings" element={<LoyaltySettingsPage />} />
                  <Route path="loyalty/liability" element={<LoyaltyLiabilityPage />} />
                  <Route path="referrals" element={<ReferralListPage />} />
                  <Route path="referrals/fission" element={<ReferralFissionPage />} />
                  <Route path="referrals/settings" element={<ReferralSettingsPage />} />
                  <Route path="partners" element={<PartnerListPage />} />
                  <Route path="partners/:partnerId" element={<PartnerDetailPage />} />
                  <Route path="portal" element={<PartnerPortalPage />} />
                  <Route path="staff" element={<StaffPage />} />
                  <Route path="account" element={<AccountPage />} />
                  <Route path="due" element={<DuePage />} />
                  <Route path="due/settings" element={<DueSettingsPage />} />
                  <Route path="reminders" element={<ReminderPage />} />
                  <Route path="segments" element={<SegmentListPage />} />
                  <Route path="segments/new" element={<SegmentEditorPage />} />
                  <Route path="segments/:segmentId" element={<SegmentEditorPage />} />
                  <Route path="campaigns" element={<CampaignListPage />} />
                  <Route path="campaigns/new" element={<CampaignEditorPage />} />
                  <Route path="campaigns/:campaignId" element={<CampaignDetailPage />} />
                  <Route path="campaigns/:campaignId/edit" element={<CampaignEditorPage />} />
                  <Route path="privacy/requests" element={<DataRequestsPage />} />
                  <Route path="audit-log" element={<AuditLogPage />} />
                  <Route path="reports/till" element={<TillReportPage />} />
                  <Route path="analytics" element={<AnalyticsPage />} />
                  <Route path="my-jobs" element={<MyJobsPage />} />
                  <Route path="price-list" element={<PriceListPage />} />
                  <Route path="clubs" element={<ClubListPage />} />
                  <Route path="clubs/:clubId" element={<ClubPage />} />
                  <Route path="moderation" element={<ModerationPage />} />
                  <Route path="events" element={<EventListPage />} />
                  <Route path="events/:eventId" element={<EventPage />} />
                  <Route path="articles" element={<ArticleListPage />} />
                  <Route path="articles/:id" element={<ArticleEditorPage />} />
                  <Route path="article-authors" element={<AuthorsPage />} />
                  <Route path="article-tags" element={<TagsPage />} />
                  <Route path="magazine" element={<IssueListPage />} />
                  <Route path="magazine/contributions" element={<ContributionsPage />} />
                  <Route path="magazine/:issueId" element={<IssueEditorPage />} />
                  <Route path="help-center" element={<HelpCenterPage />} />
                  <Route path="deals" element={<DealsBoardPage />} />
                  <Route path="deals/:dealId" element={<DealPage />} />
                  <Route path="complaints" element={<ComplaintsBoardPage />} />
                  <Route path="complaints/:ticketId" element={<ComplaintPage />} />
                  <Route path="satisfaction" element={<SurveyResultsPage />} />
                  <Route path="service-desk/settings" element={<FeedbackSettingsPage />} />
                  <Route path="payments" element={<PaymentsPage />} />
                  <Route path="calls" element={<CallListPage />} />
                  <Route path="today" element={<WorkbenchPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
