import { Suspense, useState, type ReactNode } from 'react';
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
  CustomerServiceOutlined,
  QuestionCircleOutlined,
  BarChartOutlined,
  ShoppingOutlined,
  AlertOutlined,
  FormOutlined,
  CrownOutlined,
  FlagOutlined,
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
  RobotOutlined,
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
  ReadOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  ToolOutlined,
  PhoneOutlined,
  RadarChartOutlined,
  SmileOutlined,
  SettingOutlined,
  BookOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { canSeeDevOutbox, useAppConfig, useStaff, useSession } from '../api.ts';
import { useAction } from '../kit/index.ts';
import { canImport } from '../features/imports/index.ts';
import {
  canConverse,
  ConversationsNavLabel,
  useStaffAlerts,
  useStaffUnread,
} from '../features/inbox/index.ts';
import { hasWorkbench } from '../features/workbench/index.ts';
import { canReadClubs } from '../features/clubs/index.ts';
import { canModerate } from '../features/moderation/index.ts';
import LanguageSwitch from './LanguageSwitch.tsx';
import StoreSwitcher from './StoreSwitcher.tsx';

const { Header, Sider, Content } = Layout;

/** A menu entry that opens a page; `testId` names its link for browser tests. */
function linkItem(key: string, icon: ReactNode, to: string, text: string, testId: string) {
  return {
    key,
    icon,
    label: (
      <Link to={to} data-testid={testId}>
        {text}
      </Link>
    ),
  };
}

function selectedKey(pathname: string): string {
  if (pathname === '/' || pathname.startsWith('/today')) return 'today';
  if (pathname.startsWith('/dev/outbox')) return 'outbox';
  if (pathname.startsWith('/messages')) return 'messages';
  if (pathname.startsWith('/message-templates')) return 'messageTemplates';
  if (pathname.startsWith('/segments')) return 'segments';
  if (pathname.startsWith('/campaigns')) return 'campaigns';
  if (pathname.startsWith('/conversations')) return 'conversations';
  if (pathname.startsWith('/assistant')) return 'assistant';
  if (pathname.startsWith('/settings/channels')) return 'channels';
  if (pathname.startsWith('/settings/webhooks')) return 'webhooks';
  if (pathname.startsWith('/imports')) return 'imports';
  if (pathname.startsWith('/coupons')) return 'coupons';
  if (pathname.startsWith('/due')) return 'due';
  if (pathname.startsWith('/reports/till')) return 'till';
  if (pathname.startsWith('/payments')) return 'payments';
  if (pathname.startsWith('/analytics')) return 'analytics';
  if (pathname.startsWith('/calls')) return 'calls';
  if (pathname.startsWith('/reminders')) return 'reminders';
  if (pathname.startsWith('/member-card')) return 'memberCard';
  if (pathname.startsWith('/loyalty/settings')) return 'loyaltySettings';
  if (pathname.startsWith('/loyalty/liability')) return 'loyaltyLiability';
  if (pathname.startsWith('/appointments')) return 'appointments';
  if (pathname.startsWith('/inspections/metrics')) return 'inspectionMetrics';
  if (pathname.startsWith('/inspections/templates')) return 'inspectionTemplates';
  if (pathname.startsWith('/inspections')) return 'serviceOrders';
  if (pathname.startsWith('/service-orders')) return 'serviceOrders';
  if (pathname.startsWith('/my-jobs')) return 'myJobs';
  if (pathname.startsWith('/price-list')) return 'priceList';
  if (pathname.startsWith('/deals')) return 'deals';
  if (pathname.startsWith('/complaints')) return 'complaints';
  if (pathname.startsWith('/satisfaction')) return 'satisfaction';
  if (pathname.startsWith('/service-desk')) return 'serviceDeskSettings';
  if (pathname.startsWith('/referrals/fission')) return 'referralFission';
  if (pathname.startsWith('/referrals/settings')) return 'referralSettings';
  if (pathname.startsWith('/referrals')) return 'referrals';
  if (pathname.startsWith('/partners')) return 'partners';
  if (pathname.startsWith('/clubs')) return 'clubs';
  if (pathname.startsWith('/moderation')) return 'moderation';
  if (pathname.startsWith('/events')) return 'events';
  if (pathname.startsWith('/monitoring')) return 'monitoring';
  if (pathname.startsWith('/articles')) return 'articles';
  if (pathname.startsWith('/article-authors')) return 'articleAuthors';
  if (pathname.startsWith('/article-tags')) return 'articleTags';
  if (pathname.startsWith('/magazine/contributions')) return 'magazineReview';
  if (pathname.startsWith('/magazine')) return 'magazine';
  if (pathname.startsWith('/help-center')) return 'helpCenter';
  if (pathname.startsWith('/portal')) return 'portal';
  if (pathname.startsWith('/staff')) return 'staff';
  if (pathname.startsWith('/account')) return 'account';
  if (pathname.startsWith('/privacy')) return 'dataRequests';
  if (pathname.startsWith('/audit-log')) return 'auditLog';
  return 'customers';
}

