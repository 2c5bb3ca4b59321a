// 内容 · 舆情监测: tabs for matches (crisis alerts first to the eye), feeds with their health,
// keyword rules, and the crisis settings. Owner and manager only.
import { Result, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useStaff } from '../../api.ts';
import { FeedsTab } from './FeedsTab.tsx';
import { MatchesTab } from './MatchesTab.tsx';
import { RulesTab } from './RulesTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';

const TABS = ['matches', 'feeds', 'rules', 'settings'] as const;

export default function MonitoringPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [params, setParams] = useSearchParams();
  if (staff.role !== 'owner' && staff.role !== 'manager')
    return <Result status="403" title={t('monitoring.forbidden')} />;
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'matches';
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('monitoring.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('monitoring.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'matches', label: t('monitoring.tabs.matches'), children: <MatchesTab /> },
          { key: 'feeds', label: t('monitoring.tabs.feeds'), children: <FeedsTab /> },
          { key: 'rules', label: t('monitoring.tabs.rules'), children: <RulesTab /> },
          { key: 'settings', label: t('monitoring.tabs.settings'), children: <SettingsTab /> },
        ]}
      />
    </>
  );
}
