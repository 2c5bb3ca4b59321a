// Shapes of the webhook screens (集成 · Webhooks), from the generated OpenAPI document.
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';

export type WebhookList = Json<paths['/api/v1/staff/webhooks']['get']>;
export type Webhook = WebhookList['items'][number];
export type DeliveryPage = Json<paths['/api/v1/staff/webhooks/{id}/deliveries']['get']>;
export type Delivery = DeliveryPage['items'][number];
export type DeliveryDetail = Json<
  paths['/api/v1/staff/webhooks/{id}/deliveries/{deliveryId}']['get']
>;

export const DELIVERY_STATUS_COLOR: Record<Delivery['status'], string> = {
  pending: 'processing',
  succeeded: 'success',
  failed: 'error',
};
