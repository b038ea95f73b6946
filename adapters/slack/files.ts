/**
 * Authenticated downloads of files agents share with the bot (`url_private_download` needs the bot
 * token as a bearer). The token is only ever sent to Slack's own hosts (or the configured API host,
 * for GovSlack and tests), and the download stops as soon as it exceeds the size limit.
 */
import type { webApi } from '@slack/bolt';
import { readPhotoResponse } from '../../bot/download.js';
import { PhotoDownloadError, PhotoTooLargeError } from '../../bot/errors.js';
import type { IncomingPhoto } from '../../bot/ports.js';

type WebClient = webApi.WebClient;

export interface DownloadOptions {
  botToken: string;
  apiUrl: string;
  maxBytes: number;
  client: WebClient;
  timeoutMs?: number;
}

const SLACK_HOSTS = /(^|\.)(slack\.com|slack-edge\.com|slack-gov\.com|slack-files\.com)$/i;

/** True when the bot token may be sent to this URL. */
export function isTrustedFileUrl(url: string, apiUrl: string): boolean {
  try {
    const target = new URL(url);
    const api = new URL(apiUrl);
    if (target.origin === api.origin) return true;
    return target.protocol === 'https:' && SLACK_HOSTS.test(target.hostname);
  } catch {
    return false;
  }
}

/** Downloads a shared file's bytes; asks `files.info` first when the event carried no URL (modal uploads). */
export async function downloadSlackFile(photo: IncomingPhoto, options: DownloadOptions): Promise<Buffer> {
  let url = photo.url;
  if (!url) {
    const info = await options.client.files.info({ file: photo.id }).catch((error: unknown) => {
      throw new PhotoDownloadError(photo.id, 'notFound', `files.info failed for ${photo.id}: ${(error as Error).message}`);
    });
    const file = info.file;
    if (file?.size !== undefined && file.size > options.maxBytes) {
      throw new PhotoTooLargeError(photo.id, file.size);
    }
    url = file?.url_private_download ?? file?.url_private ?? '';
    if (!url) throw new PhotoDownloadError(photo.id, 'notFound', `file ${photo.id} has no download URL`);
  }
  if (!isTrustedFileUrl(url, options.apiUrl)) {
    throw new PhotoDownloadError(photo.id, 'untrustedHost', `refusing to send the bot token to ${new URL(url).host}`);
  }
  if (photo.size !== undefined && photo.size > options.maxBytes) {
    throw new PhotoTooLargeError(photo.id, photo.size);
  }

  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${options.botToken}` },
      // Slack answers a login page (200 HTML) or a redirect when the token is wrong: never follow it.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new PhotoDownloadError(photo.id, 'failed', `download of ${photo.id} failed: ${(error as Error).message}`);
  }
  return readPhotoResponse(photo.id, response, options.maxBytes);
}
