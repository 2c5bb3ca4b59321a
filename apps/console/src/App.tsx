import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from './api.ts';
import AppLayout from './shell/AppLayout.tsx';
import RequireSignIn from './shell/RequireSignIn.tsx';
import { AccountPage, SetPasswordPage, SignInPage, StaffPage } from './features/identity/index.ts';
import { CustomerDetailPage, CustomerListPage } from './features/customers/index.ts';
import { DevOutboxPage, MessageListPage, TemplateListPage } from './features/messaging/index.ts';
import { ConversationsPage } from './features/inbox/index.ts';
import { ChannelSettingsPage } from './features/channels/index.ts';
import { WebhooksPage } from './features/webhooks/index.ts';
import { ImportExportPage } from './features/imports/index.ts';
import { AppointmentsPage, OpeningHoursPage } from './features/appointments/index.ts';
import { ServiceOrderListPage, ServiceOrderPage } from './features/service/index.ts';
import NotFoundPage from './shell/NotFoundPage.tsx';
import { SegmentEditorPage, SegmentListPage } from './features/segments/index.ts';
import {
  CampaignDetailPage,
  CampaignEditorPage,
  CampaignListPage,
} from './features/campaigns/index.ts';
import { CouponTemplatesPage, MemberCardScanPage } from './features/coupons/index.ts';
import { DuePage, DueSettingsPage } from './features/due/index.ts';
import { ReminderPage } from './features/reminders/index.ts';
import { LoyaltyLiabilityPage, LoyaltySettingsPage } from './features/loyalty/index.ts';
import {
  ReferralFissionPage,
  ReferralListPage,
  ReferralSettingsPage,
} from './features/referrals/index.ts';
import {
  PartnerDetailPage,
  PartnerListPage,
  PartnerPortalPage,
} from './features/partners/index.ts';
import { SignUpPage } from './features/onboarding/index.ts';
import { DataRequestsPage } from './features/privacy/index.ts';
import { AuditLogPage } from './features/audit/index.ts';
import { TillReportPage } from './features/reports/index.ts';
import { ReceiptPrintPage } from './features/receipts/index.ts';

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
                <Route path="reports/till" element={<TillReportPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
