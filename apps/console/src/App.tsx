import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from './api.ts';
import AppLayout from './components/AppLayout.tsx';
import RequireSignIn from './components/RequireSignIn.tsx';
import SignInPage from './pages/SignInPage.tsx';
import CustomerListPage from './pages/CustomerListPage.tsx';
import CustomerDetailPage from './pages/CustomerDetailPage.tsx';
import DevOutboxPage from './pages/DevOutboxPage.tsx';
import ImportExportPage from './pages/ImportExportPage.tsx';
import AppointmentsPage from './pages/AppointmentsPage.tsx';
import OpeningHoursPage from './pages/OpeningHoursPage.tsx';
import ServiceOrderListPage from './pages/ServiceOrderListPage.tsx';
import ServiceOrderPage from './pages/ServiceOrderPage.tsx';
import NotFoundPage from './pages/NotFoundPage.tsx';

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
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
