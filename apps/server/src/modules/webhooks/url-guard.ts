// Where a webhook may point: http(s) only, no credentials in the URL, and no loopback, private,
// link-local or otherwise internal address (the server must not become a way into its own
// network) unless the installation allows it (LIUKE_WEBHOOKS_ALLOW_PRIVATE, tests). The check
// runs when the URL is saved and again on the address each delivery actually connects to, so a
// name that later resolves inward (DNS rebinding) is refused too.
import dns from 'node:dns';
import net from 'node:net';

const internal = new net.BlockList();
for (const [addr, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  internal.addSubnet(addr, prefix, 'ipv4');
for (const [addr, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  internal.addSubnet(addr, prefix, 'ipv6');

/** True for an address a webhook must not reach (loopback, private, link-local, multicast…). */
export function isInternalAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return internal.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/iu.exec(address);
    if (mapped) return internal.check(mapped[1]!, 'ipv4');
    return internal.check(address, 'ipv6');
  }
  return true;
}

export type UrlProblem = 'invalid' | 'scheme' | 'credentials' | 'internal' | 'unresolvable';

const hostOf = (u: URL) => u.hostname.replace(/^\[|\]$/gu, '');

/** Checks a webhook URL as saved: its form, and every address its host resolves to now. */
export async function checkWebhookUrl(
  raw: string,
  allowInternal: boolean,
): Promise<{ ok: true; url: URL } | { ok: false; problem: UrlProblem }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, problem: 'scheme' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (allowInternal) return { ok: true, url };
  const host = hostOf(url);
  if (net.isIP(host))
    return isInternalAddress(host) ? { ok: false, problem: 'internal' } : { ok: true, url };
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch {
    return { ok: false, problem: 'unresolvable' };
  }
  if (!addresses.length) return { ok: false, problem: 'unresolvable' };
  return addresses.some((a) => isInternalAddress(a.address))
    ? { ok: false, problem: 'internal' }
    : { ok: true, url };
}

export class InternalAddressError extends Error {
  override name = 'InternalAddressError';
}

/**
 * A `lookup` for http.request that refuses internal addresses: the check applies to the address
 * the socket connects to, not to an earlier answer.
 */
export function guardedLookup(allowInternal: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as unknown as dns.LookupAddress[];
      const usable = allowInternal ? list : list.filter((a) => !isInternalAddress(a.address));
      if (!usable.length)
        return callback(
          new InternalAddressError(`${hostname} resolves to an internal address`),
          '',
          0,
        );
      if ((options as dns.LookupOptions).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/** Whether a URL's host is an IP literal that must not be reached (lookup is not called for those). */
export function literalIsInternal(url: URL): boolean {
  const host = hostOf(url);
  return net.isIP(host) !== 0 && isInternalAddress(host);
}
