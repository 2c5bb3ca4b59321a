// Following a started payment, the same from every pay button (a top-up, a package, an order, a
// deal): to the provider's page, through WeChat's pay sheet, to our Stripe page, or to the result
// page. The result page always has the last word: it asks the server, never the browser.
import { Toast } from 'antd-mobile';
import type { TFunction } from 'i18next';
import type { PayingNext } from './payments-api.ts';
import { payInWechat } from './wechat-bridge.ts';

export async function followPayment(next: PayingNext, go: (path: string) => void, t: TFunction) {
  if (next.kind === 'none') Toast.show({ content: t('payments.none') });
  else if (next.kind === 'redirect') window.location.assign(next.url);
  else if (next.kind === 'wechat') {
    // Whatever the sheet says, the result page asks the server: `ok` here proves nothing.
    if ((await payInWechat(next.params)) === 'cancel')
      Toast.show({ content: t('payments.cancelled') });
    go(next.path);
  } else go(next.path);
}
