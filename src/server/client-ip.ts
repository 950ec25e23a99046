/**
 * The client's address for abuse limits. Behind N trusted proxies (TRUST_PROXY_HOPS) it is the
 * Nth address from the right of X-Forwarded-For (each proxy appends the peer it saw); entries
 * further left are whatever the client claimed and are ignored. Without proxies: the socket peer.
 */
export function clientIpFrom(headers: Headers, socketAddress: string | undefined, trustedHops: number): string | undefined {
  if (trustedHops <= 0) return socketAddress;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return hops[hops.length - trustedHops] ?? socketAddress;
}
