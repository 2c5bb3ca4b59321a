// Paying inside WeChat's own browser (JSAPI): WeChat injects WeixinJSBridge into its pages, and
// `getBrandWCPayRequest` opens its pay sheet with the parameters our server signed. What the
// bridge answers only decides where the owner goes next: the result page asks the server, and
// only a verified notification or query marks a payment paid.

/** The parameters the server signed for the bridge (the JSAPI payment's action). */
export interface BridgePayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface WeixinJSBridge {
  invoke(name: string, params: BridgePayParams, cb: (res: { err_msg?: string }) => void): void;
}

/** The parts of `window` and `document` the bridge needs (a test passes its own). */
export interface BridgeHost {
  win: { WeixinJSBridge?: WeixinJSBridge };
  doc: Pick<Document, 'addEventListener' | 'removeEventListener'>;
}

export type BridgeOutcome = 'ok' | 'cancel' | 'fail';

/** WeChat's own browser (the bridge is there, or will be): its user agent says MicroMessenger. */
export const inWechatBrowser = (userAgent: string) => /MicroMessenger/i.test(userAgent);

/** How long to wait for the bridge before sending the owner on to the result page anyway. */
export const BRIDGE_WAIT_MS = 10_000;

/** The bridge, now or once WeChat says it is ready (`WeixinJSBridgeReady`); null if it never is. */
function bridgeOf(host: BridgeHost, waitMs: number): Promise<WeixinJSBridge | null> {
  if (host.win.WeixinJSBridge) return Promise.resolve(host.win.WeixinJSBridge);
  return new Promise((resolve) => {
    const ready = () => {
      clearTimeout(timer);
      host.doc.removeEventListener('WeixinJSBridgeReady', ready);
      resolve(host.win.WeixinJSBridge ?? null);
    };
    const timer = setTimeout(() => {
      host.doc.removeEventListener('WeixinJSBridgeReady', ready);
      resolve(null);
    }, waitMs);
    host.doc.addEventListener('WeixinJSBridgeReady', ready);
  });
}

/** Opens WeChat's pay sheet and says how the owner left it. */
export async function payInWechat(
  params: BridgePayParams,
  host: BridgeHost = { win: window as BridgeHost['win'], doc: document },
  waitMs = BRIDGE_WAIT_MS,
): Promise<BridgeOutcome> {
  const bridge = await bridgeOf(host, waitMs);
  if (!bridge) return 'fail';
  return new Promise((resolve) => {
    bridge.invoke('getBrandWCPayRequest', params, (res) => {
      const msg = res.err_msg ?? '';
      resolve(
        msg === 'get_brand_wcpay_request:ok'
          ? 'ok'
          : msg === 'get_brand_wcpay_request:cancel'
            ? 'cancel'
            : 'fail',
      );
    });
  });
}

/** The bridge's parameters from a JSAPI payment's action, or null if one is missing. */
export function bridgeParams(action: Partial<Record<keyof BridgePayParams, string>>) {
  const { appId, timeStamp, nonceStr, signType, paySign } = action;
  const pkg = action.package;
  if (!appId || !timeStamp || !nonceStr || !pkg || !signType || !paySign) return null;
  return { appId, timeStamp, nonceStr, package: pkg, signType, paySign };
}
