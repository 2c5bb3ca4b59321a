// 内容审核: the review queue, mutes, the keyword list, the settings and the log, one tab each
// (the tab is in the address, so a link or a reload opens the same one).
import type { ReactNode } from 'react';
import { Result, Tabs, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../api.ts';
import { IconTitle } from '../../kit/index.ts';
import { KeywordsTab } from './KeywordsTab.tsx';
import { LogTab } from './LogTab.tsx';
import { MutesTab } from './MutesTab.tsx';
import { QueueTab } from './QueueTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';
import { canModerate } from './moderation.ts';

const TABS = ['queue', 'mutes', 'keywords', 'settings', 'log'] as const;
type TabKey = (typeof TABS)[number];

export default function ModerationPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: TabKey = TABS.includes(asked as TabKey) ? (asked as TabKey) : 'queue';
  if (!canModerate(staff)) return <Result status="403" title={t('moderation.forbidden')} />;

  const content: Record<TabKey, ReactNode> = {
    queue: <QueueTab />,
    mutes: <MutesTab />,
    keywords: <KeywordsTab />,
    settings: <SettingsTab />,
    log: <LogTab />,
  };
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        <IconTitle icon={<SafetyOutlined />}>{t('moderation.title')}</IconTitle>
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'queue' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`moderation-tab-${k}`}>{t(`moderation.tab.${k}`)}</span>,
          children: content[k],
        }))}
      />
    </>
  );
}
