import { Agent, fetch as undiciFetch } from 'undici';
import { MAX_PER_HOST } from '../lib/links/link-checker';

/**
 * fetch for link checking in Node with at most MAX_PER_HOST sockets per origin, as Chrome keeps them.
 * The checker already bounds requests in flight, but when it stops reading a long page (64 KB is
 * enough for the soft-404 rules) Node's fetch opens a replacement socket before the old one has
 * closed: a pool capped per origin keeps the number of connections to a fragile server at 6.
 */
export function boundedFetch(): typeof fetch {
  const dispatcher = new Agent({ connections: MAX_PER_HOST });
  return ((input: RequestInfo | URL, init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}
