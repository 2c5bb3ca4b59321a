// The 兴趣 card on the customer page: the tags the customer reads and follows most, as bars
// (scores decay over time), or why there is nothing (personalisation switched off, no reading).
import { Card, Empty, Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { ErrorAlert, useLoad } from '../../kit/index.ts';

export default function InterestCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { data, error, loading } = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/customers/{customerId}/interests', {
          params: { path: { customerId } },
        }),
      ),
    [customerId],
  );
  const items = data?.items ?? [];
  return (
    <Card title={t('interests.card.title')} loading={loading && !data} data-testid="interest-card">
      <ErrorAlert error={error} />
      {data && !data.personalised ? (
        <Typography.Text type="secondary" data-testid="interest-card-off">
          {t('interests.card.off')}
        </Typography.Text>
      ) : items.length === 0 ? (
        data && <Empty description={t('interests.card.none')} />
      ) : (
        <Flex vertical gap={4}>
          {items.map((i) => (
            <Flex key={i.slug} align="center" gap={8} data-testid={`interest-${i.slug}`}>
              <span style={{ width: 96 }}>{i.name}</span>
              <Progress
                percent={Math.round(i.score * 100)}
                showInfo={false}
                size="small"
                style={{ flex: 1, margin: 0 }}
              />
              <span style={{ width: 36, textAlign: 'right' }}>{i.score.toFixed(2)}</span>
              {i.followed && <Tag color="blue">{t('interests.card.followed')}</Tag>}
            </Flex>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('interests.card.hint')}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
