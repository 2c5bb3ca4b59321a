// Shapes of a customer's consents (per channel and purpose) and their history, from the
// generated OpenAPI types.
import type { paths } from '@liuke/api-client';
import type { Customer, Json } from '../../types.ts';

export type ConsentState = Customer['consents'][number];
export type Channel = ConsentState['channel'];
export type Purpose = ConsentState['purpose'];
export type ConsentRecord = Json<
  paths['/api/v1/staff/customers/{customerId}/consents']['get']
>['items'][number];

export const CHANNELS = [
  'sms',
  'inapp',
  'webpush',
  'wechat',
  'email',
] as const satisfies readonly Channel[];
export const PURPOSES = ['service', 'marketing'] as const satisfies readonly Purpose[];
