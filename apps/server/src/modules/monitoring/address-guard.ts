// Where the feed fetcher may connect: only public unicast addresses, unless the installation
// allows private ones (LIUKE_MONITOR_ALLOW_PRIVATE, for tests and development). The fetcher
// resolves names itself through `guardedLookup` and connects to the address it checked, so a
// name that resolves inward (or rebinds between two lookups) is refused; every redirect is
// checked again the same way.
import dns from 'node:dns';
import type net from 'node:net';
import ipaddr from 'ipaddr.js';

/** True when an address is public unicast (not loopback, private, link-local, metadata…). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
  }
  return ip.range() === 'unicast';
}

export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
}

/** The host of a URL without IPv6 brackets. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/gu, '');

/**
 * Which addresses a fetch may connect to: public ones, every one when private addresses are
 * allowed, and the few `extra` addresses named (tests pin one loopback address this way).
 */
export type AddressPolicy = boolean | { extra: readonly string[] };

const admits = (policy: AddressPolicy, address: string) =>
  policy === true ||
  isPublicAddress(address) ||
  (typeof policy === 'object' && policy.extra.includes(address));

/** Whether a URL names an IP literal that must not be reached (lookup is not asked for those). */
export function literalBlocked(url: URL, policy: AddressPolicy): boolean {
  const host = hostOf(url);
  return ipaddr.isValid(host) && !admits(policy, host);
}

/**
 * A `lookup` for http.request that answers only checked addresses: the socket connects to the
 * address that passed the check, not to a second answer.
 */
export function guardedLookup(policy: AddressPolicy): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as unknown as dns.LookupAddress[];
      const usable = list.filter((a) => admits(policy, a.address));
      if (!usable.length)
        return callback(
          new BlockedAddressError(`${hostname} resolves to a private or reserved address`),
          '',
          0,
        );
      if ((options as dns.LookupOptions).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}
