import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App, Avatar, Button, Flex, Layout, Menu, Tag, Tooltip, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import {
  CalendarOutlined,
  FileTextOutlined,
  ImportOutlined,
  LogoutOutlined,
  MailOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { canSeeDevOutbox, useAppConfig, useStaff, useSession } from '../api.ts';
import { errorText } from '../errors.ts';
import { canImport } from '../pages/ImportExportPage.tsx';
import LanguageSwitch from './LanguageSwitch.tsx';
import StoreSwitcher from './StoreSwitcher.tsx';

const { Header, Sider, Content } = Layout;

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/dev/outbox')) return 'outbox';
  if (pathname.startsWith('/imports')) return 'imports';
  if (pathname.startsWith('/appointments')) return 'appointments';
  if (pathname.startsWith('/service-orders')) return 'serviceOrders';
  return 'customers';
}

export default function AppLayout() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const staff = useStaff();
  const { signOut } = useSession();
  const config = useAppConfig();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  const items: MenuProps['items'] = [
    {
      key: 'customers',
      icon: <TeamOutlined />,
      label: <Link to="/customers">{t('nav.customers')}</Link>,
    },
    {
      key: 'serviceOrders',
      icon: <FileTextOutlined />,
      label: (
        <Link to="/service-orders" data-testid="nav-service-orders">
          {t('serviceOrders.nav')}
        </Link>
      ),
    },
    {
      key: 'appointments',
      icon: <CalendarOutlined />,
      label: (
        <Link to="/appointments" data-testid="nav-appointments">
          {t('appointments.nav')}
        </Link>
      ),
    },
  ];
  if (canImport(staff)) {
    items.push({
      key: 'imports',
      icon: <ImportOutlined />,
      label: (
        <Link to="/imports" data-testid="nav-imports">
          {t('imports.nav')}
        </Link>
      ),
    });
  }
  if (canSeeDevOutbox(staff) && config?.environment !== 'production') {
    items.push({
      key: 'outbox',
      icon: <MailOutlined />,
      label: <Link to="/dev/outbox">{t('nav.devOutbox')}</Link>,
    });
  }

  async function handleSignOut() {
    setSigningOut(true);
    try {
      await signOut();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setSigningOut(false);
      navigate('/sign-in', { replace: true });
    }
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        theme="light"
        width={200}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        style={{
          borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
          position: 'sticky',
          top: 0,
          height: '100vh',
          overflow: 'auto',
        }}
      >
        <Flex
          align="center"
          gap={10}
          style={{ height: 64, paddingInline: collapsed ? 24 : 20, overflow: 'hidden' }}
        >
          <Avatar
            shape="square"
            size={32}
            style={{ background: token.colorPrimary, flex: 'none', fontWeight: 600 }}
          >
            {t('app.logoChar')}
          </Avatar>
          {!collapsed && (
            <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Typography.Text>
          )}
        </Flex>
        <Menu
          mode="inline"
          selectedKeys={[selectedKey(location.pathname)]}
          items={items}
          style={{ borderInlineEnd: 0 }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: 24,
            display: 'flex',
            alignItems: 'center',
            gap: 16,
          }}
        >
          <Typography.Text
            strong
            ellipsis
            style={{ fontSize: 16, flex: 1, minWidth: 0 }}
            data-testid="tenant-name"
          >
            {staff.tenant.name}
          </Typography.Text>
          <StoreSwitcher />
          <LanguageSwitch />
          <Flex align="center" gap={8} style={{ whiteSpace: 'nowrap' }}>
            <Avatar size="small" icon={<UserOutlined />} />
            <Typography.Text data-testid="staff-name">{staff.name}</Typography.Text>
            <Tag variant="filled" color="blue" style={{ marginInlineEnd: 0 }}>
              {t(`roles.${staff.role}`)}
            </Tag>
          </Flex>
          <Tooltip title={t('layout.signOut')}>
            <Button
              data-testid="sign-out"
              type="text"
              icon={<LogoutOutlined />}
              loading={signingOut}
              onClick={() => void handleSignOut()}
              aria-label={t('layout.signOut')}
            />
          </Tooltip>
        </Header>
        <Content style={{ padding: 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
