import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../kit/index.ts';
import { api, unwrap, useStaff } from '../../api.ts';
import { useLoad } from '../../kit/useLoad.ts';
import { formatDateTime } from '../../kit/format.ts';
import type { SegmentDetail } from './SegmentCommon.tsx';

type Segment = Omit<SegmentDetail, 'count' | 'sample'>;

/** 客户分群: saved segments. */
export default function SegmentListPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const navigate = useNavigate();
  const { data, loading, error } = useLoad(() => unwrap(api.GET('/api/v1/staff/segments')), []);
  const items: Segment[] = data?.items ?? [];

  return (
    <Card
      title={t('segments.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="segment-new"
          onClick={() => navigate('/segments/new')}
        >
          {t('segments.new')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('segments.intro')}</Typography.Text>
        {error && <Alert type="error" message={error} showIcon />}
        <DataTable<Segment>
          loading={loading}
          dataSource={items}
          columns={[
            {
              title: t('segments.name'),
              dataIndex: 'name',
              render: (name: string, s) => (
                <Link to={`/segments/${s.id}`} data-testid="segment-row">
                  {name}
                </Link>
              ),
            },
            { title: t('segments.description'), dataIndex: 'description' },
            {
              title: t('segments.updatedAt'),
              dataIndex: 'updatedAt',
              render: (v: string) => formatDateTime(v, staff.tenant.timezone),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
