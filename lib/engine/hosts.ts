/**
 * What a URL's host means here, in one place. Two meanings, two names:
 * - `hostnameOf`: the site's host name, lower case, without port: a site's identity in the ledger, the
 *   footer's links, the conac badge;
 * - `siteKeyOf`: host and port as the browser shows them: the scope of the reviewer's switches (暂停本站,
 *   本站忽略), so two servers on one machine (the demo and a test site) are two sites.
 * Both are '' for a string that is no URL.
 */
export function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** Host and port of a URL as the browser shows them (the scope of 暂停本站 and 本站忽略); '' for no URL. */
export function siteKeyOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
