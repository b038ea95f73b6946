/**
 * Downloads of photos agents send the bot in Teams. Images pasted inline sit on the Bot Connector
 * (`contentUrl`) and need the bot's token, which is only ever sent to the connector's own hosts (or
 * the configured TEAMS_SERVICE_URL). Uploaded files come with a short-lived, pre-authenticated
 * `downloadUrl` that gets no token at all; images the reconciliation reads back from Microsoft Graph
 * get the Graph token, only sent to the configured Graph host. An expired link or a refusal says so (`PhotoDownloadError`
 * 'expired'); the size limit is enforced while streaming.
 */
import { readPhotoResponse } from '../../bot/download.js';
import { PhotoDownloadError, PhotoTooLargeError } from '../../bot/errors.js';
import type { IncomingPhoto } from '../../bot/ports.js';
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
}

const CONNECTOR_HOSTS = /(^|\.)(trafficmanager\.net|skype\.com|teams\.microsoft\.com|botframework\.com)$/i;

/** True when the bot token may be sent to this URL. */
export function isConnectorUrl(url: string, serviceUrl: string): boolean {
  try {
    const target = new URL(url);
    if (target.origin === new URL(serviceUrl).origin) return true;
    return target.protocol === 'https:' && CONNECTOR_HOSTS.test(target.hostname);
  } catch {
    return false;
  }
}

export async function downloadTeamsPhoto(photo: IncomingPhoto, options: TeamsDownloadOptions): Promise<Buffer> {
  if (photo.size !== undefined && photo.size > options.maxBytes) throw new PhotoTooLargeError(photo.id, photo.size);
  const inline = photo.id.startsWith(INLINE_PREFIX);
  const graph = photo.id.startsWith(GRAPH_PREFIX);
  const headers: Record<string, string> = {};
  if (inline) {
    if (!isConnectorUrl(photo.url, options.serviceUrl)) {
      throw new PhotoDownloadError(photo.id, 'untrustedHost', 'inline image outside the Bot Connector');
    }
    const token = await options.token();
    if (token) headers.authorization = `Bearer ${token}`;
  } else if (graph) {
    // The Graph token only ever goes to the configured Graph host.
    if (!photo.url.startsWith(`${options.graphUrl}/`)) {
      throw new PhotoDownloadError(photo.id, 'untrustedHost', 'hosted image outside Microsoft Graph');
    }
    const token = await options.graphToken();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await fetch(photo.url, {
      headers,
      redirect: inline || graph ? 'manual' : 'follow',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new PhotoDownloadError(photo.id, 'failed', (error as Error).message);
  }
  return readPhotoResponse(photo.id, response, options.maxBytes);
}
