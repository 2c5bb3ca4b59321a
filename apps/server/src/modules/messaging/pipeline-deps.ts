// What the delivery pipeline's steps run with: the owner connection, clock and log, and the
// channel adapters, resolved once per tenant and channel for a pass.
import { resolveChannel } from '../../channels/registry.ts';
import type {
  AddressBook,
  Channel,
  ChannelDeps,
  ChannelMessage,
  ChannelName,
  SendResult,
} from '../../channels/port.ts';
import '../../channels/recorder.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';

export interface PipelineDeps {
  adminDb: Db;
  log: Logger;
  clock: Clock;
  /** Base of unsubscribe links (LIUKE_PUBLIC_URL). */
  publicUrl?: string;
  batchSize?: number;
  leaseMs?: number;
  /** Parallel sends to adapters without a batch method. */
  sendConcurrency?: number;
  /** Only these tenants' messages (tests sharing one database); all tenants when omitted. */
  onlyTenants?: string[];
  /** Test hook between the steps (the crash test kills the worker around it). */
  onStep?: (step: 'planned' | 'claimed' | 'sent' | 'recorded') => Promise<void> | void;
}

export type Adapter = Channel &
  Partial<AddressBook> & {
    sendMany?: (m: ChannelMessage[], d: ChannelDeps) => Promise<SendResult[]>;
  };

export function channelDeps(deps: PipelineDeps): ChannelDeps {
  return { adminDb: deps.adminDb, log: deps.log, now: () => deps.clock.now() };
}

export function adapterCache(deps: PipelineDeps) {
  const cache = new Map<string, Promise<Adapter>>();
  const cd = channelDeps(deps);
  return (tenantId: string, channel: ChannelName) => {
    const k = `${tenantId}:${channel}`;
    let a = cache.get(k);
    if (!a) cache.set(k, (a = resolveChannel(tenantId, channel, cd) as Promise<Adapter>));
    return a;
  };
}

export type AdapterFor = ReturnType<typeof adapterCache>;

/** When a lease taken now ends. */
export const leaseEnd = (deps: PipelineDeps, now: Date) =>
  new Date(now.getTime() + (deps.leaseMs ?? 60_000));
