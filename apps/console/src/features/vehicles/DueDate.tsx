import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { EMPTY, formatDate } from '../../kit/format.ts';
import { daysUntil } from './vehicles.ts';

/** Default lead for insurance renewal reminders (glossary: 30 days). */
const SOON_DAYS = 30;

/** A due date (insurance expiry, next inspection) with a tag when it is near or past. */
export default function DueDate({ date, testId }: { date: string | null; testId?: string }) {
  const { t } = useTranslation();
  if (!date) return <span data-testid={testId}>{EMPTY}</span>;
  const days = daysUntil(date);
  return (
    <span data-testid={testId}>
      {formatDate(date)}
      {days !== null && days < 0 && (
        <Tag color="error" style={{ marginInlineStart: 8 }}>
          {t('profile.due.overdue')}
        </Tag>
      )}
      {days !== null && days >= 0 && days <= SOON_DAYS && (
        <Tag color="warning" style={{ marginInlineStart: 8 }}>
          {days === 0 ? t('profile.due.today') : t('profile.due.inDays', { count: days })}
        </Tag>
      )}
    </span>
  );
}
