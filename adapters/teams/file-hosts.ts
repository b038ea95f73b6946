/**
 * Where the Teams adapter may fetch an agent's photo from, and where the bot's token may go.
 *
 * - The Bot Framework connector (`serviceUrl`, inline images' `contentUrl`): Microsoft documents the
 *   Teams service URLs as `https://smba.trafficmanager.net/<region>/` (public cloud) and
 *   `smba.infra.gcc.teams.microsoft.com`, `smba.infra.gov.teams.microsoft.us`,
 *   `smba.infra.dod.teams.microsoft.us` (GCC, GCC High, DoD). Inline images may also sit on the
 *   Teams media store `*.asm.skype.com`. Only these hosts, over https, or the configured
 *   `TEAMS_SERVICE_URL`, get the token: not any `*.trafficmanager.net`, which any Azure customer can
 *   register.
 * - Files uploaded in a personal chat (`file.download.info` `downloadUrl`): "first uploaded to the
 *   user's OneDrive for Business", so a SharePoint host (`*.sharepoint.com`, and the sovereign
 *   clouds' `*.sharepoint.us`, `*.sharepoint-mil.us`, `*.sharepoint.cn`), over https, no token.
 *
 * Every hop (redirects included, each checked like the first) must resolve to public addresses only:
 * never loopback, private, link-local or other special ranges. The configured `TEAMS_SERVICE_URL`
 * is the one exception, being the operator's own choice (the Agents Playground runs on localhost).
 */
import dns from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

const CONNECTOR_HOSTS = new Set([
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
]);
/** The Teams media store of inline images (`<region>-api.asm.skype.com`). */
const INLINE_MEDIA_HOST = /^[a-z0-9-]+\.asm\.skype\.com$/i;
/** OneDrive for Business / SharePoint Online, public and sovereign clouds. */
const FILE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.(sharepoint\.com|sharepoint\.us|sharepoint-mil\.us|sharepoint\.cn)$/i;

export type UrlKind = 'connector' | 'file';

/** Whether the URL, by its scheme and host, is one Microsoft documents for this kind of download. */
export function isDocumentedHost(url: URL, kind: UrlKind): boolean {
  if (url.protocol !== 'https:' || url.username || url.password || (url.port && url.port !== '443')) return false;
  const host = url.hostname.toLowerCase();
  if (kind === 'connector') return CONNECTOR_HOSTS.has(host) || INLINE_MEDIA_HOST.test(host);
  return FILE_HOST.test(host);
}

/** Whether the URL is on the operator's configured Bot Connector (`TEAMS_SERVICE_URL`). */
export function isConfiguredService(url: URL, serviceUrl: string): boolean {
  if (url.username || url.password) return false;
  try {
    return url.origin === new URL(serviceUrl).origin;
  } catch {
    return false;
  }
}

/** True for an address on the public internet; false for loopback, private, link-local and the like. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export type Resolve = (host: string) => Promise<string[]>;

/** Every address the system resolver gives for `host` (what `fetch` will connect to). */
export const resolveHost: Resolve = async (host) =>
  (await dns.lookup(host.replace(/^\[|\]$/g, ''), { all: true, verbatim: true })).map((a) => a.address);

/** Whether every address of the URL's host is public (an unresolvable host is not). */
export async function resolvesToPublic(url: URL, resolve: Resolve = resolveHost): Promise<boolean> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  } catch {
    return false;
  }
  return addresses.length > 0 && addresses.every(isPublicAddress);
}
