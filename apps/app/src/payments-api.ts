// The online-payment calls of the app and their types, from the server's OpenAPI document: what
// can be bought, starting a payment, its result (asked of the provider, never taken from the
// return page), my payments, and the development provider's "pay" click. Inside WeChat's own
// browser WeChat Pay goes through its JS bridge (JSAPI), elsewhere through its H5 page.
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';
import { bridgeParams, inWechatBrowser, type BridgePayParams } from './wechat-bridge.ts';

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

/** How to pay with `provider` in this browser: WeChat Pay by its bridge inside WeChat. */
export function channelFor(provider: (typeof PREFERENCE)[number], userAgent: string) {
  if (provider === 'wechat' && inWechatBrowser(userAgent)) return 'jsapi' as const;
  return CHANNEL[provider];
}

/** Where paying goes next (see `startPaying`). */
export type PayingNext =
  | { kind: 'none' }
  | { kind: 'redirect'; url: string }
  | { kind: 'result'; path: string }
  | { kind: 'stripe'; path: string }
  | { kind: 'wechat'; params: BridgePayParams; path: string };

/** The result page of a payment (it asks the server, which asks the provider). */
export const resultPath = (paymentId: string) =>
  `/pay/result?payment=${encodeURIComponent(paymentId)}`;

/** Our card page of a Stripe payment (its client secret is read there, never put in a URL). */
export const stripePath = (paymentId: string) =>
  `/pay/stripe?payment=${encodeURIComponent(paymentId)}`;

/** The business's preferred way to pay from a phone browser. */
export function choose(providers: Provider[]) {
  for (const p of PREFERENCE) if (providers.some((x) => x.provider === p)) return p;
  return null;
}

/**
 * Starts paying for `subjectId` and answers where to go: the provider's page (a redirect),
 * WeChat's pay sheet (then the result page), our Stripe page (its client secret is read there
 * from the payment, never put in a URL), or our result page, which waits for the verified result.
 */
export async function startPaying(kind: PayKind, subjectId: string): Promise<PayingNext> {
  const { providers } = await paymentsApi.methods();
  const provider = choose(providers);
  if (!provider) return { kind: 'none' };
  const payment = await unwrap(
    client.POST('/api/v1/app/payments', {
      body: { kind, subjectId, provider, channel: channelFor(provider, navigator.userAgent) },
    }),
  );
  const path = resultPath(payment.id);
  if (payment.action.redirectUrl) return { kind: 'redirect', url: payment.action.redirectUrl };
  const params = payment.channel === 'jsapi' ? bridgeParams(payment.action) : null;
  if (params) return { kind: 'wechat', params, path };
  if (payment.action.clientSecret) return { kind: 'stripe', path: stripePath(payment.id) };
  return { kind: 'result', path };
}
