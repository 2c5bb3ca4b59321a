// Channel settings (渠道设置) and a customer's consents per channel and purpose.
// Other parts of the console use only what this file exports.

export { default as ChannelSettingsPage } from './ChannelSettingsPage.tsx';
export { default as ConsentCard } from './ConsentCard.tsx';
export { CHANNELS } from './consents.ts';
export type { Channel } from './consents.ts';
