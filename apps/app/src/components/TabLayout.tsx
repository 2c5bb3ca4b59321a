import { Badge } from 'antd-mobile';
import {
  AppOutline,
  FileOutline,
  MessageOutline,
  TeamOutline,
  UserOutline,
} from 'antd-mobile-icons';
import { Suspense, type ReactNode } from 'react';
import { LoadingScreen } from './LoadingScreen.tsx';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useUnread } from '../inbox-api.ts';
import { CarIcon } from './CarIcon.tsx';
import { OfflineBanner } from './OfflineBanner.tsx';

interface Tab {
  to: string;
  key: string;
  title: string;
  icon: ReactNode;
}

/** Pages that belong to a tab without sitting under its path (a club belongs to 社区). */
const UNDER: Record<string, readonly string[]> = { '/community': ['/clubs/', '/me/badges'] };

function isActive(tab: Tab, pathname: string): boolean {
  if (tab.to === '/') return pathname === '/' || pathname === '';
  if (UNDER[tab.to]?.some((p) => pathname.startsWith(p))) return true;
  if (tab.to === '/me' && pathname.startsWith('/me/badges')) return false;
  return pathname === tab.to || pathname.startsWith(`${tab.to}/`);
}

/**
 * Signed-in pages: scrolling content above the bottom tab bar (首页 / 我的车 / 社区 / 资讯 / 消息 /
 * 我的).
 * The tabs are links, so tapping the current tab (e.g. 我的车 while on a car page)
 * returns to that tab's first page.
 */
export function TabLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const unread = useUnread();
  const tabs: Tab[] = [
    { to: '/', key: 'home', title: t('tabs.home'), icon: <AppOutline /> },
    { to: '/vehicles', key: 'vehicles', title: t('tabs.vehicles'), icon: <CarIcon /> },
    { to: '/community', key: 'community', title: t('clubs.tab'), icon: <TeamOutline /> },
    { to: '/news', key: 'news', title: t('news.tab'), icon: <FileOutline /> },
    {
      to: '/inbox',
      key: 'inbox',
      title: t('inbox.tab'),
      icon: (
        <Badge content={unread.total > 0 ? unread.total : null} data-testid="inbox-badge">
          <MessageOutline />
        </Badge>
      ),
    },
    { to: '/me', key: 'me', title: t('tabs.me'), icon: <UserOutline /> },
  ];
  return (
    <div className="tab-layout">
      <OfflineBanner />
      <main className="tab-content">
        <Suspense fallback={<LoadingScreen />}>
          <Outlet />
        </Suspense>
      </main>
      <nav className="tab-bar" aria-label={t('app.name')}>
        {tabs.map((tab) => {
          const active = isActive(tab, pathname);
          return (
            <Link
              key={tab.key}
              to={tab.to}
              className={active ? 'tab-item tab-item-active' : 'tab-item'}
              aria-current={active ? 'page' : undefined}
              data-testid={`tab-${tab.key}`}
            >
              <span className="tab-item-icon">{tab.icon}</span>
              <span className="tab-item-title">{tab.title}</span>
            </Link>
          );
        })}
      </nav>
    </div>
  );
}
