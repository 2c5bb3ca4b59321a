import { describe, expect, it } from 'vitest';
import {
  bridgeParams,
  inWechatBrowser,
  payInWechat,
  type BridgeHost,
  type BridgePayParams,
  type WeixinJSBridge,
} from './wechat-bridge.ts';

const PARAMS: BridgePayParams = {
  appId: 'wx8888888888888888',
  timeStamp: '1765000000',
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  package: 'prepay_id=wx201410272009395522657a690389285100',
  signType: 'RSA',
  paySign: 'c2lnbmVk',
};

/** A bridge that records what it was asked and answers `errMsg`. */
function fakeBridge(errMsg: string) {
  const calls: { name: string; params: BridgePayParams }[] = [];
  const bridge: WeixinJSBridge = {
    invoke(name, params, cb) {
      calls.push({ name, params });
      cb({ err_msg: errMsg });
    },
  };
  return { bridge, calls };
}

/** A page whose bridge arrives later, with WeixinJSBridgeReady. */
function lateHost() {
  const listeners = new Map<string, () => void>();
  const host: BridgeHost = {
    win: {},
    doc: {
      addEventListener: (type: string, fn: () => void) => void listeners.set(type, fn),
      removeEventListener: (type: string) => void listeners.delete(type),
    } as unknown as BridgeHost['doc'],
  };
  return {
    host,
    arrive(bridge: WeixinJSBridge) {
      host.win.WeixinJSBridge = bridge;
      listeners.get('WeixinJSBridgeReady')?.();
    },
    listening: () => listeners.has('WeixinJSBridgeReady'),
  };
}

describe('paying through WeixinJSBridge', () => {
  it('knows WeChat’s browser by its user agent', () => {
    expect(
      inWechatBrowser(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN',
      ),
    ).toBe(true);
    expect(inWechatBrowser('Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari')).toBe(
      false,
    );
  });

  it('passes the signed parameters to getBrandWCPayRequest and says how it went', async () => {
    for (const [msg, outcome] of [
      ['get_brand_wcpay_request:ok', 'ok'],
      ['get_brand_wcpay_request:cancel', 'cancel'],
      ['get_brand_wcpay_request:fail', 'fail'],
    ] as const) {
      const { bridge, calls } = fakeBridge(msg);
      const host = lateHost().host;
      host.win.WeixinJSBridge = bridge;
      expect(await payInWechat(PARAMS, host)).toBe(outcome);
      expect(calls).toEqual([{ name: 'getBrandWCPayRequest', params: PARAMS }]);
    }
  });

  it('waits for WeixinJSBridgeReady when the bridge is not there yet', async () => {
    const late = lateHost();
    const paying = payInWechat(PARAMS, late.host);
    expect(late.listening()).toBe(true);
    const { bridge, calls } = fakeBridge('get_brand_wcpay_request:ok');
    late.arrive(bridge);
    expect(await paying).toBe('ok');
    expect(calls).toHaveLength(1);
    expect(late.listening()).toBe(false);
  });

  it('gives up when the bridge never comes', async () => {
    const late = lateHost();
    expect(await payInWechat(PARAMS, late.host, 20)).toBe('fail');
    expect(late.listening()).toBe(false);
  });

  it('takes the bridge parameters from a JSAPI action, and nothing short of them', () => {
    expect(bridgeParams({ ...PARAMS, prepayId: 'wx2014' } as never)).toEqual(PARAMS);
    expect(bridgeParams({ ...PARAMS, paySign: '' })).toBeNull();
  });
});
