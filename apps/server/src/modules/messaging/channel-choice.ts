// Which channels an intent goes out on. Channels the sender named are used as asked (each one);
// otherwise the template's, in the customer's preferred order, and only the first that works,
// with a fallback after Web Push. A channel is refused without a template text for it, without
// the customer's consent (service and marketing), without an address, or — when choosing —
// when its adapter says the customer cannot be reached there.
import type { ChannelDeps, ChannelName } from '../../channels/port.ts';
import type { Adapter, AdapterFor } from './pipeline-deps.ts';
import type { CustomerRow, IntentRow } from './plan-context.ts';
import type { BuiltInTemplate } from './templates.ts';

const CONSENT_CHANNELS = new Set(['sms', 'email', 'webpush', 'wechat', 'inapp']);

export interface Choice {
  channel: ChannelName;
  address: string;
  adapter: Adapter;
}

export interface Channels {
  /** The sender named the channels. */
  explicit: boolean;
  chosen: Choice[];
  /** Sent when Web Push (the chosen one) is not opened in time. */
  fallback: Choice | undefined;
  refused: { channel: ChannelName; reason: string }[];
}

export async function chooseChannels(
  i: IntentRow,
  customer: CustomerRow | null,
  template: BuiltInTemplate,
  consents: Set<string>,
  adapterFor: AdapterFor,
  reach: ChannelDeps,
): Promise<Channels> {
  const explicit = !!i.channels?.length;
  const allowed: Choice[] = [];
  const refused: Channels['refused'] = [];
  for (const channel of candidates(i, customer, template, explicit)) {
    const reason = refusal(i, customer, template, consents, channel);
    const address = reason ? null : addressOn(i, customer, channel);
    if (reason || !address) {
      refused.push({ channel, reason: reason ?? 'no_address' });
      continue;
    }
    // Inside this transaction resolvers and address books must query through it: on PGlite
    // (one connection) a query on the owner handle would wait for this transaction forever.
    const adapter = await adapterFor(i.tenant_id, channel);
    // Channels the sender named are used as asked (an inbox row waits for the app); only
    // when choosing the best channel does reachability decide.
    if (
      !explicit &&
      customer &&
      adapter.reachable &&
      !(await adapter.reachable(i.tenant_id, customer.id, reach))
    ) {
      refused.push({ channel, reason: 'unreachable' });
      continue;
    }
    allowed.push({ channel, address, adapter });
  }
  const chosen = explicit || !customer ? allowed : allowed.slice(0, 1);
  // Web Push not opened in time falls back to the next channel that works.
  const fallback =
    !explicit && customer && chosen[0]?.channel === 'webpush' ? allowed[1] : undefined;
  return { explicit, chosen, fallback, refused };
}

/** Those asked for (every one), or the template's in the customer's preferred order. */
function candidates(
  i: IntentRow,
  customer: CustomerRow | null,
  template: BuiltInTemplate,
  explicit: boolean,
): ChannelName[] {
  const listed = (i.channels ??
    (i.to_channel ? [i.to_channel] : Object.keys(template.channels))) as ChannelName[];
  const preferred = customer?.preferred_channel as ChannelName | null | undefined;
  if (explicit || !preferred || !listed.includes(preferred)) return listed;
  return [preferred, ...listed.filter((c) => c !== preferred)];
}

function refusal(
  i: IntentRow,
  customer: CustomerRow | null,
  template: BuiltInTemplate,
  consents: Set<string>,
  channel: ChannelName,
): string | null {
  if (!template.channels[channel]) return 'no_template_for_channel';
  if (
    customer &&
    (i.purpose === 'service' || i.purpose === 'marketing') &&
    CONSENT_CHANNELS.has(channel) &&
    !consents.has(`${i.tenant_id}:${customer.id}:${channel}:${i.purpose}`)
  )
    return 'no_consent';
  return null;
}

function addressOn(i: IntentRow, customer: CustomerRow | null, channel: ChannelName) {
  if (!customer) return i.to_address;
  if (channel === 'sms') return customer.phone;
  if (channel === 'email') return customer.email;
  return customer.id;
}
