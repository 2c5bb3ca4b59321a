// 会员设置 — the top-up packages offered at the counter (pay 500, get 550).
import { Button, Flex, Form, Input, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormCard, MoneyInput } from '../../kit/index.ts';
import type { TopUpPackage } from './LoyaltyCommon.tsx';

type TopUpRow = { id: string; name: string; payFen: number; bonusFen: number; active: boolean };

export function TopUpPackagesCard({
  items,
  editable,
}: {
  items: TopUpPackage[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ items: TopUpRow[] }>();
  const save = (v: { items: TopUpRow[] }) =>
    unwrap(
      api.PUT('/api/v1/staff/loyalty/top-up-packages', {
        body: {
          items: (v.items ?? []).map((r) => ({
            id: r.id,
            name: r.name.trim(),
            payFen: r.payFen,
            bonusFen: r.bonusFen,
            active: r.active,
          })),
        },
      }),
    );
  return (
    <FormCard
      title={t('loyalty.settings.topUpPackages')}
      form={form}
      onSubmit={save}
      savedText={t('loyalty.settings.saved')}
      editable={editable}
      saveTestId="topups-save"
      formProps={{
        layout: 'horizontal',
        initialValues: {
          items: items.map((p) => ({
            id: p.id,
            name: p.name,
            payFen: p.payFen,
            bonusFen: p.bonusFen,
            active: p.active,
          })),
        },
      }}
    >
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <Flex vertical gap={0}>
            {fields.length === 0 && (
              <Typography.Text type="secondary">{t('loyalty.settings.noTopUps')}</Typography.Text>
            )}
            {fields.map((f) => (
              <Flex key={f.key} gap={12} align="baseline" wrap>
                <Form.Item name={[f.name, 'id']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'name']}
                  rules={[{ required: true, whitespace: true }]}
                  style={{ width: 200 }}
                >
                  <Input placeholder={t('loyalty.settings.topUpName')} maxLength={60} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'payFen']}
                  label={t('loyalty.topUp.pay')}
                  rules={[{ required: true, type: 'number', min: 1 }]}
                >
                  <MoneyInput minFen={1} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'bonusFen']}
                  label={t('loyalty.topUp.bonus')}
                  rules={[{ required: true }]}
                >
                  <MoneyInput minFen={0} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'active']}
                  label={t('loyalty.settings.active')}
                  valuePropName="checked"
                >
                  <Switch />
                </Form.Item>
                {editable && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('loyalty.delete')}
                  />
                )}
              </Flex>
            ))}
            {editable && (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    id: crypto.randomUUID(),
                    name: '',
                    payFen: 50000,
                    bonusFen: 5000,
                    active: true,
                  })
                }
                style={{ width: 240 }}
              >
                {t('loyalty.settings.addTopUp')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </FormCard>
  );
}
