// A car's inspection reports in its maintenance record: every report stays with the car, also
// after it changed hands; each opens the full report.
import { List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLoad } from '../api.ts';
import { formatDate } from '../format.ts';
import { inspectionsApi } from '../inspections-api.ts';

export function VehicleInspections({ vehicleId }: { vehicleId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data } = useLoad(() => inspectionsApi.list(vehicleId), vehicleId);
  if (!data?.items.length) return null;
  return (
    <section className="section" data-testid="vehicle-inspections">
      <h2 className="section-title">{t('inspection.history')}</h2>
      <List>
        {data.items.map((i) => (
          <List.Item
            key={i.id}
            onClick={() => navigate(`/inspections/${i.id}`)}
            description={i.storeName}
            extra={
              <span>
                {i.counts.red > 0 && (
                  <Tag color="danger">
                    {t('inspection.status.red')} {i.counts.red}
                  </Tag>
                )}{' '}
                {i.counts.amber > 0 && (
                  <Tag color="warning">
                    {t('inspection.status.amber')} {i.counts.amber}
                  </Tag>
                )}
              </span>
            }
            data-testid="vehicle-inspection"
          >
            {t('inspection.reportOf', {
              date: formatDate(i.createdAt.slice(0, 10), i18n.language),
            })}
          </List.Item>
        ))}
      </List>
    </section>
  );
}
