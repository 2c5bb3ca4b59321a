// Technicians in the console: who may be given work at a store, a Select of them, and labour
// time shown in hours.
import { Select, Tag } from 'antd';
import type { SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import { api, unwrap } from '../../api.ts';
import { useLoad } from '../../kit/index.ts';
import type { Json, StaffMe } from '../../types.ts';

export type Technician = Json<paths['/api/v1/staff/technicians']['get']>['items'][number];
export type TechnicianJob = Json<paths['/api/v1/staff/me/jobs']['get']>['items'][number];

/** Who may be given work at `storeId` (every store when absent). */
export function useTechnicians(storeId: string | undefined, enabled = true) {
  return useLoad(
    async () =>
      (
        await unwrap(
          api.GET('/api/v1/staff/technicians', {
            params: { query: storeId ? { storeId } : {} },
          }),
        )
      ).items,
    [storeId],
    { enabled },
  );
}

/** Owners and managers read anyone's jobs and hours. */
export function canLeadWorkshop(staff: StaffMe): boolean {
  return staff.role === 'owner' || staff.role === 'manager';
}

/** 1.5 (hours, one decimal at most) from minutes; null stays null. */
export function minutesToHours(minutes: number | null | undefined): number | null {
  return minutes === null || minutes === undefined ? null : Math.round((minutes / 60) * 100) / 100;
}

export function hoursToMinutes(hours: number | null | undefined): number | null {
  return hours === null || hours === undefined ? null : Math.round(hours * 60);
}

/** "1.5 小时" / "1.5 h"; a dash for none. */
export function useFormatHours() {
  const { t } = useTranslation();
  return (minutes: number | null | undefined) =>
    minutes === null || minutes === undefined
      ? '—'
      : t('workshop.hoursValue', { hours: minutesToHours(minutes) });
}

export function TechnicianSelect({
  technicians,
  placeholder,
  ...props
}: { technicians: readonly Technician[] | undefined } & SelectProps<string | null>) {
  const { t } = useTranslation();
  return (
    <Select<string | null>
      allowClear
      showSearch={{ optionFilterProp: 'name' }}
      placeholder={placeholder ?? t('workshop.pickTechnician')}
      loading={technicians === undefined}
      style={{ minWidth: 200 }}
      options={(technicians ?? []).map((m) => ({
        value: m.id,
        name: m.name,
        label: (
          <span>
            {m.name}{' '}
            {m.role !== 'technician' && (
              <Tag bordered={false} style={{ marginInlineStart: 4 }}>
                {t(`workshop.role.${m.role}`)}
              </Tag>
            )}
          </span>
        ),
      }))}
      {...props}
    />
  );
}
