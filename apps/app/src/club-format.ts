// Words of the community pages: a badge's label, how long ago a post was written.
import type { TFunction } from 'i18next';
import type { Badge } from './club-api.ts';
import { formatDate } from './format.ts';

export function badgeLabel(t: TFunction, badge: Badge): string {
  return t(`clubs.badge.${badge.code}`, { make: badge.make ?? '' });
}

/** 刚刚 / 5 分钟前 / 3 小时前 / 2 天前, then the date. */
export function ago(t: TFunction, iso: string, lang: string, now = Date.now()): string {
  const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return t('clubs.justNow');
  if (minutes < 60) return t('clubs.minutesAgo', { count: minutes });
  if (minutes < 24 * 60) return t('clubs.hoursAgo', { count: Math.floor(minutes / 60) });
  if (minutes < 7 * 24 * 60) return t('clubs.daysAgo', { count: Math.floor(minutes / 1440) });
  return formatDate(iso, lang);
}
