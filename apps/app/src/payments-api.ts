// The online-payment calls of the app and their types, from the server's OpenAPI document: what
// can be bought, starting a payment, its result (asked of the provider, never taken from the
// return page), my payments, and the development provider's "pay" click.
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';

type Json<Op> = Op extends { responses: { 200: { content: { 'application/json': infer B } } } }
  ? B
  : never;

export type Payment = Json<paths['/api/v1/app/payments/{paymentId}']['get']>;
export type PaymentCatalog = Json<paths['/api/v1/app/payments/catalog']['get']>;
type Provider = Json<paths['/api/v1/app/payments/methods']['get']>['providers'][number];
export type PayKind = 'top_up' | 'package' | 'order' | 'deal';

const path = (paymentId: string) => ({ params: { path: { paymentId } } });

export const paymentsApi = {
  catalog: () => unwrap(client.GET('/api/v1/app/payments/catalog')),
  methods: () => unwrap(client.GET('/api/v1/app/payments/methods')),
  mine: () => unwrap(client.GET('/api/v1/app/payments', { params: { query: { limit: 50 } } })),
  get: (id: string) => unwrap(client.GET('/api/v1/app/payments/{paymentId}', path(id))),
  check: (id: string) => unwrap(client.POST('/api/v1/app/payments/{paymentId}/check', path(id))),
  devPay: (id: string) => unwrap(client.POST('/api/v1/app/payments/{paymentId}/dev-pay', path(id))),
};

const PREFERENCE = ['wechat', 'alipay', 'stripe', 'dev'] as const;
const CHANNEL = { wechat: 'h5', alipay: 'wap', stripe: 'intent', dev: 'dev' } as const;

/** The business's preferred way to pay from a phone browser. */
export function choose(providers: Provider[]) {
  for (const p of PREFERENCE) if (providers.some((x) => x.provider === p)) return p;
  return null;
}

/**
 * Starts paying for `subjectId` and answers where to go: the provider's page (a redirect) or
 * our result page, which waits for the verified result.
 */
export async function startPaying(kind: PayKind, subjectId: string) {
  const { providers } = await paymentsApi.methods();
  const provider = choose(providers);
  if (!provider) return { kind: 'none' as const };
  const payment = await unwrap(
    client.POST('/api/v1/app/payments', {
      body: { kind, subjectId, provider, channel: CHANNEL[provider] },
    }),
  );
  if (payment.action.redirectUrl)
    return { kind: 'redirect' as const, url: payment.action.redirectUrl };
  return { kind: 'result' as const, path: `/pay/result?payment=${payment.id}` };
}
