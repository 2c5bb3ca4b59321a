// 会员设置 — the service package products (计次卡) on sale: the list, on / off sale, a new one.
import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Switch } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import {
  DataTable,
  ErrorAlert,
  FormModal,
  MoneyInput,
  useAction,
  useLoad,
} from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import type { PackageProduct } from './LoyaltyCommon.tsx';

interface ProductForm {
  name: string;
  uses: number;
  validityDays: number;
  priceFen: number;
}

export function PackageProductsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ProductForm>();
  const action = useAction();
  const loaded = useLoad(() => unwrap(api.GET('/api/v1/staff/loyalty/package-products')), []);
  const reload = () => void loaded.reload();

  const create = (v: ProductForm) =>
    unwrap(
      api.POST('/api/v1/staff/loyalty/package-products', {
        body: { ...v, name: v.name.trim() },
      }),
    );
  async function toggle(p: PackageProduct, active: boolean) {
    await action.run(p.id, () =>
      unwrap(
        api.PATCH('/api/v1/staff/loyalty/package-products/{productId}', {
          params: { path: { productId: p.id } },
          body: { active },
        }),
      ),
    );
    reload();
  }
  const columns: TableColumnsType<PackageProduct> = [
    { title: t('loyalty.packages.name'), dataIndex: 'name' },
    { title: t('loyalty.settings.uses'), dataIndex: 'uses' },
    {
      title: t('loyalty.settings.validityDays'),
      dataIndex: 'validityDays',
      render: (d: number) => t('loyalty.settings.daysCount', { count: d }),
    },
    {
      title: t('loyalty.settings.price'),
      dataIndex: 'priceFen',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('loyalty.settings.onSale'),
      dataIndex: 'active',
      render: (a: boolean, p) => (
        <Switch checked={a} disabled={!editable} onChange={(v) => void toggle(p, v)} />
      ),
    },
  ];
  return (
    <Card
      title={t('loyalty.settings.packageProducts')}
      extra={
        editable && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('loyalty.settings.addProduct')}
          </Button>
        )
      }
    >
      <ErrorAlert error={loaded.error} style={{ marginBottom: 12 }} />
      <DataTable<PackageProduct>
        size="small"
        columns={columns}
        dataSource={loaded.data?.items ?? []}
        locale={{ emptyText: t('loyalty.sell.none') }}
      />
      <FormModal
        open={creating}
        title={t('loyalty.settings.addProduct')}
        form={form}
        onSubmit={create}
        onDone={() => {
          setCreating(false);
          message.success(t('loyalty.settings.saved'));
          reload();
        }}
        onClose={() => setCreating(false)}
        formProps={{
          preserve: false,
          initialValues: { uses: 5, validityDays: 365, priceFen: 15000 },
        }}
      >
        <Form.Item
          name="name"
          label={t('loyalty.packages.name')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={60} placeholder="洗车 5 次卡" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="uses" label={t('loyalty.settings.uses')} rules={[{ required: true }]}>
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
          <Form.Item
            name="validityDays"
            label={t('loyalty.settings.validityDays')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={3650} precision={0} suffix={t('loyalty.settings.days')} />
          </Form.Item>
          <Form.Item
            name="priceFen"
            label={t('loyalty.settings.price')}
            rules={[{ required: true }]}
          >
            <MoneyInput minFen={0} />
          </Form.Item>
        </Flex>
      </FormModal>
    </Card>
  );
}
