// Which adapter carries a channel for a tenant. The composition root registers each module's
// channel resolvers (configured providers, the in-app inbox); a channel nobody configured falls
// back to the development recorder, so the product runs with no provider account anywhere.
import type { AddressBook, Channel, ChannelDeps, ChannelName } from './port.ts';

export type ChannelResolver = (
  tenantId: string,
  deps: ChannelDeps,
) => Promise<(Channel & Partial<AddressBook>) | null>;

const resolvers = new Map<ChannelName, ChannelResolver>();
let fallback: ((name: ChannelName) => Channel & Partial<AddressBook>) | null = null;

/** Registers the resolver of one channel (the last registration wins). */
export function registerChannelResolver(name: ChannelName, resolver: ChannelResolver): void {
  resolvers.set(name, resolver);
}

/** Sets the adapter used when no resolver answers (the development recorder). */
export function setFallbackChannel(make: (name: ChannelName) => Channel & Partial<AddressBook>) {
  fallback = make;
}

/** The adapter for `name` in `tenantId`: the configured provider, else the recorder. */
export async function resolveChannel(
  tenantId: string,
  name: ChannelName,
  deps: ChannelDeps,
): Promise<Channel & Partial<AddressBook>> {
  const configured = await resolvers.get(name)?.(tenantId, deps);
  if (configured) return configured;
  if (!fallback) throw new Error(`no adapter for channel ${name} and no fallback recorder`);
  return fallback(name);
}
