// Shapes of the monitoring screens (内容 · 舆情监测), from the generated OpenAPI document.
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';

export type FeedList = Json<paths['/api/v1/staff/monitoring/feeds']['get']>;
export type Feed = FeedList['items'][number];
export type RuleList = Json<paths['/api/v1/staff/monitoring/rules']['get']>;
export type Rule = RuleList['items'][number];
export type MatchPage = Json<paths['/api/v1/staff/monitoring/matches']['get']>;
export type Match = MatchPage['items'][number];
export type Settings = Json<paths['/api/v1/staff/monitoring/settings']['get']>;
export type Recipient = Json<paths['/api/v1/staff/monitoring/recipients']['get']>['items'][number];

export const FEED_KINDS = ['competitor', 'industry', 'regulator', 'press', 'other'] as const;
export const KIND_COLOR: Record<Feed['kind'], string> = {
  competitor: 'volcano',
  industry: 'blue',
  regulator: 'purple',
  press: 'cyan',
  other: 'default',
};

/** A feed's health in one colour: healthy, not fetched yet, paused, or failing. */
export function healthOf(f: Feed): { key: string; color: string } {
  if (f.status === 'paused') return { key: 'paused', color: 'default' };
  if (!f.lastResult) return { key: 'pending', color: 'processing' };
  if (f.lastResult === 'ok' || f.lastResult === 'not_modified')
    return { key: 'ok', color: 'success' };
  return { key: 'failing', color: 'error' };
}
