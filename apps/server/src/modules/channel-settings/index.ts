// Channel settings: the provider and credentials of each external channel per tenant, the Web
// Push VAPID keys and subscriptions, WeChat openid bindings, and the providers' receipt webhooks.
export {
  getChannelSettings,
  saveChannelSettings,
  invalidateChannelSettings,
  unsafeLoadChannelSetting,
  unsafeVapidKeys,
  unsafeVapidPublicKey,
  invalidateVapidCache,
  openChannelSecrets,
  unsafePushSubscriptions,
  unsafeRemovePushSubscriptions,
  unsafeMarkPushSuccess,
  unsafeWechatOpenid,
  unsafeSetWechatSubscribed,
  subscribePush,
  unsubscribePush,
  getWechatBinding,
  setWechatBinding,
  removeWechatBinding,
  type ConfigurableChannel,
  type StoredChannelSetting,
} from './channel-settings.service.ts';
export {
  channelSettings,
  pushSubscriptions,
  webPushKeys,
  wechatBindings,
  CONFIGURABLE_CHANNELS,
} from './channel-settings.tables.ts';
export { forgetCustomerEndpoints } from './privacy.ts';
export { CONFIGURED_CHANNELS, pushSubscriptionStore, wechatBindingStore } from './adapters.ts';
