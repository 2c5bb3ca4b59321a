// What channel-settings plugs into the application (wired by the composition root, src/modules.ts).
// Channel settings: providers per tenant; it carries the configured channels (SMS, e-mail, Web
// Push, WeChat) through their adapters.
import type { ModuleDef } from '../../app/module.ts';
import { channelSettingsRoutes } from './channel-settings.routes.ts';
import { CONFIGURED_CHANNELS } from './index.ts';

export const channelSettingsModule: ModuleDef = {
  name: 'channel-settings',
  routes: [channelSettingsRoutes],
  channels: CONFIGURED_CHANNELS,
};
