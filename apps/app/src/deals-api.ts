// The group-deal (拼团) calls of the app and their types, from the server's OpenAPI document:
// open deals and mine, one deal, joining (the price held from stored value), leaving, the share
// link (my referral link landing on the deal) and my holds.
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';

type Json<Op> = Op extends { responses: { 200: { content: { 'application/json': infer B } } } }
  ? B
  : never;

export type AppDeal = Json<paths['/api/v1/app/deals/{dealId}']['get']>;
export type MyHold = Json<paths['/api/v1/app/deals/holds']['get']>['items'][number];

const path = (dealId: string) => ({ params: { path: { dealId } } });

export const dealsApi = {
  list: () => unwrap(client.GET('/api/v1/app/deals')),
  get: (dealId: string) => unwrap(client.GET('/api/v1/app/deals/{dealId}', path(dealId))),
  holds: () => unwrap(client.GET('/api/v1/app/deals/holds')),
  join: (dealId: string, via: string | null) =>
    unwrap(
      client.POST('/api/v1/app/deals/{dealId}/join', {
        ...path(dealId),
        body: via ? { via } : {},
      }),
    ),
  leave: (dealId: string) => unwrap(client.POST('/api/v1/app/deals/{dealId}/leave', path(dealId))),
  share: (dealId: string) => unwrap(client.GET('/api/v1/app/deals/{dealId}/share', path(dealId))),
};

/** "¥699" / "¥699.50". */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2).replace(/\.00$/, '')}`;

/** Time left until `deadline` as days, hours, minutes, seconds (null once past). */
export function countdown(deadline: string, now: number) {
  const ms = Date.parse(deadline) - now;
  if (ms <= 0) return null;
  const s = Math.floor(ms / 1000);
  return {
    days: Math.floor(s / 86_400),
    hours: Math.floor((s % 86_400) / 3600),
    minutes: Math.floor((s % 3600) / 60),
    seconds: s % 60,
  };
}
