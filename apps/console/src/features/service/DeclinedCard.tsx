import { useState } from 'react';
import { Button, Card, Empty, Flex, Input, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { useAction } from '../../kit/index.ts';
import { SERVICE_CATEGORIES, type ServiceCategory, type ServiceOrder } from './orders.ts';

/** 未做项目: work the customer declined, kept with the car for follow-ups. */
export function DeclinedCard({
  order,
  editable,
  onAdded,
}: {
  order: ServiceOrder;
  editable: boolean;
  onAdded(): void;
}) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<ServiceCategory>('brakes');
  const [description, setDescription] = useState('');
  const action = useAction();

  async function add() {
    if (!description.trim()) return;
    const added = await action.run('add', () =>
      unwrap(
        api.POST('/api/v1/staff/service-orders/{orderId}/declined', {
          params: { path: { orderId: order.id } },
          body: { category, description: description.trim() },
        }),
      ),
    );
    if (added === undefined) return;
    setDescription('');
    onAdded();
  }

  return (
    <Card title={t('serviceOrders.declined.title')} data-testid="declined-card">
      <Typography.Paragraph type="secondary">
        {t('serviceOrders.declined.hint')}
      </Typography.Paragraph>
      {order.declined.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('serviceOrders.declined.empty')}
        />
      ) : (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          {order.declined.map((d) => (
            <Flex key={d.id} gap={8} align="center" data-testid="declined-row">
              <Tag color="orange">{t(`serviceOrders.category.${d.category}`)}</Tag>
              <Typography.Text>{d.description}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
      {editable && (
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Select
            value={category}
            onChange={setCategory}
            style={{ width: 140 }}
            options={SERVICE_CATEGORIES.map((c) => ({
              value: c,
              label: t(`serviceOrders.category.${c}`),
            }))}
          />
          <Input
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            onPressEnter={() => void add()}
            maxLength={200}
            placeholder={t('serviceOrders.declined.placeholder')}
            data-testid="declined-description"
          />
          <Button
            icon={<PlusOutlined />}
            loading={action.busy !== null}
            disabled={!description.trim()}
            onClick={() => void add()}
            data-testid="declined-add"
          >
            {t('serviceOrders.declined.add')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
