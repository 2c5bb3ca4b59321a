import { Suspense, useState } from 'react';
import PageLoading from './PageLoading.tsx';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import {
  Avatar,
  Button,
  Drawer,
  Flex,
  Grid,
  Layout,
  Menu,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import type { MenuProps } from 'antd';
import {
  AccountBookOutlined,
  AlertOutlined,
  CrownOutlined,
  ApartmentOutlined,
  RocketOutlined,
  CalendarOutlined,
  FileTextOutlined,
  ApiOutlined,
  GiftOutlined,
  ImportOutlined,
  QrcodeOutlined,
  LogoutOutlined,
  MailOutlined,
  MessageOutlined,
  NotificationOutlined,
  ShareAltOutlined,
  ShopOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
  MenuOutlined,
  IdcardOutlined,
  SafetyOutlined,
  AuditOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  ToolOutlined,
  PhoneOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { canSeeDevOutbox, useAppConfig, useStaff, useSession } from '../api.ts';
import { useAction } from '../kit/index.ts';
import { canImport } from '../features/imports/index.ts';
import { canConverse, ConversationsNavLabel, useStaffUnread } from '../features/inbox/index.ts';
import { hasWorkbench } from '../features/workbench/index.ts';
import LanguageSwitch from './LanguageSwitch.tsx';
import StoreSwitcher from './StoreSwitcher.tsx';

const { Header, Sider, Content } = Layout;

function selectedKey(pathname: string): string {
  if (pathname === '/' || pathname.startsWith('/today')) return 'today';
  if (pathname.startsWith('/dev/outbox')) return 'outbox';
  if (pathname.startsWith('/messages')) return 'messages';
  if (pathname.startsWith('/message-templates')) return 'messageTemplates';
  if (pathname.startsWith('/segments')) return 'segments';
  if (pathname.startsWith('/campaigns')) return 'campaigns';
  if (pathname.startsWith('/conversations')) return 'conversations';
  if (pathname.startsWith('/settings/channels')) return 'channels';
  if (pathname.startsWith('/settings/webhooks')) return 'webhooks';
  if (pathname.startsWith('/imports')) return 'imports';
  if (pathname.startsWith('/coupons')) return 'coupons';
  if (pathname.startsWith('/due')) return 'due';
  if (pathname.startsWith('/reports/till')) return 'till';
  if (pathname.startsWith('/calls')) return 'calls';
  if (pathname.startsWith('/reminders')) return 'reminders';
  if (pathname.startsWith('/member-card')) return 'memberCard';
  if (pathname.startsWith('/loyalty/settings')) return 'loyaltySettings';
  if (pathname.startsWith('/loyalty/liability')) return 'loyaltyLiability';
  if (pathname.startsWith('/appointments')) return 'appointments';
  if (pathname.startsWith('/service-orders')) return 'serviceOrders';
  if (pathname.startsWith('/my-jobs')) return 'myJobs';
  if (pathname.startsWith('/price-list')) return 'priceList';
  if (pathname.startsWith('/referrals/fission')) return 'referralFission';
  if (pathname.startsWith('/referrals/settings')) return 'referralSettings';
  if (pathname.startsWith('/referrals')) return 'referrals';
  if (pathname.startsWith('/partners')) return 'partners';
  if (pathname.startsWith('/portal')) return 'portal';
  if (pathname.startsWith('/staff')) return 'staff';
  if (pathname.startsWith('/account')) return 'account';
  if (pathname.startsWith('/privacy')) return 'dataRequests';
  if (pathname.startsWith('/audit-log')) return 'auditLog';
  return 'customers';
}

/** The menu group to open on arrival (老带新 / 异业联盟). */
function openGroup(pathname: string): string[] {
  if (pathname.startsWith('/referrals')) return ['referralGroup'];
  if (pathname.startsWith('/partners')) return ['partnerGroup'];
  return [];
}

export default function AppLayout() {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const staff = useStaff();
  const { signOut } = useSession();
  const config = useAppConfig();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const action = useAction();
  // A phone-width screen: the menu moves into a drawer and the header keeps what fits.
  const narrow = Grid.useBreakpoint().md === false;
  const [navOpen, setNavOpen] = useState(false);
  const conversationsUnread = useStaffUnread(canConverse(staff.role));

  const accountItem = {
    key: 'account',
    icon: <SafetyOutlined />,
    label: (
      <Link to="/account" data-testid="nav-account">
        {t('account.nav')}
      </Link>
    ),
  };
  const todayItem = {
    key: 'today',
    icon: <DashboardOutlined />,
    label: (
      <Link to="/today" data-testid="nav-today">
        {t('workbench.nav')}
      </Link>
    ),
  };
  const items: NonNullable<MenuProps['items']> = [
    ...(hasWorkbench(staff.role) ? [todayItem] : []),
    {
      key: 'customers',
      icon: <TeamOutlined />,
      label: (
        <Link to="/customers" data-testid="nav-customers">
          {t('nav.customers')}
        </Link>
      ),
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
    ...(staff.role === 'owner' || staff.role === 'manager' || staff.role === 'advisor'
      ? [
          {
            key: 'till',
            icon: <AccountBookOutlined />,
            label: (
              <Link to="/reports/till" data-testid="nav-till">
                {t('till.nav')}
              </Link>
            ),
          },
        ]
      : []),
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
  // 我的工单: technicians' own list; owners and managers also read anyone's hours there.
  if (staff.role === 'technician' || staff.role === 'owner' || staff.role === 'manager')
    items.splice(staff.role === 'technician' ? 0 : 2, 0, {
      key: 'myJobs',
      icon: <ToolOutlined />,
      label: (
        <Link to="/my-jobs" data-testid="nav-my-jobs">
          {t('workshop.nav')}
        </Link>
      ),
    });
  if (staff.role !== 'partner')
    items.push({
      key: 'priceList',
      icon: <UnorderedListOutlined />,
      label: (
        <Link to="/price-list" data-testid="nav-price-list">
          {t('catalog.nav')}
        </Link>
      ),
    });
  if (staff.role !== 'partner')
    items.push({
      key: 'due',
      icon: <AlertOutlined />,
      label: (
        <Link to="/due" data-testid="nav-due">
          {t('due.nav')}
        </Link>
      ),
    });
  if (staff.role !== 'partner')
    items.push({
      key: 'calls',
      icon: <PhoneOutlined />,
      label: (
        <Link to="/calls" data-testid="nav-calls">
          {t('calls.nav')}
        </Link>
      ),
    });
  if (staff.role !== 'partner')
    items.push({
      key: 'reminders',
      icon: <NotificationOutlined />,
      label: (
        <Link to="/reminders" data-testid="nav-reminders">
          {t('reminders.nav')}
        </Link>
      ),
    });
  if (staff.role === 'owner' || staff.role === 'manager')
    items.push(
      {
        key: 'segments',
        icon: <ApartmentOutlined />,
        label: (
          <Link to="/segments" data-testid="nav-segments">
            {t('segments.nav')}
          </Link>
        ),
      },
      {
        key: 'campaigns',
        icon: <RocketOutlined />,
        label: (
          <Link to="/campaigns" data-testid="nav-campaigns">
            {t('campaigns.nav')}
          </Link>
        ),
      },
    );
  if (canConverse(staff.role)) {
    items.push({
      key: 'conversations',
      icon: <MessageOutlined />,
      label: <ConversationsNavLabel unread={conversationsUnread?.unreadConversations ?? 0} />,
    });
  }
  if (staff.role !== 'partner') {
    items.push(
      {
        key: 'memberCard',
        icon: <QrcodeOutlined />,
        label: (
          <Link to="/member-card" data-testid="nav-member-card">
            {t('memberCard.nav')}
          </Link>
        ),
      },
      {
        key: 'coupons',
        icon: <GiftOutlined />,
        label: (
          <Link to="/coupons" data-testid="nav-coupons">
            {t('coupons.nav')}
          </Link>
        ),
      },
    );
  }
  if (staff.role === 'owner' || staff.role === 'manager') {
    items.push(
      {
        key: 'loyaltySettings',
        icon: <CrownOutlined />,
        label: (
          <Link to="/loyalty/settings" data-testid="nav-loyalty-settings">
            {t('loyalty.nav.settings')}
          </Link>
        ),
      },
      {
        key: 'loyaltyLiability',
        icon: <AccountBookOutlined />,
        label: (
          <Link to="/loyalty/liability" data-testid="nav-loyalty-liability">
            {t('loyalty.nav.liability')}
          </Link>
        ),
      },
    );
  }
  if (staff.role === 'owner' || staff.role === 'manager' || staff.role === 'advisor') {
    const manages = staff.role !== 'advisor';
    items.push({
      key: 'referralGroup',
      icon: <ShareAltOutlined />,
      label: t('referrals.nav.group'),
      children: [
        {
          key: 'referrals',
          label: (
            <Link to="/referrals" data-testid="nav-referrals">
              {t('referrals.nav.list')}
            </Link>
          ),
        },
        {
          key: 'referralFission',
          label: (
            <Link to="/referrals/fission" data-testid="nav-referral-fission">
              {t('referrals.nav.fission')}
            </Link>
          ),
        },
        ...(manages
          ? [
              {
                key: 'referralSettings',
                label: (
                  <Link to="/referrals/settings" data-testid="nav-referral-settings">
                    {t('referrals.nav.settings')}
                  </Link>
                ),
              },
            ]
          : []),
      ],
    });
    if (manages)
      items.push({
        key: 'partnerGroup',
        icon: <ShopOutlined />,
        label: t('partners.nav.group'),
        children: [
          {
            key: 'partners',
            label: (
              <Link to="/partners" data-testid="nav-partners">
                {t('partners.nav.list')}
              </Link>
            ),
          },
        ],
      });
  }
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
  if (staff.role !== 'partner' && staff.role !== 'technician')
    items.push(
      {
        key: 'messages',
        icon: <MailOutlined />,
        label: (
          <Link to="/messages" data-testid="nav-messages">
            {t('messaging.navMessages')}
          </Link>
        ),
      },
      {
        key: 'messageTemplates',
        icon: <MailOutlined />,
        label: (
          <Link to="/message-templates" data-testid="nav-message-templates">
            {t('messaging.navTemplates')}
          </Link>
        ),
      },
    );
  if (staff.role === 'owner' || staff.role === 'manager') {
    items.push({
      key: 'channels',
      icon: <NotificationOutlined />,
      label: (
        <Link to="/settings/channels" data-testid="nav-channels">
          {t('channels.nav')}
        </Link>
      ),
    });
  }
  if (staff.role === 'owner')
    items.push({
      key: 'webhooks',
      icon: <ApiOutlined />,
      label: (
        <Link to="/settings/webhooks" data-testid="nav-webhooks">
          {t('webhooks.nav')}
        </Link>
      ),
    });
  if (staff.role === 'owner')
    items.push({
      key: 'staff',
      icon: <IdcardOutlined />,
      label: (
        <Link to="/staff" data-testid="nav-staff">
          {t('staffAdmin.nav')}
        </Link>
      ),
    });
  if (staff.role === 'owner' || staff.role === 'manager') {
    items.push(
      {
        key: 'dataRequests',
        icon: <SafetyCertificateOutlined />,
        label: (
          <Link to="/privacy/requests" data-testid="nav-data-requests">
            {t('privacy.nav')}
          </Link>
        ),
      },
      {
        key: 'auditLog',
        icon: <AuditOutlined />,
        label: (
          <Link to="/audit-log" data-testid="nav-audit-log">
            {t('audit.nav')}
          </Link>
        ),
      },
    );
  }
  items.push(accountItem);
  if (canSeeDevOutbox(staff) && config?.environment !== 'production') {
    items.push({
      key: 'outbox',
      icon: <MailOutlined />,
      label: <Link to="/dev/outbox">{t('nav.devOutbox')}</Link>,
    });
  }

  // A partner merchant's account sees only its portal.
  const portalItems: MenuProps['items'] = [
    {
      key: 'portal',
      icon: <ShopOutlined />,
      label: (
        <Link to="/portal" data-testid="nav-portal">
          {t('partners.nav.portal')}
        </Link>
      ),
    },
    accountItem,
  ];

  async function handleSignOut() {
    await action.run('signOut', signOut);
    navigate('/sign-in', { replace: true });
  }

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      defaultOpenKeys={openGroup(location.pathname)}
      items={staff.role === 'partner' ? portalItems : items}
      style={{ borderInlineEnd: 0 }}
      onClick={() => setNavOpen(false)}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {narrow && (
        <Drawer
          placement="left"
          open={navOpen}
          onClose={() => setNavOpen(false)}
          size={240}
          title={t('app.name')}
          styles={{ body: { padding: 0 } }}
          data-testid="nav-drawer"
        >
          {menu}
        </Drawer>
      )}
      <Sider
        hidden={narrow}
        theme="light"
        // English labels are longer than their zh-CN ones: a wider menu rather than cut words.
        width={i18n.language === 'en' ? 232 : 200}
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
        {menu}
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: narrow ? 12 : 24,
            display: 'flex',
            alignItems: 'center',
            gap: narrow ? 8 : 16,
          }}
        >
          {narrow && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('layout.menu')}
              data-testid="nav-open"
              onClick={() => setNavOpen(true)}
            />
          )}
          <Typography.Text
            strong
            ellipsis
            style={{ fontSize: 16, flex: 1, minWidth: 0 }}
            data-testid="tenant-name"
          >
            {narrow ? null : staff.tenant.name}
          </Typography.Text>
          {staff.role !== 'partner' && <StoreSwitcher width={narrow ? 130 : 200} />}
          <LanguageSwitch compact={narrow} />
          <Flex align="center" gap={8} style={{ whiteSpace: 'nowrap' }}>
            <Avatar size="small" icon={<UserOutlined />} />
            <Typography.Text
              data-testid="staff-name"
              ellipsis
              style={narrow ? { maxWidth: 48 } : undefined}
            >
              {staff.name}
            </Typography.Text>
            {!narrow && (
              <Tag variant="filled" color="blue" style={{ marginInlineEnd: 0 }}>
                {t(`roles.${staff.role}`)}
              </Tag>
            )}
          </Flex>
          <Tooltip title={t('layout.signOut')}>
            <Button
              data-testid="sign-out"
              type="text"
              icon={<LogoutOutlined />}
              loading={action.busy === 'signOut'}
              onClick={() => void handleSignOut()}
              aria-label={t('layout.signOut')}
            />
          </Tooltip>
        </Header>
        <Content style={{ padding: narrow ? 12 : 24 }}>
          {staff.role === 'partner' &&
          !location.pathname.startsWith('/portal') &&
          !location.pathname.startsWith('/account') ? (
            <Navigate to="/portal" replace />
          ) : (
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          )}
        </Content>
      </Layout>
    </Layout>
  );
}
