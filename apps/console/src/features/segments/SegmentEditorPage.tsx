import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
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
import { DataTable } from '../../kit/index.ts';
import { ApiError } from '@liuke/api-client';
import { api, unwrap } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';
import {
  FilterEditor,
  type SegmentField,
  type SegmentNode,
  type SegmentPreview,
} from './SegmentCommon.tsx';

const START: SegmentNode = {
  kind: 'and',
  children: [{ kind: 'rule', field: 'customer.gender', op: 'eq', value: 'male' }],
};

/** Build or edit a segment; the count follows every change (debounced). */
export default function SegmentEditorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { segmentId } = useParams();
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const [fields, setFields] = useState<SegmentField[] | null>(null);
  const [notAvailable, setNotAvailable] = useState<string[]>([]);
  const [filter, setFilter] = useState<SegmentNode | null>(segmentId ? null : START);
  const [preview, setPreview] = useState<SegmentPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [counting, setCounting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    let live = true;
    unwrap(api.GET('/api/v1/staff/segments/fields'))
      .then((r) => {
        if (!live) return;
        setFields(r.fields);
        setNotAvailable(r.notAvailable);
      })
      .catch((err: unknown) => live && setError(errorText(err, t)));
    if (segmentId)
      unwrap(api.GET('/api/v1/staff/segments/{segmentId}', { params: { path: { segmentId } } }))
        .then((s) => {
          if (!live) return;
          form.setFieldsValue({ name: s.name, description: s.description ?? undefined });
          setFilter(s.filter);
        })
        .catch((err: unknown) => live && setError(errorText(err, t)));
    return () => {
      live = false;
    };
  }, [segmentId, form, t]);

  useEffect(() => {
    if (!filter) return;
    const mine = ++generation.current;
    setCounting(true);
    const timer = setTimeout(() => {
      unwrap(api.POST('/api/v1/staff/segments/preview', { body: { filter } }))
        .then((p) => {
          if (mine !== generation.current) return;
          setPreview(p);
          setPreviewError(null);
        })
        .catch((err: unknown) => {
          if (mine !== generation.current) return;
          const where = err instanceof ApiError && err.field ? ` (${err.field})` : '';
          setPreviewError(`${errorText(err, t)}${where}`);
        })
        .finally(() => mine === generation.current && setCounting(false));
    }, 350);
    return () => clearTimeout(timer);
  }, [filter, t]);

  async function save() {
    const v = await form.validateFields();
    if (!filter) return;
    setSaving(true);
    try {
      const body = { name: v.name, description: v.description ?? null, filter };
      const saved = segmentId
        ? await unwrap(
            api.PUT('/api/v1/staff/segments/{segmentId}', {
              params: { path: { segmentId } },
              body,
            }),
          )
        : await unwrap(api.POST('/api/v1/staff/segments', { body }));
      message.success(t('segments.saved'));
      if (!segmentId) navigate(`/segments/${saved.id}`, { replace: true });
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    if (!segmentId) return;
    try {
      await unwrap(
        api.DELETE('/api/v1/staff/segments/{segmentId}', { params: { path: { segmentId } } }),
      );
      navigate('/segments');
    } catch (err) {
      message.error(errorText(err, t));
    }
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
              loading={saving}
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
            {notAvailable.map((n) => (
              <Typography.Paragraph key={n} type="secondary" style={{ marginTop: 8 }}>
                {n}
              </Typography.Paragraph>
            ))}
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
