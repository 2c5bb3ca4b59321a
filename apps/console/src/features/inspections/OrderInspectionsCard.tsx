// The inspections of a service order on its page: each with its findings and whether it was sent,
// and the button that opens a new one (the technician then walks the car) — with the template to
// walk when the shop has more than one.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Flex, List, Select, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { useAction, useLoad } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { STATUS_COLORS, type InspectionSummary } from './inspections.ts';

export function OrderInspectionsCard({ orderId, canOpen }: { orderId: string; canOpen: boolean }) {
  const { t } = useTranslation();
  const tz = useStaff().tenant.timezone;
  const navigate = useNavigate();
  const action = useAction();
  const list = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/service-orders/{orderId}/inspections', {
          params: { path: { orderId } },
        }),
      ),
    [orderId],
  );
  const templates = useLoad(() => unwrap(api.GET('/api/v1/staff/inspection-templates')), [], {
    enabled: canOpen,
  });
  const choices = templates.data?.items ?? [];
  const [templateId, setTemplateId] = useState<string | null>(null);
  const open = async () => {
    const created = await action.run('open', () =>
      unwrap(
        api.POST('/api/v1/staff/service-orders/{orderId}/inspections', {
          params: { path: { orderId } },
          body: templateId ? { templateId } : {},
        }),
      ),
    );
    if (created) navigate(`/inspections/${created.id}`);
  };
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <SafetyCertificateOutlined />
          {t('inspections.cardTitle')}
        </Flex>
      }
      extra={
        canOpen && (
          <Flex gap={8}>
            {choices.length > 1 && (
              <Select
                value={templateId ?? choices[0]!.id}
                onChange={setTemplateId}
                options={choices.map((c) => ({ value: c.id, label: c.name }))}
                popupMatchSelectWidth={false}
                style={{ width: 160 }}
                aria-label={t('inspections.templates.title')}
                data-testid="inspection-template-choice"
              />
            )}
            <Button
              loading={action.busy === 'open'}
              onClick={() => void open()}
              data-testid="inspection-open"
            >
              {t('inspections.open')}
            </Button>
          </Flex>
        )
      }
      data-testid="order-inspections"
    >
      <List<InspectionSummary>
        loading={list.loading && !list.data}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('inspections.none') }}
        renderItem={(i) => (
          <List.Item>
            <Flex justify="space-between" style={{ width: '100%' }} wrap gap={8}>
              <Link to={`/inspections/${i.id}`} data-testid="inspection-link">
                {formatDateTime(i.createdAt, tz)} · {i.technicianName ?? '—'}
              </Link>
              <Flex gap={4}>
                {(['amber', 'red'] as const).map((s) => (
                  <Tag key={s} color={STATUS_COLORS[s]}>
                    {t(`inspections.status.${s}`)} {i.counts[s]}
                  </Tag>
                ))}
                <Typography.Text type="secondary">
                  {i.sentAt ? t('inspections.sent') : t('inspections.draft')}
                </Typography.Text>
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
