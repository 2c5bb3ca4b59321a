// The referral (老带新) calls of the app and their types, taken from the server's OpenAPI
// document: the signed-in owner's code, link, poster and referrals, and the public landing of a
// shared link (the welcome offer).
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';

type Json<Op> = Op extends { responses: { 200: { content: { 'application/json': infer B } } } }
  ? B
  : never;

export type MyReferrals = Json<paths['/api/v1/app/referrals/me']['get']>;
export type MyReferral = MyReferrals['referrals'][number];
export type ReferralStatus = MyReferral['status'];
export type Reward = MyReferrals['program']['referrerReward'];
export type RewardKind = Reward['kind'];
export type PublicReferral = Json<paths['/api/v1/public/referrals/{code}']['get']>;

export const referralApi = {
  mine: (): Promise<MyReferrals> => unwrap(client.GET('/api/v1/app/referrals/me')),
  landing: (code: string, tenant: string): Promise<PublicReferral> =>
    unwrap(
      client.GET('/api/v1/public/referrals/{code}', {
        params: { path: { code }, query: { tenant } },
      }),
    ),
};