/** The menu group to open on arrival (老带新 / 异业联盟 / 车友社区). */
function openGroup(pathname: string): string[] {
  if (
    pathname.startsWith('/complaints') ||
    pathname.startsWith('/satisfaction') ||
    pathname.startsWith('/service-desk') ||
    pathname.startsWith('/help-center') ||
    pathname.startsWith('/assistant')
  )
    return ['serviceDesk'];
  if (pathname.startsWith('/referrals')) return ['referralGroup'];
  if (pathname.startsWith('/partners')) return ['partnerGroup'];
  if (
    pathname.startsWith('/events') ||
    pathname.startsWith('/deals') ||
    pathname.startsWith('/clubs') ||
    pathname.startsWith('/moderation')
  )
    return ['community'];
  if (
    pathname.startsWith('/article') ||
    pathname.startsWith('/magazine') ||
    pathname.startsWith('/monitoring')
  )
    return ['content'];
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
  useStaffAlerts(canConverse(staff.role));

  const accountItem = linkItem(
    'account',
    <SafetyOutlined />,
    '/account',
    t('account.nav'),
    'nav-account',
  );
  const todayItem = linkItem(
    'today',
    <DashboardOutlined />,
    '/today',
    t('workbench.nav'),
    'nav-today',
  );
  const items: NonNullable<MenuProps['items']> = [
    ...(hasWorkbench(staff.role) ? [todayItem] : []),
    linkItem('customers', <TeamOutlined />, '/customers', t('nav.customers'), 'nav-customers'),
    linkItem(
      'serviceOrders',
      <FileTextOutlined />,
      '/service-orders',
      t('serviceOrders.nav'),
      'nav-service-orders',
    ),
    ...(staff.role === 'owner' || staff.role === 'manager' || staff.role === 'advisor'
      ? [
          linkItem('till', <AccountBookOutlined />, '/reports/till', t('till.nav'), 'nav-till'),
          linkItem(
            'payments',
            <AccountBookOutlined />,
            '/payments',
            t('payments.nav'),
            'nav-payments',
          ),
        ]
      : []),
    ...(staff.role === 'owner' || staff.role === 'manager'
      ? [
          linkItem(
            'inspectionMetrics',
            <SafetyCertificateOutlined />,
            '/inspections/metrics',
            t('inspections.nav'),
            'nav-inspection-metrics',
          ),
        ]
      : []),
    ...(staff.role === 'owner' || staff.role === 'manager'
      ? [
          linkItem(
            'analytics',
            <BarChartOutlined />,
            '/analytics',
            t('analytics.nav'),
            'nav-analytics',
          ),
        ]
      : []),
    linkItem(
      'appointments',
      <CalendarOutlined />,
      '/appointments',
      t('appointments.nav'),
      'nav-appointments',
    ),
  ];
  // 我的工单: technicians' own list; owners and managers also read anyone's hours there.
  if (staff.role === 'technician' || staff.role === 'owner' || staff.role === 'manager')
    items.splice(
      staff.role === 'technician' ? 0 : 2,
      0,
      linkItem('myJobs', <ToolOutlined />, '/my-jobs', t('workshop.nav'), 'nav-my-jobs'),
    );
  if (staff.role !== 'partner')
    items.push(
      linkItem(
        'priceList',
        <UnorderedListOutlined />,
        '/price-list',
        t('catalog.nav'),
        'nav-price-list',
      ),
    );
  if (staff.role !== 'partner')
    items.push(
      linkItem(
        'inspectionTemplates',
        <FormOutlined />,
        '/inspections/templates',
        t('inspections.templates.nav'),
        'nav-inspection-templates',
      ),
    );
  if (staff.role !== 'partner')
    items.push(linkItem('due', <AlertOutlined />, '/due', t('due.nav'), 'nav-due'));
  if (staff.role !== 'partner')
    items.push(linkItem('calls', <PhoneOutlined />, '/calls', t('calls.nav'), 'nav-calls'));
  if (staff.role !== 'partner')
    items.push(
      linkItem(
        'reminders',
        <NotificationOutlined />,
        '/reminders',
        t('reminders.nav'),
        'nav-reminders',
      ),
    );
  if (staff.role === 'owner' || staff.role === 'manager')
    items.push(
      linkItem('segments', <ApartmentOutlined />, '/segments', t('segments.nav'), 'nav-segments'),
      linkItem('campaigns', <RocketOutlined />, '/campaigns', t('campaigns.nav'), 'nav-campaigns'),
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
      linkItem(
        'memberCard',
        <QrcodeOutlined />,
        '/member-card',
        t('memberCard.nav'),
        'nav-member-card',
      ),
      linkItem('coupons', <GiftOutlined />, '/coupons', t('coupons.nav'), 'nav-coupons'),
    );
  }
  if (staff.role === 'owner' || staff.role === 'manager') {
    items.push(
      linkItem(
        'loyaltySettings',
        <CrownOutlined />,
        '/loyalty/settings',
        t('loyalty.nav.settings'),
        'nav-loyalty-settings',
      ),
      linkItem(
        'loyaltyLiability',
        <AccountBookOutlined />,
        '/loyalty/liability',
        t('loyalty.nav.liability'),
        'nav-loyalty-liability',
      ),
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
  // 车友社区: events (活动), group buys (团购), the car clubs (车友会) and their moderation (内容审核).
  const community = [
    linkItem('events', <CalendarOutlined />, '/events', t('events.nav'), 'nav-events'),
    linkItem('deals', <ShoppingOutlined />, '/deals', t('deals.nav'), 'nav-deals'),
    ...(canReadClubs(staff)
      ? [linkItem('clubs', <TeamOutlined />, '/clubs', t('clubs.nav'), 'nav-clubs')]
      : []),
    ...(canModerate(staff)
      ? [
          linkItem(
            'moderation',
            <SafetyOutlined />,
            '/moderation',
            t('moderation.nav'),
            'nav-moderation',
          ),
        ]
      : []),
  ];
  // 客服: complaint tickets (投诉工单), the assistant (智能助手), the help center (帮助中心) owners
  // search in the app, survey results (满意度) and the desk's settings.
  if (staff.role !== 'partner')
    items.push({
      key: 'serviceDesk',
      icon: <CustomerServiceOutlined />,
      label: t('feedback.nav.group'),
      children: [
        linkItem(
          'complaints',
          <CustomerServiceOutlined />,
          '/complaints',
          t('feedback.nav.complaints'),
          'nav-complaints',
        ),
        ...(canConverse(staff.role)
          ? [
              linkItem(
                'assistant',
                <RobotOutlined />,
                '/assistant',
                t('assistant.nav'),
                'nav-assistant',
              ),
            ]
          : []),
        linkItem(
          'helpCenter',
          <QuestionCircleOutlined />,
          '/help-center',
          t('help.nav'),
          'nav-help-center',
        ),
        ...(staff.role !== 'technician'
          ? [
              linkItem(
                'satisfaction',
                <SmileOutlined />,
                '/satisfaction',
                t('feedback.nav.surveys'),
                'nav-satisfaction',
              ),
              linkItem(
                'serviceDeskSettings',
                <SettingOutlined />,
                '/service-desk/settings',
                t('feedback.nav.settings'),
                'nav-service-desk-settings',
              ),
            ]
          : []),
      ],
    });
  if (staff.role !== 'partner')
    items.push({
      key: 'community',
      icon: <FlagOutlined />,
      label: t('nav.community'),
      children: community,
    });
  // 内容: articles, authors, tags (articles); magazine, contributions (magazine); 舆情监测 (monitoring).
  const content = [
    ...(staff.role !== 'partner'
      ? [
          linkItem(
            'articles',
            <FileTextOutlined />,
            '/articles',
            t('articles.nav'),
            'nav-articles',
          ),
          linkItem(
            'articleAuthors',
            <UserOutlined />,
            '/article-authors',
            t('articles.authors.nav'),
            'nav-article-authors',
          ),
          linkItem(
            'articleTags',
            <TagsOutlined />,
            '/article-tags',
            t('articles.tagsPage.nav'),
            'nav-article-tags',
          ),
          linkItem('magazine', <BookOutlined />, '/magazine', t('magazine.nav'), 'nav-magazine'),
          linkItem(
            'magazineReview',
            <AuditOutlined />,
            '/magazine/contributions',
            t('magazine.navReview'),
            'nav-magazine-review',
          ),
        ]
      : []),
    ...(staff.role === 'owner' || staff.role === 'manager'
      ? [
          linkItem(
            'monitoring',
            <RadarChartOutlined />,
            '/monitoring',
            t('monitoring.nav'),
            'nav-monitoring',
          ),
        ]
      : []),
  ];
  if (content.length)
    items.push({
      key: 'content',
      icon: <ReadOutlined />,
      label: t('nav.content'),
      children: content,
    });
  if (canImport(staff)) {
    items.push(
      linkItem('imports', <ImportOutlined />, '/imports', t('imports.nav'), 'nav-imports'),
    );
  }
  if (staff.role !== 'partner' && staff.role !== 'technician')
    items.push(
      linkItem(
        'messages',
        <MailOutlined />,
        '/messages',
        t('messaging.navMessages'),
        'nav-messages',
      ),
      linkItem(
        'messageTemplates',
        <MailOutlined />,
        '/message-templates',
        t('messaging.navTemplates'),
        'nav-message-templates',
      ),
    );
  if (staff.role === 'owner' || staff.role === 'manager') {
    items.push(
      linkItem(
        'channels',
        <NotificationOutlined />,
        '/settings/channels',
        t('channels.nav'),
        'nav-channels',
      ),
    );
  }
  if (staff.role === 'owner')
    items.push(
      linkItem(
        'webhooks',
        <ApiOutlined />,
        '/settings/webhooks',
        t('webhooks.nav'),
        'nav-webhooks',
      ),
    );
  if (staff.role === 'owner')
    items.push(linkItem('staff', <IdcardOutlined />, '/staff', t('staffAdmin.nav'), 'nav-staff'));
  if (staff.role === 'owner' || staff.role === 'manager') {
    items.push(
      linkItem(
        'dataRequests',
        <SafetyCertificateOutlined />,
        '/privacy/requests',
        t('privacy.nav'),
        'nav-data-requests',
      ),
      linkItem('auditLog', <AuditOutlined />, '/audit-log', t('audit.nav'), 'nav-audit-log'),
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
    linkItem('portal', <ShopOutlined />, '/portal', t('partners.nav.portal'), 'nav-portal'),
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
