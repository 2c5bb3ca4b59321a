// 车辆检查: the technician's view of one inspection, made for a tablet (768 wide) or a phone — the
// points by section, each saved as it is checked, and the report sent to the owner.
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { BackLink, NotLoaded, useAction, useLoad } from '../../kit/index.ts';
import { formatDateTime, formatFen, formatKm } from '../../kit/format.ts';
import { InspectionItemCard } from './InspectionItemCard.tsx';
import { bySection, STATUS_COLORS, type Inspection } from './inspections.ts';
import './inspections.css';

function Header({ inspection, onSent }: { inspection: Inspection; onSent(i: Inspection): void }) {
  const { t } = useTranslation();
  const tz = useStaff().tenant.timezone;
  const action = useAction();
  const editable = inspection.orderStatus === 'open' || inspection.orderStatus === 'completed';
  const send = async () => {
    const next = await action.run(
      'send',
      () =>
        unwrap(
          api.POST('/api/v1/staff/inspections/{inspectionId}/send', {
            params: { path: { inspectionId: inspection.id } },
          }),
        ),
      t('inspections.sentDone'),
    );
    if (next) onSent(next);
  };
  const c = inspection.counts;
  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex vertical gap={4}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {inspection.plate ?? '—'} · {inspection.vehicleName}
          </Typography.Title>
          <Typography.Text type="secondary">
            <Link to={`/service-orders/${inspection.orderId}`}>{inspection.orderNumber}</Link>
            {inspection.mileageKm !== null && ` · ${formatKm(inspection.mileageKm)}`}
            {` · ${t('inspections.orderTotal')} ${formatFen(inspection.orderTotalFen)}`}
          </Typography.Text>
          <Flex gap={4} wrap>
            {(['green', 'amber', 'red'] as const).map((s) => (
              <Tag key={s} color={STATUS_COLORS[s]} data-testid={`inspection-count-${s}`}>
                {t(`inspections.status.${s}`)} {c[s]}
              </Tag>
            ))}
            <Tag>
              {t('inspections.unchecked')} {c.unchecked}
            </Tag>
          </Flex>
        </Flex>
        <Flex vertical align="end" gap={4}>
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={!editable}
            loading={action.busy === 'send'}
            onClick={() => void send()}
            data-testid="inspection-send"
          >
            {inspection.sentAt ? t('inspections.sendAgain') : t('inspections.send')}
          </Button>
          {inspection.sentAt && (
            <Typography.Text type="secondary" data-testid="inspection-sent-at">
              {t('inspections.sentAt', { at: formatDateTime(inspection.sentAt, tz) })}
            </Typography.Text>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

export default function InspectionPage() {
  const { inspectionId = '' } = useParams();
  const { t } = useTranslation();
  const loaded = useLoad<Inspection>(
    () =>
      unwrap(
        api.GET('/api/v1/staff/inspections/{inspectionId}', {
          params: { path: { inspectionId } },
        }),
      ),
    [inspectionId],
  );
  const inspection = loaded.data;
  const back = <BackLink to="/service-orders">{t('inspections.back')}</BackLink>;
  if (!inspection)
    return (
      <NotLoaded
        loaded={loaded}
        notFound={t('inspections.notFound')}
        back={back}
        testId="inspection"
        rows={8}
      />
    );
  const editable = inspection.orderStatus === 'open' || inspection.orderStatus === 'completed';
  return (
    <Flex vertical gap={12} className="inspection-page" data-testid="inspection">
      <div>
        <BackLink to={`/service-orders/${inspection.orderId}`}>
          {t('inspections.backToOrder')}
        </BackLink>
      </div>
      <Header inspection={inspection} onSent={loaded.setData} />
      {bySection(inspection.items).map(([section, items]) => (
        <Flex vertical gap={8} key={section}>
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
            {section}
          </Typography.Title>
          {items.map((item) => (
            <InspectionItemCard
              key={item.id}
              inspectionId={inspection.id}
              item={item}
              editable={editable}
              onChange={loaded.setData}
            />
          ))}
        </Flex>
      ))}
    </Flex>
  );
}
