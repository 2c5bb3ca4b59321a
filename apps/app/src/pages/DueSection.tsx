// What my car needs next (到期项目) on the car page: each item with its date, mileage, status
// and why; recomputed by the server as soon as I report my mileage. Work I declined after an
// inspection comes back here with what the technician found and the photo (tap: full screen).
import { ErrorBlock, List, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client, errorMessage } from '../api.ts';
import type { Loaded } from '../api.ts';
import { PhotoStrip } from '../components/PhotoStrip.tsx';
import { formatKm } from '../format.ts';
import './due.css';

export type VehicleDue =
  paths['/api/v1/app/me/vehicles/{vehicleId}/due']['get']['responses'][200]['content']['application/json'];

export const loadDue = (vehicleId: string): Promise<VehicleDue> =>
  unwrap(
    client.GET('/api/v1/app/me/vehicles/{vehicleId}/due', { params: { path: { vehicleId } } }),
  );

const COLOR = { overdue: 'danger', due_soon: 'warning', ok: 'success' } as const;

export function DueSection({ due }: { due: Loaded<VehicleDue> }) {
  const { t } = useTranslation();
  const { data, error } = due;
  return (
    <section className="section" data-testid="due-section">
      <h2 className="section-title">{t('due.title')}</h2>
      {data?.mileage && (
        <p className="due-mileage" data-testid="due-mileage">
          {t('due.mileage', {
            daily: Math.round(data.mileage.dailyKm),
            today:
              data.mileage.predictedKmToday != null ? formatKm(data.mileage.predictedKmToday) : '—',
          })}
        </p>
      )}
      {!data && !error && <Skeleton.Paragraph lineCount={3} animated />}
      {error !== undefined && !data && (
        <ErrorBlock
          className="empty-block"
          status="default"
          title={errorMessage(error)}
          description=""
        />
      )}
      {data && data.items.length === 0 && (
        <ErrorBlock className="empty-block" status="empty" title={t('due.empty')} description="" />
      )}
      {data && data.items.length > 0 && (
        <List className="due-list">
          {data.items.map((item) => (
            <List.Item
              key={item.key}
              data-testid={`due-item-${item.key}`}
              description={
                <>
                  {item.note && (
                    <span className="due-note" data-testid="due-note">
                      {item.note}
                    </span>
                  )}
                  <span className="due-why" data-testid="due-why">
                    {item.why}
                  </span>
                  <PhotoStrip
                    photos={item.photos}
                    alt={item.label}
                    className="due-photos"
                    testId="due-photo"
                  />
                </>
              }
              extra={
                <div className="due-extra">
                  <Tag color={COLOR[item.status]} fill="outline" data-testid="due-status">
                    {t(`due.status.${item.status}`)}
                  </Tag>
                  <div className="due-date" data-testid="due-date">
                    {item.dueDate}
                  </div>
                  {item.dueKm != null && <div className="due-km">{formatKm(item.dueKm)}</div>}
                </div>
              }
            >
              {item.label}
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}
