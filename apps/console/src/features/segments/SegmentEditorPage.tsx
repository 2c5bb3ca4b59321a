import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Popconfirm,
  Row,
  Spin,
  Statistic,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DataTable, useAction, useDebounced, useLoad } from '../../kit/index.ts';
import { ApiError } from '@liuke/api-client';
import { api, unwrap } from '../../api.ts';
import {
  conditionLabel,
  emptyRule,
  FilterEditor,
  isComplete,
  type SegmentNode,
} from './SegmentCommon.tsx';

/** A new segment starts with one condition to choose, not a preset one. */
const START: SegmentNode = { kind: 'and', children: [emptyRule()] };

/** Build or edit a segment; the count follows every change (debounced). */
export default function SegmentEditorPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { segmentId } = useParams();
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const [filter, setFilter] = useState<SegmentNode | null>(segmentId ? null : START);
  const action = useAction();
  const catalogue = useLoad(() => unwrap(api.GET('/api/v1/staff/segments/fields')), []);
  const existing = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/segments/{segmentId}', {
          params: { path: { segmentId: segmentId! } },
        }),
      ),
    [segmentId],
    { enabled: Boolean(segmentId) },
  );
  const fields = catalogue.data?.fields ?? null;
  const error = catalogue.error ?? existing.error;
  const segment = existing.data;
  useEffect(() => {
    if (!segment) return;
    form.setFieldsValue({ name: segment.name, description: segment.description ?? undefined });
    setFilter(segment.filter);
  }, [segment, form]);

  // The count follows the filter, once it has stopped changing for a moment.
  // (Only a complete filter is counted: a condition without its field or value counts nothing.)
  const settled = useDebounced(filter, 350);
  const complete = settled !== null && isComplete(settled);
  const previewed = useLoad(
    () => unwrap(api.POST('/api/v1/staff/segments/preview', { body: { filter: settled! } })),
    [settled],
    { enabled: complete },
  );
  const preview = complete ? (previewed.data ?? null) : null;
  const counting = previewed.loading || settled !== filter;
  // An error names the condition by its label, never by the API's path to it.
  const errorField = previewed.cause instanceof ApiError ? previewed.cause.field : null;
  const errorLabel =
    errorField && settled && fields ? conditionLabel(settled, errorField, fields) : null;
  const previewError =
    complete &&
    previewed.error &&
    (errorLabel ? `${errorLabel}：${previewed.error}` : previewed.error);
  const [incomplete, setIncomplete] = useState(false);

  async function save() {
    const v = await form.validateFields();
    if (!filter) return;
    if (!isComplete(filter)) {
      setIncomplete(true);
      return;
    }
    setIncomplete(false);
    const body = { name: v.name, description: v.description ?? null, filter };
    const saved = await action.run(
      'save',
      () =>
        segmentId
          ? unwrap(
              api.PUT('/api/v1/staff/segments/{segmentId}', {
                params: { path: { segmentId } },
                body,
              }),
            )
          : unwrap(api.POST('/api/v1/staff/segments', { body })),
      t('segments.saved'),
    );
    if (saved && !segmentId) navigate(`/segments/${saved.id}`, { replace: true });
  }

  async function remove() {
    if (!segmentId) return;
    const done = await action.run('remove', () =>
      unwrap(api.DELETE('/api/v1/staff/segments/{segmentId}', { params: { path: { segmentId } } })),
    );
    if (done !== undefined) navigate('/segments');
  }

  if (error) return <Alert type="error" message={error} showIcon />;
  if (!fields || !filter) return <Spin />;

  return (
    <Flex vertical gap={16}>
      <Card
        title={segmentId ? t('segments.edit') : t('segments.new')}
        extra={
          <Flex gap={8}>
            {segmentId && (
              <>
                <Button
                  icon={<DownloadOutlined />}
                  href={`/api/v1/staff/segments/${segmentId}/members.csv`}
                  data-testid="segment-export"
                >
                  {t('segments.export')}
                </Button>
                <Popconfirm title={t('segments.confirmDelete')} onConfirm={() => void remove()}>
                  <Button danger>{t('segments.delete')}</Button>
                </Popconfirm>
              </>
            )}
            <Button
              type="primary"
              loading={action.busy === 'save'}
              onClick={() => void save()}
              data-testid="segment-save"
            >
              {t('segments.save')}
            </Button>
          </Flex>
        }
      >
        <Form form={form} layout="vertical">
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item
                name="name"
                label={t('segments.name')}
                rules={[{ required: true, max: 60 }]}
              >
                <Input data-testid="segment-name" />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="description" label={t('segments.description')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Row gutter={16}>
          <Col xs={24} lg={17}>
            <FilterEditor node={filter} fields={fields} onChange={setFilter} />
            {(incomplete || !isComplete(filter)) && (
              <Typography.Paragraph
                type={incomplete ? 'danger' : 'secondary'}
                style={{ marginTop: 8 }}
                data-testid="segment-incomplete"
              >
                {t('segments.incomplete')}
              </Typography.Paragraph>
            )}
          </Col>
          <Col xs={24} lg={7}>
            <Card size="small">
              <Statistic
                title={t('segments.liveCount')}
                value={preview?.count ?? 0}
                loading={counting && !preview}
                valueRender={(node) => <span data-testid="segment-count">{node}</span>}
              />
              {previewError && (
                <Alert
                  style={{ marginTop: 8 }}
                  type="warning"
                  message={previewError}
                  data-testid="segment-error"
                />
              )}
              <DataTable
                style={{ marginTop: 8 }}
                size="small"
                dataSource={preview?.sample ?? []}
                columns={[
                  { title: t('segments.memberNo'), dataIndex: 'memberNo' },
                  { title: t('segments.customer'), dataIndex: 'name' },
                  { title: t('segments.phone'), dataIndex: 'phoneMasked' },
                ]}
              />
            </Card>
          </Col>
        </Row>
      </Card>
    </Flex>
  );
}
