import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from './api.ts';
import AppLayout from './shell/AppLayout.tsx';
import RequireSignIn from './shell/RequireSignIn.tsx';
import SignInPage from './features/identity/SignInPage.tsx';
import CustomerListPage from './features/customers/CustomerListPage.tsx';
import CustomerDetailPage from './features/customers/CustomerDetailPage.tsx';
import DevOutboxPage from './features/messaging/DevOutboxPage.tsx';
import MessageListPage from './features/messaging/MessageListPage.tsx';
import TemplateListPage from './features/messaging/TemplateListPage.tsx';
import ConversationsPage from './features/inbox/ConversationsPage.tsx';
import ChannelSettingsPage from './features/channels/ChannelSettingsPage.tsx';
import WebhooksPage from './features/webhooks/WebhooksPage.tsx';
import ImportExportPage from './features/imports/ImportExportPage.tsx';
import AppointmentsPage from './features/appointments/AppointmentsPage.tsx';
import OpeningHoursPage from './features/appointments/OpeningHoursPage.tsx';
import ServiceOrderListPage from './features/service/ServiceOrderListPage.tsx';
import ServiceOrderPage from './features/service/ServiceOrderPage.tsx';
import NotFoundPage from './shell/NotFoundPage.tsx';
import SegmentListPage from './features/segments/SegmentListPage.tsx';
import SegmentEditorPage from './features/segments/SegmentEditorPage.tsx';
import CampaignListPage from './features/campaigns/CampaignListPage.tsx';
import CampaignEditorPage from './features/campaigns/CampaignEditorPage.tsx';
import CampaignDetailPage from './features/campaigns/CampaignDetailPage.tsx';
import CouponTemplatesPage from './features/coupons/CouponTemplatesPage.tsx';
import MemberCardScanPage from './features/coupons/MemberCardScanPage.tsx';
import DuePage from './features/due/DuePage.tsx';
import DueSettingsPage from './features/due/DueSettingsPage.tsx';
import ReminderPage from './features/reminders/ReminderPage.tsx';
import LoyaltySettingsPage from './features/loyalty/LoyaltySettingsPage.tsx';
import LoyaltyLiabilityPage from './features/loyalty/LoyaltyLiabilityPage.tsx';
import ReferralListPage from './features/referrals/ReferralListPage.tsx';
import ReferralFissionPage from './features/referrals/ReferralFissionPage.tsx';
import ReferralSettingsPage from './features/referrals/ReferralSettingsPage.tsx';
import PartnerListPage from './features/partners/PartnerListPage.tsx';
import PartnerDetailPage from './features/partners/PartnerDetailPage.tsx';
import PartnerPortalPage from './features/partners/PartnerPortalPage.tsx';
import StaffPage from './features/identity/StaffPage.tsx';
import AccountPage from './features/identity/AccountPage.tsx';
import SetPasswordPage from './features/identity/SetPasswordPage.tsx';
import SignUpPage from './features/onboarding/SignUpPage.tsx';
import DataRequestsPage from './features/privacy/DataRequestsPage.tsx';
import AuditLogPage from './features/audit/AuditLogPage.tsx';

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
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="/set-password" element={<SetPasswordPage />} />
              <Route path="/sign-up" element={<SignUpPage />} />
              <Route
                element={
                  <RequireSignIn>
                    <AppLayout />
                  </RequireSignIn>
                }
              >
                <Route index element={<Navigate to="/customers" replace />} />
                <Route path="customers" element={<CustomerListPage />} />
                <Route path="customers/:customerId" element={<CustomerDetailPage />} />
                <Route path="service-orders" element={<ServiceOrderListPage />} />
                <Route path="service-orders/:orderId" element={<ServiceOrderPage />} />
                <Route path="appointments" element={<AppointmentsPage />} />
                <Route path="appointments/opening-hours" element={<OpeningHoursPage />} />
                <Route path="imports" element={<ImportExportPage />} />
                <Route path="dev/outbox" element={<DevOutboxPage />} />
                <Route path="messages" element={<MessageListPage />} />
                <Route path="message-templates" element={<TemplateListPage />} />
                <Route path="conversations" element={<ConversationsPage />} />
                <Route path="conversations/:customerId" element={<ConversationsPage />} />
                <Route path="settings/channels" element={<ChannelSettingsPage />} />
                <Route path="settings/webhooks" element={<WebhooksPage />} />
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
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
