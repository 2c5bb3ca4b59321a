// 会员设置: points earn rules, return window, expiry, stored-value caps and refund rule, top-up
// packages, member tiers and service package products — everything the loyalty settings API
// exposes. Owner and manager edit; others read.
import { Alert, Button, Card, Flex, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { LoyaltyRulesCard } from './LoyaltyRulesCard.tsx';
import { TopUpPackagesCard } from './TopUpPackagesCard.tsx';
import { TiersCard } from './TiersCard.tsx';
import { PackageProductsCard } from './PackageProductsCard.tsx';
import { useLoad } from '../../kit/index.ts';
import { canManageLoyalty } from './LoyaltyCommon.tsx';

export default function LoyaltySettingsPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const editable = canManageLoyalty(staff);
  const loaded = useLoad(
    () =>
      Promise.all([
        unwrap(api.GET('/api/v1/staff/loyalty/settings')),
        unwrap(api.GET('/api/v1/staff/loyalty/top-up-packages')),
        unwrap(api.GET('/api/v1/staff/loyalty/tiers')),
      ]),
    [],
  );
  const data = loaded.data;

  if (loaded.error && !data)
    return (
      <Result
        status="error"
        title={loaded.error}
        extra={
          <Button type="primary" onClick={() => void loaded.reload()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  return (
    <Flex vertical gap={16} data-testid="loyalty-settings">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('loyalty.settings.title')}
      </Typography.Title>
      {!editable && <Alert type="info" showIcon title={t('loyalty.settings.readOnly')} />}
      {!data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <>
          <LoyaltyRulesCard settings={data[0]} editable={editable} />
          <TopUpPackagesCard items={data[1].items} editable={editable} />
          <TiersCard tiers={data[2]} editable={editable} />
          <PackageProductsCard editable={editable} />
        </>
      )}
    </Flex>
  );
}
