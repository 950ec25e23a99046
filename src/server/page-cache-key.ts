// Which requests the tracking-page cache (page-cache.ts) answers, with no imports of its own: the
// process's HTTP front (src/cli/http-server.ts) checks this before it asks the app's cache.

/** Where the entry (src/fetch.ts) leaves the cache's lookup for the HTTP front: a function on globalThis. */
export const CACHED_PAGE = Symbol.for('porchlight.cachedPage');

// the token and `lang` exactly as sent: anything escaped or added is left to the app, which decodes it
const PAGE = /^\/t\/([A-Za-z0-9_-]+)(?:\?lang=([A-Za-z-]*))?$/;
/** The cacheable tracking-page requests: GET or HEAD of /t/{token}, with no query but `lang`. */
export function cacheablePage(method: string, url: string): { token: string; langParam: string | null } | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const m = PAGE.exec(url);
  return m ? { token: m[1]!, langParam: m[2] ?? null } : null;
}
