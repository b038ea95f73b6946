/**
 * Downloads of photos agents send the bot in Teams. Images pasted inline sit on the Bot Connector
 * (`contentUrl`) and need the bot's token, which is only ever sent to the connector's documented
 * hosts (or the configured TEAMS_SERVICE_URL). Uploaded files come with a short-lived,
 * pre-authenticated `downloadUrl` on SharePoint that gets no token at all; images the
 * reconciliation reads back from Microsoft Graph get the Graph token, only sent to the configured
 * Graph host. Which hosts, and the check that each hop resolves to public addresses only, are in
 * `file-hosts.ts`. An expired link or a refusal says so (`PhotoDownloadError` 'expired'); the size
 * limit is enforced while streaming.
 */
import { readPhotoResponse } from '../../bot/download.js';
import { PhotoDownloadError, PhotoTooLargeError } from '../../bot/errors.js';
import type { IncomingPhoto } from '../../bot/ports.js';
import { isConfiguredService, isDocumentedHost, type Resolve, resolvesToPublic } from './file-hosts.js';
import { GRAPH_PREFIX, INLINE_PREFIX } from './inbound.js';

export interface TeamsDownloadOptions {
  serviceUrl: string;
  maxBytes: number;
  /** The bot's current token for the connector; null when none is configured. */
  token: () => Promise<string | null>;
  /** Microsoft Graph base URL and the app's Graph token, for images read back by the reconciliation. */
  graphUrl: string;
  graphToken: () => Promise<string | null>;
  timeoutMs?: number;
  /** How host names are resolved before connecting (tests give their own). */
  resolve?: Resolve;
}

/** A pre-authenticated file link may be redirected (SharePoint to its download host) a few times. */
const MAX_REDIRECTS = 3;

/** True when the bot token may be sent to this URL: a documented connector host, or TEAMS_SERVICE_URL. */
export function isConnectorUrl(url: string, serviceUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  return isConfiguredService(target, serviceUrl) || isDocumentedHost(target, 'connector');
}

export async function downloadTeamsPhoto(photo: IncomingPhoto, options: TeamsDownloadOptions): Promise<Buffer> {
  if (photo.size !== undefined && photo.size > options.maxBytes) throw new PhotoTooLargeError(photo.id, photo.size);
  const inline = photo.id.startsWith(INLINE_PREFIX);
  const graph = photo.id.startsWith(GRAPH_PREFIX);
  const untrusted = (detail: string) => new PhotoDownloadError(photo.id, 'untrustedHost', detail);
  let url: URL;
  try {
    url = new URL(photo.url);
  } catch {
    throw untrusted('not a URL');
  }
  const headers: Record<string, string> = {};
  // The operator's own endpoints (TEAMS_SERVICE_URL, TEAMS_GRAPH_URL) are trusted as configured.
  const configured = (u: URL) =>
    isConfiguredService(u, options.serviceUrl) || (graph && isConfiguredService(u, options.graphUrl));
  let allowed: (u: URL) => boolean;
  if (inline) {
    if (!isConnectorUrl(photo.url, options.serviceUrl)) throw untrusted('inline image outside the Bot Connector');
    allowed = (u) => isConnectorUrl(u.href, options.serviceUrl);
    const token = await options.token();
    if (token) headers.authorization = `Bearer ${token}`;
  } else if (graph) {
    // The Graph token only ever goes to the configured Graph host.
    if (!photo.url.startsWith(`${options.graphUrl}/`)) throw untrusted('hosted image outside Microsoft Graph');
    allowed = (u) => u.href.startsWith(`${options.graphUrl}/`);
    const token = await options.graphToken();
    if (token) headers.authorization = `Bearer ${token}`;
  } else {
    allowed = (u) => isDocumentedHost(u, 'file') || isConfiguredService(u, options.serviceUrl);
  }
  for (let hop = 0; ; hop++) {
    if (!allowed(url)) throw untrusted(`${url.host} is not a host Microsoft documents for this download`);
    if (!configured(url) && !(await resolvesToPublic(url, options.resolve))) {
      throw untrusted(`${url.host} does not resolve to public addresses only`);
    }
    let response: Response;
    try {
      response = await fetch(url, {
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new PhotoDownloadError(photo.id, 'failed', (error as Error).message);
    }
    const location = response.headers.get('location');
    // Only a file link (no token) follows a redirect, and each hop is checked like the first.
    if (!inline && !graph && response.status >= 300 && response.status < 400 && location && hop < MAX_REDIRECTS) {
      await response.body?.cancel();
      try {
        url = new URL(location, url);
      } catch {
        throw untrusted('redirected to something that is not a URL');
      }
      continue;
    }
    return readPhotoResponse(photo.id, response, options.maxBytes);
  }
}
