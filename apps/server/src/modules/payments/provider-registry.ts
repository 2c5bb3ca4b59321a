// The payment providers by name.
import type { PaymentProvider } from './port.ts';
import type { PaymentProviderName } from './payments.tables.ts';
import { alipayProvider } from './provider-alipay.ts';
import { devProvider } from './provider-dev.ts';
import { stripeProvider } from './provider-stripe.ts';
import { wechatPayProvider } from './provider-wechat-pay.ts';

export const PROVIDERS: Record<PaymentProviderName, PaymentProvider> = {
  dev: devProvider,
  wechat: wechatPayProvider,
  alipay: alipayProvider,
  stripe: stripeProvider,
};
