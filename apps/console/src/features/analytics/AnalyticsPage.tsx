// 数据看板: the dashboards (customers, marketing, loyalty, community) as tabs of panels, with one
// set of filters — store, period and comparison period — applied to every panel that takes it.
import { useState } from 'react';
import { Button, DatePicker, Flex, Select, Space, Tabs, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { ErrorAlert, useLoad, useSubmit } from '../../kit/index.ts';
import { formatDateTime, todayIn } from '../../kit/format.ts';
import { PanelCard } from './PanelCard.tsx';
import { SettingsButton } from './SettingsButton.tsx';
import { comparePeriod, defaultPeriod, type CompareMode } from './periods.ts';

export default function AnalyticsPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [period, setPeriod] = useState(() => defaultPeriod(todayIn(staff.tenant.timezone)));
  const [storeId, setStoreId] = useState<string>('');
  const [compare, setCompare] = useState<CompareMode>('none');
  const [version, setVersion] = useState(0);
  const { data, error } = useLoad(
    () => unwrap(api.GET('/api/v1/staff/analytics/dashboards')),
    [version],
  );
  const rebuild = useSubmit();
  const runRebuild = () =>
    rebuild.run(async () => {
      await unwrap(api.POST('/api/v1/staff/analytics/rebuild'));
      setVersion((v) => v + 1);
    });
  const filters = {
    storeId: storeId || undefined,
    from: period[0],
    to: period[1],
    ...comparePeriod(period[0], period[1], compare),
  };
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('analytics.title')}
        </Typography.Title>
        <Space wrap>
          <Select
            data-testid="analytics-store"
            style={{ minWidth: 160 }}
            value={storeId}
            onChange={setStoreId}
            options={[
              { value: '', label: t('analytics.allStores') },
              ...staff.stores.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(period[0]), dayjs(period[1])]}
            onChange={(v) =>
              v?.[0] && v[1] && setPeriod([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])
            }
          />
          <Select
            style={{ minWidth: 150 }}
            value={compare}
            onChange={setCompare}
            options={(['none', 'previous', 'lastYear'] as const).map((m) => ({
              value: m,
              label: t(`analytics.compare.${m}`),
            }))}
          />
          <Button
            icon={<ReloadOutlined />}
            loading={rebuild.busy}
            onClick={() => void runRebuild()}
          >
            {t('analytics.rebuild')}
          </Button>
          <SettingsButton onSaved={() => setVersion((v) => v + 1)} />
        </Space>
      </Flex>
      <ErrorAlert error={error ?? rebuild.error} />
      {data && (
        <Typography.Text type="secondary">
          {data.builtAt
            ? t('analytics.builtAt', { at: formatDateTime(data.builtAt, staff.tenant.timezone) })
            : t('analytics.notBuilt')}
        </Typography.Text>
      )}
      {data && (
        <Tabs
          items={data.dashboards.map((d) => ({
            key: d.key,
            label: d.title,
            children: (
              <Flex vertical gap={16} key={`${d.key}-${version}`}>
                {d.panels.map((p) => (
                  <PanelCard key={`${p.id}-${version}`} panelId={p.id} filters={filters} />
                ))}
              </Flex>
            ),
          }))}
        />
      )}
    </Flex>
  );
}
